#include "zoomqos/exporter/budget.hpp"

#include <algorithm>

namespace zoomqos::exporter {

long estimated_requests(bool discover, std::size_t events) {
    const long listing = discover ? 1 : 0;
    return listing + static_cast<long>(std::max<std::size_t>(events, 1));
}

double stretched_interval(double requested, long requests, double rate, long daily_budget) {
    double interval = requested;
    if (rate > 0) {
        interval = std::max(interval, static_cast<double>(requests) / rate);
    }
    if (daily_budget > 0) {
        interval = std::max(interval, static_cast<double>(requests) * kSecondsPerDay /
                                          static_cast<double>(daily_budget));
    }
    return interval;
}

bool PollSchedule::plan(long requests) {
    const double before = planned_;
    planned_ = stretched_interval(requested_, requests, rate_, daily_budget_);
    return planned_ != before;
}

void PollSchedule::after_poll(bool rate_limited) {
    slowdown_ = rate_limited ? std::min(kMaxSlowdown, slowdown_ * 2) : std::max(1.0, slowdown_ / 2);
}

} // namespace zoomqos::exporter
