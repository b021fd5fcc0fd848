#pragma once

#include <cstddef>

// How often `zoomqos exporter` may poll: every poll's requests must fit the
// per-second pace (--rate) within the interval and, over a day, the share of
// the account's daily request pool given to it (--daily-budget). Zoom's
// numbers (API-NOTES): Heavy requests, Pro 10/s, a daily pool of 30,000
// shared with Resource-intensive ones.
namespace zoomqos::exporter {

inline constexpr long kProDailyLimit = 30'000;
// Half of the Pro pool: the rest stays for the account's other apps and for
// the zoomqos commands people run by hand.
inline constexpr long kDefaultDailyBudget = kProDailyLimit / 2;
inline constexpr double kSecondsPerDay = 86'400;
// A QPS 429 doubles the interval, up to this many times the planned one.
inline constexpr double kMaxSlowdown = 8;

// The requests one poll makes before any is seen: a page of the live
// listing when discovering, then at least one participant page per event
// (an unknown number of events counts as one).
long estimated_requests(bool discover, std::size_t events);

// The shortest interval (seconds) at or above `requested` in which
// `requests` requests fit at `rate` per second (0: unpaced) and which, polled
// all day, stays within `daily_budget` requests (0: no budget).
double stretched_interval(double requested, long requests, double rate, long daily_budget);

// The interval in force: the budget's, slowed by QPS 429s.
class PollSchedule {
public:
    PollSchedule(double requested, double rate, long daily_budget)
        : requested_(requested), rate_(rate), daily_budget_(daily_budget), planned_(requested) {}

    // Plans for polls of `requests` requests; true when the planned
    // interval changed.
    bool plan(long requests);

    // After a poll: a QPS 429 in it doubles the slowdown (up to
    // kMaxSlowdown); a poll without one halves it back towards 1.
    void after_poll(bool rate_limited);

    double planned() const noexcept { return planned_; }
    double slowdown() const noexcept { return slowdown_; }
    double interval() const noexcept { return planned_ * slowdown_; }

private:
    double requested_;
    double rate_;
    long daily_budget_;
    double planned_;
    double slowdown_ = 1;
};

} // namespace zoomqos::exporter
