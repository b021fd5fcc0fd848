#include "progress.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace zoomqos::cli {

namespace {

constexpr auto kQuietStart = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(200);

} // namespace

Progress::Progress(std::ostream& err, bool enabled, std::optional<std::size_t> total,
                   const char* noun)
    : err_(err), enabled_(enabled), total_(total), noun_(noun) {}

Progress::~Progress() {
    if (followed_ != nullptr) {
        followed_->on_pause({});
    }
    clear();
}

std::string Progress::line(std::size_t done, std::optional<std::size_t> total, const char* noun,
                           double seconds) {
    std::ostringstream out;
    out << done;
    if (total) {
        out << "/" << *total;
    }
    out << " " << noun;
    if (seconds > 0 && done > 0) {
        const double rate = static_cast<double>(done) / seconds;
        out.setf(std::ios::fixed);
        out.precision(1);
        out << ", " << rate << "/s";
        if (total && *total > done) {
            const double left = static_cast<double>(*total - done) / rate;
            out << ", ETA " << static_cast<long long>(std::ceil(left)) << " s";
        }
    }
    return out.str();
}

void Progress::tick() {
    if (!enabled_) {
        return;
    }
    const Clock::time_point now = Clock::now();
    if (now - start_ < kQuietStart || (drawn_ && now - last_draw_ < kRedraw) || now < note_until_) {
        return;
    }
    const double seconds = std::chrono::duration<double>(now - start_).count();
    // \r and erase-to-end-of-line: the line rewrites itself in place.
    err_ << "\r\x1b[K" << line(done_, total_, noun_, seconds) << std::flush;
    drawn_ = true;
    last_draw_ = now;
}

void Progress::note(const std::string& text, Clock::time_point until) {
    if (!enabled_) {
        return;
    }
    err_ << "\r\x1b[K" << text << std::flush;
    drawn_ = true;
    last_draw_ = Clock::now();
    note_until_ = until;
}

std::string Progress::pause_text(std::chrono::steady_clock::duration wait) {
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
    return "rate limited, waiting " + std::to_string(std::max<long long>(seconds, 0)) + " s";
}

void Progress::follow_pauses(http::Pacer& pacer) {
    followed_ = &pacer;
    pacer.on_pause([this](http::Pacer::Clock::time_point until) {
        note(pause_text(until - http::Pacer::Clock::now()), until);
    });
}

void Progress::clear() {
    if (drawn_) {
        err_ << "\r\x1b[K" << std::flush;
        drawn_ = false;
        last_draw_ = {};
    }
}

} // namespace zoomqos::cli
