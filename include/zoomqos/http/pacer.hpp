#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "zoomqos/http/client.hpp"

// Pacing shared by every API request of a run (--rate): where a server limits
// requests per second per account, a run spaces its own requests out instead
// of finding the limit by 429s, and a 429 that does arrive stops every
// request of the run for its Retry-After, not just the one that received it.
namespace zoomqos::http {

class Pacer {
public:
    using Clock = std::chrono::steady_clock;

    // At most `requests_per_second` request starts per second, evenly spaced
    // (a token bucket holding one token: no bursts, so a per-second window on
    // the server never sees more than the rate). 0 or less: unpaced.
    explicit Pacer(double requests_per_second = 0);

    // The earliest instant a request may start, as of `now`.
    Clock::time_point next_start(Clock::time_point now) const;

    // Records a request starting at `now` (at or after next_start()).
    void started(Clock::time_point now);

    // A 429 asked to wait: no request of the run starts before `until`.
    void pause_until(Clock::time_point until);

    // Records a response's status (429s are counted) and a retry scheduled.
    void answered(long status);
    void retried();
    // The same for a response, which is first shown to the observer.
    void answered(const Response& response);

    // Sees every response the paced requests receive, retries included
    // (status and headers: the exporter's request counters, X-RateLimit-*).
    using Observer = std::function<void(const Response&)>;
    void observe(Observer observer) { observer_ = std::move(observer); }

    // Waits (in slices, so that Ctrl-C ends it) until a request may start and
    // records it; false when interrupted.
    bool wait_to_start();

    struct Stats {
        long requests = 0;
        long retries = 0;
        long rate_limited = 0; // 429s received
        Clock::time_point first{};
        Clock::time_point last{};
    };
    const Stats& stats() const noexcept { return stats_; }

    // "400 requests, 2 retries, 2 rate limited (HTTP 429), 39.8 requests/s" for -v.
    std::string summary() const;

private:
    Clock::duration interval_{0};
    Clock::time_point last_start_{};
    bool any_started_ = false;
    Clock::time_point paused_until_{};
    Stats stats_;
    Observer observer_;
};

} // namespace zoomqos::http
