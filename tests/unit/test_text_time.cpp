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

TEST_CASE("Zone names for --tz: UTC, local, or a zone the database holds", "[text][time]") {
    CHECK(parse_zone("UTC") == Zone{});
    CHECK(parse_zone("utc") == Zone{});
    CHECK(parse_zone("Z") == Zone{});
    CHECK(parse_zone("local") == Zone{Zone::Kind::Local, {}});
    CHECK(parse_zone("Local") == Zone{Zone::Kind::Local, {}});
    CHECK(parse_zone("Europe/Stockholm") == Zone{Zone::Kind::Named, "Europe/Stockholm"});
    CHECK(parse_zone("America/Argentina/Buenos_Aires"));
    // A typo is refused, not read as UTC as the C library would read it.
    CHECK_FALSE(parse_zone("Europe/Stockholmm"));
    CHECK_FALSE(parse_zone("CET-1"));
    CHECK_FALSE(parse_zone(""));
    // Nothing outside the database's folder, nor a file that is no zone.
    CHECK_FALSE(parse_zone("/etc/localtime"));
    CHECK_FALSE(parse_zone("../../../etc/passwd"));
    CHECK_FALSE(parse_zone("Europe/../Europe/Stockholm"));
    CHECK_FALSE(parse_zone("Europe//Stockholm"));
    CHECK_FALSE(parse_zone("Europe/"));
    CHECK_FALSE(parse_zone("zone.tab"));
    CHECK_FALSE(parse_zone("Europe/Stock holm"));
    CHECK_FALSE(parse_zone(std::string(200, 'A')));
}

TEST_CASE("Instants in a zone, ISO-8601 with the offset", "[text][time]") {
    const ScopedTimeZone restore("UTC0");
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), Zone{}) == "2026-11-20T14:00:12Z");
    CHECK(zone_abbreviation(utc(2026, 11, 20, 14, 0, 12), Zone{}) == "UTC");

    const Zone stockholm = *parse_zone("Europe/Stockholm");
    apply_zone(stockholm);
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), stockholm) ==
          "2026-11-20T15:00:12+01:00");
    CHECK(zone_abbreviation(utc(2026, 11, 20, 14, 0, 12), stockholm) == "CET");
    CHECK(format_iso_in_zone(utc(2026, 7, 1, 23, 30, 0), stockholm) == "2026-07-02T01:30:00+02:00");
    CHECK(zone_abbreviation(utc(2026, 7, 1, 23, 30, 0), stockholm) == "CEST");
    // UTC itself is unaffected by the applied zone.
    CHECK(format_iso_in_zone(utc(2026, 7, 1, 23, 30, 0), Zone{}) == "2026-07-01T23:30:00Z");

    const Zone st_johns = *parse_zone("America/St_Johns");
    apply_zone(st_johns);
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), st_johns) ==
          "2026-11-20T10:30:12-03:30");
    const Zone kolkata = *parse_zone("Asia/Kolkata");
    apply_zone(kolkata);
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), kolkata) == "2026-11-20T19:30:12+05:30");
    // What is written reads back as the same instant.
    CHECK(parse_iso8601(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), kolkata)) ==
          utc(2026, 11, 20, 14, 0, 12));

    // "local" is what TZ (or the system) says: UTC writes "Z" as Zoom does,
    // London in winter its zero offset.
    const Zone local{Zone::Kind::Local, {}};
    ::setenv("TZ", "UTC0", 1);
    apply_zone(local);
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), local) == "2026-11-20T14:00:12Z");
    const Zone london = *parse_zone("Europe/London");
    apply_zone(london);
    CHECK(format_iso_in_zone(utc(2026, 11, 20, 14, 0, 12), london) == "2026-11-20T14:00:12+00:00");
    CHECK(zone_abbreviation(utc(2026, 11, 20, 14, 0, 12), london) == "GMT");
}

TEST_CASE("The shape of an ISO-8601 date-time with a zone", "[text][time]") {
    CHECK(is_iso_date_time("2026-11-20T14:01:00Z"));
    CHECK(is_iso_date_time("2026-11-20T15:01:00+01:00"));
    CHECK(is_iso_date_time("2026-11-20T10:31:00-03:30"));
    CHECK_FALSE(is_iso_date_time("2026-11-20T14:01:00"));
    CHECK_FALSE(is_iso_date_time("2026-11-20 14:01:00Z"));
    CHECK_FALSE(is_iso_date_time("2026-11-20T14:01:00.5Z"));
    CHECK_FALSE(is_iso_date_time("2026-11-20T14:01:00+0100"));
    CHECK_FALSE(is_iso_date_time("2026-11-20T14:01:00ZZ"));
    CHECK_FALSE(is_iso_date_time("x026-11-20T14:01:00Z"));
    CHECK_FALSE(is_iso_date_time(""));
}
