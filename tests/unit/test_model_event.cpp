#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/event.hpp"

using namespace zoomqos::model;

namespace {

const char* const kPage = R"({"from":"2026-11-01","to":"2026-11-30","page_count":1,"page_size":300,
"total_records":2,"next_page_token":"tok","webinars":[
{"uuid":"/Zq0aA1b2Cc3Dd4==","id":83456789012,"topic":"Weekly office hours","host":"Ines",
 "email":"i@example.com","user_type":"Licensed","start_time":"2026-11-13T11:00:00+01:00",
 "end_time":"2026-11-13T10:05:00Z","duration":"05:00","participants":1,"has_pstn":false,
 "has_voip":true,"has_3rd_party_audio":false,"has_video":true,"has_screen_share":false,
 "has_recording":false,"has_sip":false,"has_archiving":false,"dept":"",
 "custom_keys":[{"key":"k","value":"v"}],"audience_type":"internal"},
{"uuid":"x==","id":"84000000002","duration":70,"participants":"many","has_video":"yes",
 "start_time":"not a time","end_time":""}]})";

} // namespace

TEST_CASE("durations in Zoom's spellings become seconds", "[event]") {
    CHECK(parse_duration(Json("01:01:00")) == 3660);
    CHECK(parse_duration(Json("16:08")) == 968);
    CHECK(parse_duration(Json("0:00:59")) == 59);
    CHECK(parse_duration(Json(45)) == 2700);
    CHECK(parse_duration(Json("45")) == 2700);
    CHECK_FALSE(parse_duration(Json("")));
    CHECK_FALSE(parse_duration(Json("1:60")));
    CHECK_FALSE(parse_duration(Json("1:2:3:4")));
    CHECK_FALSE(parse_duration(Json("ab:cd")));
    CHECK_FALSE(parse_duration(Json(-5)));
    CHECK_FALSE(parse_duration(Json(nullptr)));
}

TEST_CASE("an event page maps to typed events, unknown fields kept", "[event]") {
    const auto page = parse_event_page(kPage, "webinar");
    REQUIRE(page);
    CHECK(page->next_page_token == "tok");
    CHECK(page->total_records == 2);
    REQUIRE(page->events.size() == 2);
    const Event& first = page->events[0];
    CHECK(first.kind == "webinar");
    CHECK(first.uuid == "/Zq0aA1b2Cc3Dd4==");
    CHECK(first.id == 83456789012);
    CHECK(first.duration_seconds == 300);
    CHECK(first.participants == 1);
    CHECK(first.flags[1] == true);
    CHECK(first.flags[0] == false);
    CHECK(to_line(first) ==
          R"({"kind":"webinar","uuid":"/Zq0aA1b2Cc3Dd4==","id":83456789012,)"
          R"("topic":"Weekly office hours","host":"Ines","email":"i@example.com",)"
          R"("user_type":"Licensed","dept":"","start_time":"2026-11-13T10:00:00Z",)"
          R"("end_time":"2026-11-13T10:05:00Z","duration_seconds":300,"participants":1,)"
          R"("has_pstn":false,"has_voip":true,"has_3rd_party_audio":false,"has_video":true,)"
          R"("has_screen_share":false,"has_recording":false,"has_sip":false,)"
          R"("has_archiving":false,"custom_keys":[{"key":"k","value":"v"}],)"
          R"("audience_type":"internal"})");
}

TEST_CASE("event values of an unexpected type keep their raw value in place", "[event]") {
    const auto page = parse_event_page(kPage, "webinar");
    REQUIRE(page);
    const Event& second = page->events[1];
    CHECK(second.id == 84000000002);
    CHECK(second.duration_seconds == 4200);
    CHECK_FALSE(second.participants);
    CHECK_FALSE(second.start_time);
    const Json json = to_json(second);
    CHECK(json["participants"] == "many");
    CHECK(json["has_video"] == "yes");
    CHECK(json["start_time"] == "not a time");
    CHECK(json["end_time"].is_null());
    CHECK(json["topic"].is_null());
    CHECK(json["has_sip"].is_null());
    CHECK_FALSE(json.contains("duration"));
}

TEST_CASE("event pages that cannot be read are invalid responses", "[event]") {
    CHECK_FALSE(parse_event_page("[]", "webinar"));
    CHECK_FALSE(parse_event_page("{\"webinars\":{}}", "webinar"));
    CHECK_FALSE(parse_event_page("{\"webinars\":[{\"id\":1}]}", "webinar"));
    CHECK_FALSE(parse_event_page("{\"webinars\":[3]}", "webinar"));
    CHECK_FALSE(parse_event_page("not json", "webinar"));
    const auto meetings = parse_event_page("{\"meetings\":[{\"uuid\":\"m\"}]}", "meeting");
    REQUIRE(meetings);
    CHECK(meetings->events.size() == 1);
    const auto none = parse_event_page("{\"total_records\":0}", "webinar");
    REQUIRE(none);
    CHECK(none->events.empty());
    const auto nothing_live =
        parse_event_page("{\"next_page_token\":\"\",\"meetings\":[]}", "meeting");
    REQUIRE(nothing_live);
    CHECK(nothing_live->events.empty());
    CHECK(nothing_live->next_page_token.empty());
}
