#include <cstdlib>
#include <ctime>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/times.hpp"

using namespace zoomqos;

TEST_CASE("A zone rewrites every time of a participant, and only what names an instant",
          "[model][times]") {
    model::Participant participant;
    participant.join_time = "2026-11-20T14:00:12Z";
    participant.leave_time = "not a time";
    participant.user_name = "2026-11-20T14:00:12Z"; // a name is never a time
    model::Sample first;
    first.date_time = "2026-11-20T14:01:00Z";
    model::Sample undated;
    participant.user_qos = {first, undated};
    participant.details = model::Json{{"join_time", "2026-11-20T13:59:58Z"},
                                      {"leave_time", nullptr},
                                      {"location", "2026-11-20T13:59:58Z"}};

    const text::Zone kolkata = *text::parse_zone("Asia/Kolkata");
    text::apply_zone(kolkata);
    model::convert_times(participant, kolkata);
    ::unsetenv("TZ");
    ::tzset();

    CHECK(participant.join_time == "2026-11-20T19:30:12+05:30");
    CHECK(participant.leave_time == "not a time");
    CHECK(participant.user_name == "2026-11-20T14:00:12Z");
    CHECK(participant.user_qos[0].date_time == "2026-11-20T19:31:00+05:30");
    CHECK_FALSE(participant.user_qos[1].date_time);
    CHECK(participant.details->at("join_time") == "2026-11-20T19:29:58+05:30");
    CHECK(participant.details->at("leave_time").is_null());
    CHECK(participant.details->at("location") == "2026-11-20T13:59:58Z");

    // UTC writes Zoom's own form back.
    model::convert_times(participant, text::Zone{});
    CHECK(participant.join_time == "2026-11-20T14:00:12Z");
    CHECK(participant.user_qos[0].date_time == "2026-11-20T14:01:00Z");
}
