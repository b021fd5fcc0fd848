#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "zoomqos/http/client.hpp"

// Pacing shared by every API request of a run (--rate): where a server limits
// requests per second per account, a run spaces its own requests out instead
// of finding the limit by 429s, and a 429 that does arrive stops every
// request of the run for its Retry-After, not just the one that received it.
// When per-second 429s repeat anyway (another app of the account is using
// the same budget), the pacer lowers the run's rate: AIMD, as TCP does —
// halve at once, grow back by a tenth of --rate every few seconds.
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

    // Called with `until` whenever pause_until() runs (cli shows "rate
    // limited, waiting N s" on the progress line).
    void on_pause(std::function<void(Clock::time_point until)> hook) {
        on_pause_ = std::move(hook);
    }

    // A 429 that said a per-second limit was hit, at `now`. The second within
    // kRepeatWindow halves the rate (not again within kHoldoff, never below
    // kMinimumRate); started() grows it back by a tenth of the first rate
    // every kGrowEvery without one, up to that first rate. An unpaced Pacer
    // stays unpaced.
    void per_second_limited(Clock::time_point now);
    static constexpr std::chrono::seconds kRepeatWindow{10};
    static constexpr std::chrono::seconds kHoldoff{2};
    static constexpr std::chrono::seconds kGrowEvery{5};
    static constexpr double kMinimumRate = 0.1;

    // Requests per second now (0: unpaced), and the rate it started with.
    double rate() const noexcept { return rate_; }
    double initial_rate() const noexcept { return initial_rate_; }

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
        long slowed = 0;       // times the rate was halved
        Clock::time_point first{};
        Clock::time_point last{};
    };
    const Stats& stats() const noexcept { return stats_; }

    // "400 requests, 2 retries, 2 rate limited (HTTP 429), 39.8 requests/s" for -v;
    // after a slow-down also "; --rate 10 lowered 2 times, settled at 3.5 requests/s".
    std::string summary() const;

private:
    void set_rate(double requests_per_second);

    double initial_rate_ = 0;
    double rate_ = 0;
    Clock::duration interval_{0};
    std::optional<Clock::time_point> last_per_second_429_;
    std::optional<Clock::time_point> last_change_;   // the last halving or growth
    std::optional<Clock::time_point> last_decrease_; // the last halving
    std::function<void(Clock::time_point)> on_pause_;
    Clock::time_point last_start_{};
    bool any_started_ = false;
    Clock::time_point paused_until_{};
    Stats stats_;
    Observer observer_;
};

} // namespace zoomqos::http
