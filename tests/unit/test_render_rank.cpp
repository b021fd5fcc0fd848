#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/render/rank.hpp"

namespace {

using namespace zoomqos;
using render::ParticipantDigest;
using render::SortKey;

// Golden files: tests/golden/digest.csv and digest.ndjson. After an intended
// change, rewrite them with
//     ZOOMQOS_UPDATE_GOLDEN=1 build/tests/zoomqos_unit_tests "[rank]"
// and review `git diff tests/golden`.
std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void check_golden(const std::string& name, const std::string& actual) {
    const auto path = std::filesystem::path(ZOOMQOS_GOLDEN_DIR) / name;
    const char* update = std::getenv("ZOOMQOS_UPDATE_GOLDEN");
    if (update != nullptr && std::string_view(update) == "1") {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
        WARN("rewrote golden " << path.string());
        return;
    }
    REQUIRE(std::filesystem::exists(path));
    CHECK(actual == read_file(path));
}

model::Participant participant(const std::string& json) {
    auto parsed = model::parse_participant(json);
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

render::Subject subject(const std::string& id) {
    render::Subject s;
    s.event_id = "81234567890";
    s.participant_id = id;
    return s;
}

// A value that must be known.
double known(const std::optional<double>& value) {
    REQUIRE(value.has_value());
    return *value;
}

ParticipantDigest digest_of(const std::string& id, const std::string& json) {
    return render::digest(subject(id), participant(json), quality::default_rules());
}

// Two samples: audio in 100/300 ms, audio out 20 ms, video in with 12 and 8
// fps, CPU 30 and 50 %, one latency and one fps breach.
const std::string kTwoSamples = R"json({
  "id": "p1", "user_id": "16778240", "user_name": "Zoë, \"the host\"", "device": "Mac",
  "location": "Berlin (DE)", "join_time": "2026-03-10T14:00:00Z",
  "leave_time": "2026-03-10T14:02:00Z", "health": "Warning", "issue_list": ["High latency", "=cmd"],
  "user_qos": [
    {"date_time": "2026-03-10T14:00:00Z",
     "audio_input": {"bitrate": "40 kbps", "latency": "100 ms", "jitter": "10 ms",
                     "avg_loss": "0.5%", "max_loss": "1%"},
     "audio_output": {"bitrate": "60kbps", "latency": "20ms", "jitter": "2ms",
                      "avg_loss": "0%", "max_loss": "0%"},
     "video_input": {"bitrate": "900 kbps", "latency": "90 ms", "jitter": "5 ms",
                     "avg_loss": "1%", "max_loss": "3%", "resolution": "1280*720",
                     "frame_rate": "12 fps"},
     "cpu_usage": {"zoom_avg_cpu_usage": "30%", "zoom_max_cpu_usage": "45%"}},
    {"date_time": "2026-03-10T14:01:00Z",
     "audio_input": {"bitrate": "30 kbps", "latency": "300 ms", "jitter": "20 ms",
                     "avg_loss": "1.5%", "max_loss": "4%"},
     "audio_output": {"bitrate": "", "latency": "", "jitter": "", "avg_loss": "", "max_loss": ""},
     "video_input": {"bitrate": "700 kbps", "latency": "95 ms", "jitter": "6 ms",
                     "avg_loss": "1%", "max_loss": "2%", "resolution": "640*360",
                     "frame_rate": "8 fps"},
     "cpu_usage": {"zoom_avg_cpu_usage": "50%", "zoom_max_cpu_usage": "70%"}}
  ]
})json";

TEST_CASE("a digest sums up the main streams over their samples", "[rank]") {
    const ParticipantDigest d = digest_of("p1", kTwoSamples);
    CHECK(d.samples == 2);
    const render::StreamDigest& audio_in = d.streams[0];
    CHECK(known(audio_in.latency_avg) == Approx(200));
    CHECK(known(audio_in.latency_max) == Approx(300));
    CHECK(known(audio_in.jitter_avg) == Approx(15));
    CHECK(known(audio_in.loss_avg) == Approx(1));
    CHECK(known(audio_in.loss_max) == Approx(4));
    CHECK(known(audio_in.bitrate_min) == Approx(30));
    const render::StreamDigest& audio_out = d.streams[1]; // the idle sample does not count
    CHECK(known(audio_out.latency_avg) == Approx(20));
    CHECK(known(audio_out.bitrate_min) == Approx(60));
    CHECK(known(d.streams[2].fps_min) == Approx(8));
    CHECK_FALSE(d.streams[3].latency_avg.has_value()); // video out never sent
    CHECK(known(d.cpu_avg) == Approx(40));
    CHECK(known(d.cpu_max) == Approx(70));
    CHECK(d.breaches == 2); // latency 300 > 150, fps 8 < 10
    REQUIRE(d.worst_breach.has_value());
    CHECK(d.worst_breach->find("audio_input") == 0);
}

TEST_CASE("sort values follow the documented definitions", "[rank]") {
    const ParticipantDigest d = digest_of("p1", kTwoSamples);
    CHECK(known(render::sort_value(d, SortKey::Latency)) ==
          Approx(200)); // highest average: audio in
    CHECK(known(render::sort_value(d, SortKey::Jitter)) == Approx(15));
    CHECK(known(render::sort_value(d, SortKey::Loss)) == Approx(1));
    CHECK(known(render::sort_value(d, SortKey::MaxLoss)) == Approx(4));
    CHECK(known(render::sort_value(d, SortKey::Bitrate)) == Approx(30)); // lowest of the lowest
    CHECK(known(render::sort_value(d, SortKey::Fps)) == Approx(8));
    CHECK(known(render::sort_value(d, SortKey::Cpu)) == Approx(40));
    CHECK(known(render::sort_value(d, SortKey::Breaches)) == Approx(2));
}

std::string with_audio(const std::string& id, const std::string& latency,
                       const std::string& bitrate) {
    return R"({"id": ")" + id + R"(", "user_qos": [{"date_time": "2026-03-10T14:00:00Z",
      "audio_input": {"bitrate": ")" +
           bitrate + R"(", "latency": ")" + latency +
           R"(", "jitter": "1 ms", "avg_loss": "0%", "max_loss": "0%"}}]})";
}

std::vector<std::string> ranked_ids(std::vector<ParticipantDigest> digests, SortKey key) {
    std::stable_sort(digests.begin(), digests.end(),
                     [key](const ParticipantDigest& a, const ParticipantDigest& b) {
                         return render::ranks_before(a, b, key);
                     });
    std::vector<std::string> ids;
    for (const auto& d : digests) {
        ids.push_back(d.subject.participant_id);
    }
    return ids;
}

TEST_CASE("ranking: worst first, ties by participant ID, unknown last", "[rank]") {
    std::vector<ParticipantDigest> digests{
        digest_of("d", with_audio("d", "50 ms", "40 kbps")),
        digest_of("b", with_audio("b", "200 ms", "")),
        digest_of("c", with_audio("c", "", "20 kbps")),
        digest_of("a", with_audio("a", "200 ms", "60 kbps")),
        digest_of("e", with_audio("e", "80 ms", "20 kbps")),
    };
    // b's bitrate and c's latency are unknown: they come last.
    CHECK(ranked_ids(digests, SortKey::Latency) ==
          std::vector<std::string>{"a", "b", "e", "d", "c"});
    // Lowest first; c and e tie at 20 and go by ID.
    CHECK(ranked_ids(digests, SortKey::Bitrate) ==
          std::vector<std::string>{"c", "e", "d", "a", "b"});
    // a and b breach latency once each; the others not at all: ties by ID.
    CHECK(ranked_ids(digests, SortKey::Breaches) ==
          std::vector<std::string>{"a", "b", "c", "d", "e"});
    // Nobody has CPU figures: the order is the IDs'.
    CHECK(ranked_ids(digests, SortKey::Cpu) == std::vector<std::string>{"a", "b", "c", "d", "e"});
}

TEST_CASE("a participant without samples has a digest of unknowns", "[rank]") {
    const ParticipantDigest d = digest_of("x", R"({"id": "x", "user_name": "Nobody"})");
    CHECK(d.samples == 0);
    CHECK(d.breaches == 0);
    CHECK_FALSE(render::sort_value(d, SortKey::Latency).has_value());
    CHECK(known(render::sort_value(d, SortKey::Breaches)) == Approx(0));
    const model::Json row = render::digest_json(d);
    CHECK(row["audio_input_latency_avg_ms"].is_null());
    CHECK(row["verdict"] == "no data");
    CHECK(row["worst_breach"].is_null());
    CHECK_FALSE(row.contains("details"));
}

TEST_CASE("summary rows: golden CSV and NDJSON", "[rank]") {
    std::vector<ParticipantDigest> digests{
        digest_of("p1", kTwoSamples),
        digest_of("x", R"({"id": "x", "user_name": "Nobody", "user_qos": []})"),
    };
    std::ostringstream csv;
    render::digest_csv_header(csv, false);
    for (const auto& d : digests) {
        render::digest_csv_row(csv, d, false);
    }
    check_golden("digest.csv", csv.str());
    std::ostringstream ndjson;
    for (const auto& d : digests) {
        ndjson << render::digest_json(d).dump() << '\n';
    }
    check_golden("digest.ndjson", ndjson.str());
}

TEST_CASE("summary rows with details: the detail columns and object", "[rank]") {
    model::Participant p = participant(kTwoSamples);
    p.details = model::details_json(
        model::Json::parse(R"({"id": "p1", "network_type": "Wifi", "data_center": "Frankfurt",
                               "unlisted": 1})"));
    const ParticipantDigest d = render::digest(subject("p1"), p, quality::default_rules());
    const model::Json row = render::digest_json(d);
    REQUIRE(row.contains("details"));
    CHECK(row["details"]["network_type"] == "Wifi");
    CHECK(row["details"]["os"].is_null());
    CHECK_FALSE(row["details"].contains("unlisted"));

    std::ostringstream csv;
    render::digest_csv_header(csv, true);
    render::digest_csv_row(csv, d, true);
    const std::string text = csv.str();
    const std::string header = text.substr(0, text.find("\r\n"));
    CHECK(header.find(",verdict,detail_id,detail_user_id,") != std::string::npos);
    CHECK(header.ends_with(",detail_role"));
    const std::string row_line = text.substr(header.size() + 2);
    CHECK(row_line.find(",p1,,,,,,Wifi,Frankfurt,") != std::string::npos);
}

} // namespace
