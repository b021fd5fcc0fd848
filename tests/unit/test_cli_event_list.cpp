#include <string>

#include <catch2/catch.hpp>

#include "cli/event_list.hpp"

using namespace zoomqos;
using namespace zoomqos::cli;

namespace {

api::Date day(const char* text) {
    const auto date = api::parse_date(text);
    REQUIRE(date);
    return *date;
}

std::string resolved(const EventListOptions& options, const char* today) {
    const auto range = resolve_range(options, day(today));
    if (!range) {
        return "error: " + range.error().message;
    }
    return api::format_date(range->from) + ".." + api::format_date(range->to);
}

} // namespace

TEST_CASE("the default range is the last seven days up to the clock's today", "[events]") {
    EventListOptions options;
    CHECK(resolved(options, "2026-12-02") == "2026-11-26..2026-12-02");
    CHECK(resolved(options, "2024-03-03") == "2024-02-26..2024-03-03");
    options.to = "2026-11-30";
    CHECK(resolved(options, "2026-12-02") == "2026-11-24..2026-11-30");
    options.from = "2026-10-01";
    CHECK(resolved(options, "2026-12-02") == "2026-10-01..2026-11-30");
}

TEST_CASE("the clock is injectable", "[events]") {
    const auto fixed = [] {
        return std::chrono::sys_days{day("2026-02-28")} + std::chrono::hours{23};
    };
    CHECK(today(fixed) == day("2026-02-28"));
}

TEST_CASE("ranges Zoom cannot serve are usage errors naming the limit", "[events]") {
    EventListOptions options;
    options.from = "2026-12-01";
    options.to = "2026-11-30";
    CHECK(resolved(options, "2026-12-02") == "error: --from 2026-12-01 is after --to 2026-11-30");
    options.from = "2026-11-31";
    CHECK(resolved(options, "2026-12-02") == "error: --from '2026-11-31' is not a date YYYY-MM-DD");
    options.from = "2026-06-01";
    CHECK(resolved(options, "2026-12-02") == "2026-06-01..2026-11-30");
    options.kind = api::EventKind::Meeting;
    CHECK(resolved(options, "2026-12-02") ==
          "error: --from 2026-06-01 is more than six months ago: Zoom keeps meeting data for "
          "the last six months only (from 2026-06-02)");
    options.from = "2026-06-02";
    CHECK(resolved(options, "2026-12-02") == "2026-06-02..2026-11-30");
    const auto range = resolve_range(options, day("2027-01-01"));
    REQUIRE_FALSE(range);
    CHECK(range.error().kind == ErrorKind::Usage);
}

TEST_CASE("an event instance seen in two windows counts once", "[events]") {
    UniqueEvents unique;
    CHECK(unique.first_time("HaL0wEeN9nIgHt8LaTe7sW=="));
    CHECK(unique.first_time("/Zq0aA1b2Cc3Dd4=="));
    CHECK_FALSE(unique.first_time("HaL0wEeN9nIgHt8LaTe7sW=="));
    CHECK(unique.first_time("Hq8//tR5wXyZ2aBc3dE4fg=="));
    CHECK(unique.size() == 3);
}
