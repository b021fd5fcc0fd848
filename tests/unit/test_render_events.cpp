#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/render/events.hpp"

using namespace zoomqos;

namespace {

std::vector<model::Event> events(const char* body) {
    auto page = model::parse_event_page(body, "webinar");
    REQUIRE(page);
    return page->events;
}

const char* const kTwoInstances = R"({"webinars":[
{"uuid":"/Zq0==","id":83456789012,"topic":"Office hours","host":"Ines","start_time":"2026-11-13T10:00:00Z","end_time":"2026-11-13T10:05:00Z","duration":"05:00","participants":1},
{"uuid":"Hq8//t==","id":83456789012,"topic":"Office hours","host":"Ines","start_time":"2026-11-20T10:00:00Z","duration":"1:01:00","participants":12},
{"uuid":"kF3==","id":81234567890,"topic":"=All, \"hands\"","host":"Mika\u001b[31m","start_time":"2026-11-20T14:00:00Z"}]})";

} // namespace

TEST_CASE("durations print as H:MM:SS", "[render-events]") {
    CHECK(render::duration_text(0) == "0:00:00");
    CHECK(render::duration_text(300) == "0:05:00");
    CHECK(render::duration_text(3661) == "1:01:01");
    CHECK(render::duration_text(std::nullopt) == "-");
}

TEST_CASE("the event table shows UUIDs only when an ID has several instances", "[render-events]") {
    std::ostringstream out;
    render::event_table(out, events(kTwoInstances));
    CHECK(out.str() ==
          "START              ID           UUID      TOPIC          DURATION  PARTICIPANTS  HOST\n"
          "2026-11-13 10:00Z  83456789012  /Zq0==    Office hours    0:05:00             1  Ines\n"
          "2026-11-20 10:00Z  83456789012  Hq8//t==  Office hours    1:01:00            12  Ines\n"
          "2026-11-20 14:00Z  81234567890  kF3==     =All, \"hands\"         -             -  "
          "Mika?[31m\n");
    std::ostringstream single;
    auto one = events(kTwoInstances);
    one.erase(one.begin());
    render::event_table(single, one);
    CHECK(single.str() ==
          "START              ID           TOPIC          DURATION  PARTICIPANTS  HOST\n"
          "2026-11-20 10:00Z  83456789012  Office hours    1:01:00            12  Ines\n"
          "2026-11-20 14:00Z  81234567890  =All, \"hands\"         -             -  Mika?[31m\n");
}

TEST_CASE("event CSV has a fixed header and defused cells", "[render-events]") {
    std::ostringstream out;
    render::event_csv_header(out);
    for (const auto& event : events(kTwoInstances)) {
        render::event_csv_row(out, event);
    }
    CHECK(
        out.str() ==
        "start_time,end_time,id,uuid,topic,host,email,duration_seconds,participants\r\n"
        "2026-11-13T10:00:00Z,2026-11-13T10:05:00Z,83456789012,/Zq0==,Office hours,Ines,,300,1\r\n"
        "2026-11-20T10:00:00Z,,83456789012,Hq8//t==,Office hours,Ines,,3660,12\r\n"
        "2026-11-20T14:00:00Z,,81234567890,kF3==,\"'=All, \"\"hands\"\"\",Mika?[31m,,,\r\n");
}

TEST_CASE("sweep lines in each format", "[render-events]") {
    const render::SweepLine line{events(kTwoInstances)[1], 12, 3,
                                 "Zoë: audio_input: latency 312 ms at 10:03 (threshold 150 ms)"};
    CHECK(render::sweep_table_header() ==
          "START              ID           TOPIC                             PARTICIPANTS  "
          "BREACHED  WORST");
    CHECK(render::sweep_table_row(line) ==
          "2026-11-20 10:00Z  83456789012  Office hours                                12  "
          "       3  Zoë: audio_input: latency 312 ms at 10:03 (threshold 150 ms)");
    CHECK(render::sweep_ndjson_row(line) ==
          R"({"start_time":"2026-11-20T10:00:00Z","id":83456789012,"uuid":"Hq8//t==",)"
          R"("topic":"Office hours","participants":12,"participants_breached":3,)"
          R"j("worst":"Zoë: audio_input: latency 312 ms at 10:03 (threshold 150 ms)"})j");
    std::ostringstream csv;
    render::sweep_csv_header(csv);
    render::sweep_csv_row(csv, line);
    CHECK(csv.str() == "start_time,id,uuid,topic,participants,participants_breached,worst\r\n"
                       "2026-11-20T10:00:00Z,83456789012,Hq8//t==,Office hours,12,3,"
                       "Zoë: audio_input: latency 312 ms at 10:03 (threshold 150 ms)\r\n");
}
