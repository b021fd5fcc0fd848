#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/api/url.hpp"

// Zoom's rules for the date ranges of the Dashboard event lists
// (GET /metrics/webinars, /metrics/meetings): `from` and `to` are whole UTC
// days (YYYY-MM-DD, both included), one request covers at most one month, and
// meetings only the last six months. The client splits a longer range with
// these rules and the mock refuses with them, so both sides agree.
namespace zoomqos::api {

using Date = std::chrono::year_month_day;

// Strict YYYY-MM-DD of a real calendar day (no 2026-02-30), years 1970-2200.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// The UTC day `now` falls on.
Date utc_day(std::chrono::system_clock::time_point now);

Date add_days(Date date, int days);
// Calendar months; a day the target month lacks becomes its last day
// (2024-01-31 + 1 month = 2024-02-29).
Date add_months(Date date, int months);

// The last day a request starting at `from` may reach: one month later,
// minus a day (2026-01-01 -> 2026-01-31, 2026-01-15 -> 2026-02-14).
Date last_day_of_window(Date from);

// The oldest day a meeting range may start on: six months before `today`.
Date oldest_meeting_day(Date today);

struct DateRange {
    Date from;
    Date to;
    bool operator==(const DateRange&) const = default;
};

// `range` (from <= to) as consecutive windows Zoom accepts, in order, none
// overlapping, together covering every day once.
std::vector<DateRange> split_range(DateRange range);

// {base}/metrics/{webinars|meetings}?type=...&from=YYYY-MM-DD&to=YYYY-MM-DD&page_size=N
// and &next_page_token=... when one is given (url.cpp).
std::string event_list_url(std::string_view base, EventKind kind, QosType type,
                           std::string_view from, std::string_view to, int page_size,
                           std::string_view next_page_token);

} // namespace zoomqos::api
