#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/render/summary.hpp"

#include "cli/printer.hpp"

namespace {

using namespace zoomqos;
using cli::Collection;

// Two samples: 09:01 and 09:02.
constexpr const char* kAnn = R"({"id": "p1", "user_id": "16778240", "user_name": "Ann",
  "user_qos": [
    {"date_time": "2026-12-01T09:01:00Z",
     "audio_input": {"bitrate": "23 kbps", "latency": "126 ms", "jitter": "3 ms",
                     "avg_loss": "0.1%", "max_loss": "0.5%"}},
    {"date_time": "2026-12-01T09:02:00Z",
     "audio_input": {"bitrate": "25 kbps", "latency": "90 ms", "jitter": "2 ms",
                     "avg_loss": "0.0%", "max_loss": "0.2%"}}]})";

// One sample.
constexpr const char* kBo = R"({"id": "p2", "user_id": "16779264", "user_name": "Bo",
  "user_qos": [{"date_time": "2026-12-01T09:01:00Z"}]})";

model::Participant participant(const char* body) {
    auto parsed = model::parse_participant(body);
    REQUIRE(parsed);
    return *parsed;
}

// Prints Ann then Bo (or nobody) through the printer for `format` and
// `collection`, as a command would; what it wrote to out.
struct Printed {
    std::string out;
    std::string err;
};

Printed print(render::Format format, Collection collection,
              const std::vector<const char*>& bodies = {kAnn, kBo}, cli::Glance glance = {}) {
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream in;
    const cli::Streams streams{out, err, in};
    cli::EventTarget target;
    target.id = "81234567890";
    target.type = api::QosType::Past;
    auto printer = cli::make_printer(format, collection, target, glance, streams);
    printer->begin(static_cast<long long>(bodies.size()));
    for (const char* body : bodies) {
        const model::Participant added = participant(body);
        printer->add(*added.user_id, added);
    }
    printer->finish();
    return {out.str(), err.str()};
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        result.push_back(line);
    }
    return result;
}

} // namespace

TEST_CASE("JSON of one participant is the renderer's document", "[cli][printer]") {
    std::ostringstream expected;
    render::json(expected, participant(kAnn));
    CHECK(print(render::Format::Json, Collection::One, {kAnn}).out == expected.str());
}

TEST_CASE("JSON of many participants is one array, in the order added", "[cli][printer]") {
    const auto json = model::Json::parse(print(render::Format::Json, Collection::Many).out);
    REQUIRE(json.is_array());
    REQUIRE(json.size() == 2);
    CHECK(json[0] == model::to_json(participant(kAnn)));
    CHECK(json[1] == model::to_json(participant(kBo)));
    CHECK(print(render::Format::Json, Collection::Many, {}).out == "[]\n");
}

TEST_CASE("JSON of a listing is one object: the event, then the participants", "[cli][printer]") {
    const std::string text = print(render::Format::Json, Collection::Listing).out;
    const auto json = model::Json::parse(text);
    CHECK(json["webinar_id"] == "81234567890");
    CHECK(json["type"] == "past");
    CHECK(json["total_records"] == 2);
    REQUIRE(json["participants"].size() == 2);
    CHECK(json["participants"][1]["user_name"] == "Bo");
    // The members keep their order, so a reader sees the event first.
    CHECK(text.find("\"webinar_id\"") < text.find("\"type\""));
    CHECK(text.find("\"total_records\"") < text.find("\"participants\""));
    CHECK(model::Json::parse(print(render::Format::Json, Collection::Listing, {}).out) ==
          model::Json::parse(R"({"webinar_id": "81234567890", "type": "past",
                                 "total_records": 0, "participants": [], "complete": true})"));
}

TEST_CASE("NDJSON is one line per sample, each saying whose it is", "[cli][printer]") {
    for (const Collection collection : {Collection::Many, Collection::Listing}) {
        const auto rows = lines(print(render::Format::Ndjson, collection).out);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].starts_with(R"({"webinar_id":"81234567890","participant_id":"16778240",)"));
        CHECK(rows[1].find(R"("date_time":"2026-12-01T09:02:00Z")") != std::string::npos);
        CHECK(rows[2].starts_with(R"({"webinar_id":"81234567890","participant_id":"16779264",)"));
        CHECK(print(render::Format::Ndjson, collection, {}).out.empty());
    }
}

TEST_CASE("CSV has one header, then every participant's rows", "[cli][printer]") {
    std::ostringstream header;
    render::csv_header(header);
    for (const Collection collection : {Collection::Many, Collection::Listing}) {
        const std::string text = print(render::Format::Csv, collection).out;
        REQUIRE(text.starts_with(header.str()));
        const auto rows = lines(text);
        REQUIRE(rows.size() == 4);
        CHECK(rows[1].starts_with("81234567890,16778240,16778240,Ann,2026-12-01T09:01:00Z,"));
        CHECK(rows[3].starts_with("81234567890,16779264,16779264,Bo,2026-12-01T09:01:00Z,"));
    }
    // An empty listing still has its header, so a spreadsheet sees the columns;
    // get with nobody printed has nothing.
    CHECK(print(render::Format::Csv, Collection::Listing, {}).out == header.str());
    CHECK(print(render::Format::Csv, Collection::Many, {}).out.empty());
}

TEST_CASE("CSV with --bom and --columns: the mark once, then the chosen columns",
          "[cli][printer]") {
    cli::Glance glance;
    glance.bom = true;
    const auto columns = render::parse_csv_columns("participant_id,date_time");
    REQUIRE(columns.ok());
    glance.csv_columns = *columns;
    for (const Collection collection : {Collection::Many, Collection::Listing}) {
        CHECK(print(render::Format::Csv, collection, {kAnn, kBo}, glance).out ==
              "\xEF\xBB\xBFparticipant_id,date_time\r\n"
              "16778240,2026-12-01T09:01:00Z\r\n"
              "16778240,2026-12-01T09:02:00Z\r\n"
              "16779264,2026-12-01T09:01:00Z\r\n");
    }
}

TEST_CASE("A table listing is one summary row per participant", "[cli][printer]") {
    const cli::Glance glance;
    const std::string expected =
        render::summary_row_header() + "\n" +
        render::summary_row(participant(kAnn), glance.thresholds, true) + "\n" +
        render::summary_row(participant(kBo), glance.thresholds, true) + "\n";
    CHECK(print(render::Format::Table, Collection::Listing).out == expected);
}

TEST_CASE("Many summaries are separated by one blank line", "[cli][printer]") {
    const std::string text = print(render::Format::Table, Collection::Many).out;
    const cli::Glance glance;
    render::SummaryOptions options;
    options.thresholds = glance.thresholds;
    options.colour = false;
    options.utf8 = true;
    options.width = term::kDefaultWidth;
    std::ostringstream ann;
    std::ostringstream bo;
    render::summary(ann, participant(kAnn), options);
    render::summary(bo, participant(kBo), options);
    CHECK(text == ann.str() + "\n" + bo.str());
}

TEST_CASE("With --samples, the printer shows each participant's sample table", "[cli][printer]") {
    cli::Glance glance;
    glance.samples = true;
    const std::string text =
        print(render::Format::Table, Collection::Many, {kAnn, kBo}, glance).out;
    std::ostringstream ann;
    render::table(ann, render::Subject{"webinar_id", "81234567890", "16778240"}, participant(kAnn),
                  render::TableOptions{});
    CHECK(text.starts_with(ann.str() + "\n"));
}
