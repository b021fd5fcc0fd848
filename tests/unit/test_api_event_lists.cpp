#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/api/event_lists.hpp"

using namespace zoomqos::api;

namespace {

Date day(const char* text) {
    const auto date = parse_date(text);
    REQUIRE(date);
    return *date;
}

// "2026-01-01..2026-01-31 2026-02-01..2026-02-27"
std::string windows(const char* from, const char* to) {
    std::string out;
    for (const DateRange& window : split_range({day(from), day(to)})) {
        if (!out.empty()) {
            out += ' ';
        }
        out += format_date(window.from) + ".." + format_date(window.to);
    }
    return out;
}

} // namespace

TEST_CASE("dates are strict YYYY-MM-DD of real days", "[dates]") {
    CHECK(format_date(day("2026-11-30")) == "2026-11-30");
    CHECK(format_date(day("2024-02-29")) == "2024-02-29");
    CHECK_FALSE(parse_date("2026-02-29"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-11-31"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK_FALSE(parse_date("2026-11-30T00:00:00Z"));
    CHECK_FALSE(parse_date("26-11-30"));
    CHECK_FALSE(parse_date("2026/11/30"));
    CHECK_FALSE(parse_date("+026-11-30"));
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("1969-12-31"));
}

TEST_CASE("months are added by the calendar, clamped to the month's end", "[dates]") {
    CHECK(format_date(add_months(day("2026-01-15"), 1)) == "2026-02-15");
    CHECK(format_date(add_months(day("2024-01-31"), 1)) == "2024-02-29");
    CHECK(format_date(add_months(day("2026-01-31"), 1)) == "2026-02-28");
    CHECK(format_date(add_months(day("2026-12-31"), 1)) == "2027-01-31");
    CHECK(format_date(add_months(day("2026-08-31"), -6)) == "2026-02-28");
    CHECK(format_date(oldest_meeting_day(day("2026-12-02"))) == "2026-06-02");
    CHECK(format_date(add_days(day("2024-02-28"), 1)) == "2024-02-29");
    CHECK(format_date(add_days(day("2026-12-31"), 1)) == "2027-01-01");
}

TEST_CASE("a window reaches one month minus a day", "[dates]") {
    CHECK(format_date(last_day_of_window(day("2026-01-01"))) == "2026-01-31");
    CHECK(format_date(last_day_of_window(day("2026-01-15"))) == "2026-02-14");
    CHECK(format_date(last_day_of_window(day("2024-01-31"))) == "2024-02-28");
    CHECK(format_date(last_day_of_window(day("2026-02-01"))) == "2026-02-28");
    CHECK(format_date(last_day_of_window(day("2024-02-01"))) == "2024-02-29");
}

TEST_CASE("a range is split into consecutive windows Zoom accepts", "[dates]") {
    SECTION("one day") {
        CHECK(windows("2026-11-30", "2026-11-30") == "2026-11-30..2026-11-30");
    }
    SECTION("exactly one month is one window") {
        CHECK(windows("2026-01-01", "2026-01-31") == "2026-01-01..2026-01-31");
        CHECK(windows("2026-01-15", "2026-02-14") == "2026-01-15..2026-02-14");
    }
    SECTION("one day more is two windows") {
        CHECK(windows("2026-01-01", "2026-02-01") ==
              "2026-01-01..2026-01-31 2026-02-01..2026-02-01");
    }
    SECTION("leap years") {
        CHECK(windows("2024-02-01", "2024-03-31") ==
              "2024-02-01..2024-02-29 2024-03-01..2024-03-31");
        CHECK(windows("2023-02-01", "2023-03-31") ==
              "2023-02-01..2023-02-28 2023-03-01..2023-03-31");
        CHECK(windows("2024-01-31", "2024-03-01") ==
              "2024-01-31..2024-02-28 2024-02-29..2024-03-01");
    }
    SECTION("across a year") {
        CHECK(windows("2026-10-01", "2027-01-10") ==
              "2026-10-01..2026-10-31 2026-11-01..2026-11-30 2026-12-01..2026-12-31 "
              "2027-01-01..2027-01-10");
    }
    SECTION("every day once, in order") {
        const auto parts = split_range({day("2025-01-17"), day("2026-12-05")});
        REQUIRE(parts.size() == 23);
        CHECK(parts.front().from == day("2025-01-17"));
        CHECK(parts.back().to == day("2026-12-05"));
        for (std::size_t i = 0; i < parts.size(); ++i) {
            CHECK(std::chrono::sys_days{parts[i].to} <=
                  std::chrono::sys_days{last_day_of_window(parts[i].from)});
            if (i > 0) {
                CHECK(parts[i].from == add_days(parts[i - 1].to, 1));
            }
        }
    }
}

TEST_CASE("event list URLs carry the type, the days and the page token", "[dates]") {
    CHECK(event_list_url("https://api.zoom.us/v2", EventKind::Webinar, QosType::Live, "2026-11-30",
                         "2026-12-01", 300, "") ==
          "https://api.zoom.us/v2/metrics/webinars?type=live&from=2026-11-30&to=2026-12-01"
          "&page_size=300");
    CHECK(event_list_url("https://api.zoom.us/v2", EventKind::Meeting, QosType::Past, "2026-11-01",
                         "2026-11-30", 30, "a b+") ==
          "https://api.zoom.us/v2/metrics/meetings?type=past&from=2026-11-01&to=2026-11-30"
          "&page_size=30&next_page_token=a%20b%2B");
}
