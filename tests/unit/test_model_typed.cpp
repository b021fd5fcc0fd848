#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"

namespace {

using namespace zoomqos;
using model::Json;

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::filesystem::path(ZOOMQOS_FIXTURE_DIR) / name, std::ios::binary);
    REQUIRE(in.good());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// to_json(from_typed(to_json(p))) == to_json(p), compared as text so that
// 23 and 23.0 or a moved key would show.
void check_round_trip(const Json& zoom) {
    auto participant = model::participant_from_json(zoom);
    REQUIRE(participant.ok());
    const Json typed = model::to_json(*participant);
    auto back = model::participant_from_typed_json(typed);
    REQUIRE(back.ok());
    CHECK(model::to_json(*back).dump() == typed.dump());
}

TEST_CASE("typed JSON reads back: the messy webinar fixture", "[typed]") {
    check_round_trip(Json::parse(read_fixture("model-webinar-messy.json")));
}

TEST_CASE("typed JSON reads back: the mock's messy and array fixtures", "[typed]") {
    check_round_trip(Json::parse(read_fixture("mock-messy.json")));
    for (const Json& item : Json::parse(read_fixture("mock-array.json"))) {
        check_round_trip(item);
    }
}

TEST_CASE("typed JSON reads back: nulls, odd types, extras, meetings", "[typed]") {
    check_round_trip(Json::parse(R"({"id": 7, "user_id": null, "user_name": ["x"],
        "issue_list": "not a list", "meeting_number": "123", "internal_ip_addresses": [1, "a"],
        "zzz": {"nested": [null, 1.5]}, "user_qos": [
          {"date_time": 1700000000, "audio_input": {"bitrate": "", "latency": null,
             "codec": "opus", "max_loss": "x%"},
           "audio_device_from_crc": {"jitter": "4ms"},
           "video_output": {"bitrate": "1 Mbps", "resolution": "bad", "frame_rate": null},
           "cpu_usage": "", "wifi_rssi": {"max_rssi": -40, "rssi_unit": "dBm"},
           "unknown_object": {"latency_ms": 3}},
          {"cpu_usage": {"zoom_avg_cpu_usage": "8%", "vendor": "x"}, "as_input": {"latency": "0ms",
             "resolution": "0*0"}},
          {}
        ]})"));
    check_round_trip(Json::parse(R"({})"));
}

TEST_CASE("typed JSON: details become the participant's details", "[typed]") {
    auto participant = model::participant_from_json(Json::parse(R"({"id": "a", "user_qos": []})"));
    REQUIRE(participant.ok());
    participant->details = model::details_json(Json::parse(R"({"network_type": "Wired"})"));
    const Json typed = model::to_json(*participant);
    REQUIRE(typed.contains("details"));
    CHECK(typed["details"]["network_type"] == "Wired");
    CHECK(typed["details"]["device"].is_null());
    auto back = model::participant_from_typed_json(typed);
    REQUIRE(back.ok());
    REQUIRE(back->details.has_value());
    CHECK(model::to_json(*back).dump() == typed.dump());
    CHECK_FALSE(back->extra.contains("details"));
}

TEST_CASE("typed JSON of the wrong shape is an invalid response", "[typed]") {
    CHECK_FALSE(model::participant_from_typed_json(Json::array()).ok());
    const auto not_array = model::participant_from_typed_json(Json::parse(R"({"user_qos": 1})"));
    REQUIRE_FALSE(not_array.ok());
    CHECK(not_array.error().kind == ErrorKind::InvalidResponse);
    CHECK_FALSE(model::participant_from_typed_json(Json::parse(R"({"user_qos": [1]})")).ok());
}

TEST_CASE("details_json keeps the documented fields only, in order", "[typed]") {
    const Json details = model::details_json(
        Json::parse(R"({"camera": "FaceTime", "id": "x", "pc_name": "secret"})"));
    std::vector<std::string> keys;
    for (const auto& [key, value] : details.items()) {
        keys.push_back(key);
    }
    CHECK(keys.front() == "id");
    CHECK(keys.size() == std::size(model::kDetailFields));
    CHECK(details["camera"] == "FaceTime");
    CHECK_FALSE(details.contains("pc_name"));
    CHECK(model::details_json(nullptr)["id"].is_null());
}

} // namespace
