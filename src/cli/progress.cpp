#include "progress.hpp"

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
    if (now - start_ < kQuietStart || (drawn_ && now - last_draw_ < kRedraw)) {
        return;
    }
    const double seconds = std::chrono::duration<double>(now - start_).count();
    // \r and erase-to-end-of-line: the line rewrites itself in place.
    err_ << "\r\x1b[K" << line(done_, total_, noun_, seconds) << std::flush;
    drawn_ = true;
    last_draw_ = now;
}

void Progress::clear() {
    if (drawn_) {
        err_ << "\r\x1b[K" << std::flush;
        drawn_ = false;
        last_draw_ = {};
    }
}

} // namespace zoomqos::cli
