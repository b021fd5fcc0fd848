#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/text/time.hpp"

using namespace zoomqos::text;

namespace {

WallTime utc(int year, unsigned month, unsigned day, int hour, int minute, int second) {
    return std::chrono::sys_days(std::chrono::year_month_day(
               std::chrono::year(year), std::chrono::month(month), std::chrono::day(day))) +
           std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second);
}

// Sets TZ for one test and puts it back after.
class ScopedTimeZone {
public:
    explicit ScopedTimeZone(const char* zone) {
        const char* old = std::getenv("TZ");
        had_ = old != nullptr;
        saved_ = had_ ? old : "";
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~ScopedTimeZone() {
        if (had_) {
            ::setenv("TZ", saved_.c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
    bool had_ = false;
    std::string saved_;
};

} // namespace

TEST_CASE("HTTP-dates in all three forms", "[text][time]") {
    const WallTime expected = utc(1994, 11, 6, 8, 49, 37);
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
    CHECK(parse_http_date("  Sun, 06 nov 1994 08:49:37 GMT\r\n") == expected);
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"));
    CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49 GMT"));
    CHECK_FALSE(parse_http_date(""));
    CHECK_FALSE(parse_http_date("2020-05-31T00:00:00Z"));
}

TEST_CASE("ISO-8601 date-times with a zone", "[text][time]") {
    CHECK(parse_iso8601("2020-05-31T00:00:00Z") == utc(2020, 5, 31, 0, 0, 0));
    CHECK(parse_iso8601("2020-05-31t00:00:00z") == utc(2020, 5, 31, 0, 0, 0));
    CHECK(parse_iso8601(" 2020-05-31T00:00:00Z\n") == utc(2020, 5, 31, 0, 0, 0));
    CHECK(parse_iso8601("2020-05-31T00:00:00.250Z") == utc(2020, 5, 31, 0, 0, 0));
    CHECK(parse_iso8601("2020-05-31T02:00:00+02:00") == utc(2020, 5, 31, 0, 0, 0));
    CHECK(parse_iso8601("2020-05-30T19:00:00-0500") == utc(2020, 5, 31, 0, 0, 0));
    CHECK_FALSE(parse_iso8601("2020-05-31T00:00:00")); // no zone: no instant
    CHECK_FALSE(parse_iso8601("2020-05-31"));
    CHECK_FALSE(parse_iso8601("2020-13-01T00:00:00Z"));
    CHECK_FALSE(parse_iso8601("2021-02-29T00:00:00Z"));
    CHECK_FALSE(parse_iso8601("2020-05-31T00:00:00.Z"));
    CHECK_FALSE(parse_iso8601("2020-05-31T00:00:00+24:00"));
    CHECK_FALSE(parse_iso8601("2020-05-31T00:00:00Zjunk"));
    CHECK_FALSE(parse_iso8601("Sun, 06 Nov 1994 08:49:37 GMT"));
}

TEST_CASE("Dates outside what the clock holds are refused, not overflowed", "[text][time]") {
    // Found by fuzz_retry_after: seconds to nanoseconds overflowed past 2262.
    CHECK_FALSE(parse_iso8601("2426-11-28T00:00:00-05:30"));
    CHECK_FALSE(parse_iso8601("0001-01-01T00:00:00Z"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 9994 08:49:37 GMT"));
    CHECK(parse_iso8601("2200-12-31T23:59:59Z"));
    CHECK(parse_iso8601("1970-01-01T00:00:00Z") == WallTime{});
}

TEST_CASE("Times are shown in local time", "[text][time]") {
    const ScopedTimeZone cet("CET-1");
    CHECK(format_local_time(utc(2026, 11, 27, 23, 0, 0)) == "2026-11-28 00:00:00 CET");
}

TEST_CASE("Times in UTC, ISO-8601", "[text][time]") {
    const ScopedTimeZone cet("CET-1"); // the local zone must not matter
    using std::chrono::seconds;
    using std::chrono::sys_seconds;
    CHECK(format_iso_utc(sys_seconds{}) == "1970-01-01T00:00:00Z");
    CHECK(format_iso_utc(sys_seconds(seconds(1'795'824'000))) == "2026-11-28T00:00:00Z");
    // What one writes, the other reads back.
    const auto back = parse_iso8601(format_iso_utc(sys_seconds(seconds(1'700'000'000))));
    CHECK(back == WallTime{} + seconds(1'700'000'000));
}
