#include "zoomqos/api/event_lists.hpp"

#include <cstdio>

namespace zoomqos::api {

namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2200;

std::optional<int> digits(std::string_view text) {
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto year = digits(text.substr(0, 4));
    const auto month = digits(text.substr(5, 2));
    const auto day = digits(text.substr(8, 2));
    if (!year || !month || !day || *year < kFirstYear || *year > kLastYear) {
        return std::nullopt;
    }
    const Date date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                    std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

std::string format_date(Date date) {
    char buffer[16];
    const int written =
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return written > 0 ? std::string(buffer, static_cast<std::size_t>(written)) : std::string();
}

Date utc_day(std::chrono::system_clock::time_point now) {
    return Date{std::chrono::floor<std::chrono::days>(now)};
}

Date add_days(Date date, int days) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Date add_months(Date date, int months) {
    const Date moved = date + std::chrono::months{months};
    if (moved.ok()) {
        return moved;
    }
    return Date{
        std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}};
}

Date last_day_of_window(Date from) {
    return add_days(add_months(from, 1), -1);
}

Date oldest_meeting_day(Date today) {
    return add_months(today, -6);
}

std::vector<DateRange> split_range(DateRange range) {
    std::vector<DateRange> windows;
    Date from = range.from;
    while (std::chrono::sys_days{from} <= std::chrono::sys_days{range.to}) {
        const Date last = last_day_of_window(from);
        const Date to =
            std::chrono::sys_days{last} < std::chrono::sys_days{range.to} ? last : range.to;
        windows.push_back({from, to});
        from = add_days(to, 1);
    }
    return windows;
}

} // namespace zoomqos::api
