#include "zoomqos/http/pacer.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "zoomqos/http/client.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::http {

Pacer::Pacer(double requests_per_second) {
    if (requests_per_second > 0 && std::isfinite(requests_per_second)) {
        initial_rate_ = requests_per_second;
        set_rate(requests_per_second);
    }
}

void Pacer::set_rate(double requests_per_second) {
    rate_ = requests_per_second;
    interval_ = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / requests_per_second));
}

void Pacer::per_second_limited(Clock::time_point now) {
    const bool repeated =
        last_per_second_429_ && now - *last_per_second_429_ <= Clock::duration(kRepeatWindow);
    last_per_second_429_ = now;
    if (rate_ <= 0 || !repeated ||
        (last_decrease_ && now - *last_decrease_ < Clock::duration(kHoldoff))) {
        return;
    }
    // Multiplicative decrease: one halving for a burst of 429s, as the
    // requests in flight together all get one.
    set_rate(std::max(kMinimumRate, std::min(rate_, rate_ / 2)));
    last_change_ = now;
    last_decrease_ = now;
    ++stats_.slowed;
}

Pacer::Clock::time_point Pacer::next_start(Clock::time_point now) const {
    Clock::time_point earliest = std::max(now, paused_until_);
    if (any_started_) {
        // Spaced from the last actual start: a start that happened late pushes
        // the next one back rather than letting two go out together.
        earliest = std::max(earliest, last_start_ + interval_);
    }
    return earliest;
}

void Pacer::started(Clock::time_point now) {
    if (!any_started_) {
        stats_.first = now;
    }
    // Additive increase: a tenth of the first rate per quiet kGrowEvery.
    if (rate_ > 0 && rate_ < initial_rate_ && last_change_ &&
        now - *last_change_ >= Clock::duration(kGrowEvery) &&
        (!last_per_second_429_ || now - *last_per_second_429_ >= Clock::duration(kGrowEvery))) {
        set_rate(std::min(initial_rate_, rate_ + initial_rate_ / 10));
        last_change_ = now;
    }
    any_started_ = true;
    last_start_ = now;
    stats_.last = now;
    ++stats_.requests;
}

void Pacer::pause_until(Clock::time_point until) {
    paused_until_ = std::max(paused_until_, until);
    if (on_pause_) {
        on_pause_(until);
    }
}

void Pacer::answered(long status) {
    if (status == 429) {
        ++stats_.rate_limited;
    }
}

void Pacer::answered(const Response& response) {
    if (observer_) {
        observer_(response);
    }
    answered(response.status);
}

void Pacer::retried() {
    ++stats_.retries;
}

bool Pacer::wait_to_start() {
    for (;;) {
        if (process::interrupted()) {
            return false;
        }
        const Clock::time_point now = Clock::now();
        const Clock::time_point start = next_start(now);
        if (start <= now) {
            started(now);
            return true;
        }
        std::this_thread::sleep_for(
            std::min<Clock::duration>(start - now, std::chrono::milliseconds(50)));
    }
}

std::string Pacer::summary() const {
    std::ostringstream out;
    out << stats_.requests << (stats_.requests == 1 ? " request, " : " requests, ")
        << stats_.retries << (stats_.retries == 1 ? " retry, " : " retries, ")
        << stats_.rate_limited << " rate limited (HTTP 429)";
    const double span = std::chrono::duration<double>(stats_.last - stats_.first).count();
    if (stats_.requests > 1 && span > 0) {
        // Starts per second over the run: n starts span n - 1 intervals.
        out.setf(std::ios::fixed);
        out.precision(1);
        out << ", " << static_cast<double>(stats_.requests - 1) / span << " requests/s";
    }
    if (stats_.slowed > 0) {
        out << "; --rate " << text::decimal(initial_rate_, 2) << " lowered " << stats_.slowed
            << (stats_.slowed == 1 ? " time" : " times")
            << " after repeated per-second 429s, settled at " << text::decimal(rate_, 2)
            << " requests/s";
    }
    return out.str();
}

} // namespace zoomqos::http
