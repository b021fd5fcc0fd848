#include "zoomqos/http/pacer.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "zoomqos/http/client.hpp"
#include "zoomqos/process/interrupt.hpp"

namespace zoomqos::http {

Pacer::Pacer(double requests_per_second) {
    if (requests_per_second > 0 && std::isfinite(requests_per_second)) {
        interval_ = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / requests_per_second));
    }
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
    any_started_ = true;
    last_start_ = now;
    stats_.last = now;
    ++stats_.requests;
}

void Pacer::pause_until(Clock::time_point until) {
    paused_until_ = std::max(paused_until_, until);
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
    return out.str();
}

} // namespace zoomqos::http
