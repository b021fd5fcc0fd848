#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/json.hpp"
#include "zoomqos/model/mapper.hpp"

using namespace zoomqos::model;
using zoomqos::ErrorKind;

namespace {

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(ZOOMQOS_FIXTURE_DIR) + "/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Participant parsed(std::string_view body) {
    auto result = parse_participant(body);
    if (!result) {
        FAIL("parse_participant failed: " << result.error().message);
    }
    return std::move(result).value();
}

Sample only_sample(std::string_view sample_json) {
    auto participant = parsed(R"({"user_qos": [)" + std::string(sample_json) + "]}");
    REQUIRE(participant.user_qos.size() == 1);
    return participant.user_qos.front();
}

std::string error_of(std::string_view body) {
    auto result = parse_participant(body);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::InvalidResponse);
    return result.error().message;
}

// Error messages are one line without a trailing period (errors.hpp).
void check_one_line(const std::string& message) {
    INFO("message: " << message);
    CHECK_FALSE(message.empty());
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.back() != '.');
}

std::size_t key_count(const Json& object, const std::string& key) {
    std::size_t count = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == key) {
            ++count;
        }
    }
    return count;
}

} // namespace

TEST_CASE("a messy webinar response maps to the exact typed JSON", "[mapper]") {
    const auto participant = parsed(read_fixture("model-webinar-messy.json"));
    const Json actual = to_json(participant);
    const Json expected = Json::parse(read_fixture("model-webinar-messy.typed.json"));

    // Key by key first so that a failure names the part that differs.
    REQUIRE(actual.size() == expected.size());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        INFO("key: " << it.key());
        REQUIRE(actual.contains(it.key()));
        CHECK(actual.at(it.key()) == it.value());
    }
    // ordered_json compares keys in order; nlohmann compares 23 and 23.0 as equal, the dumps
    // do not.
    CHECK(actual == expected);
    CHECK(actual.dump(2) == expected.dump(2));
}

TEST_CASE("the messy fixture's typed model", "[mapper]") {
    const auto participant = parsed(read_fixture("model-webinar-messy.json"));
    CHECK(participant.user_id == "16778240");
    CHECK(participant.mac_addr == "");
    CHECK_FALSE(participant.harddisk_id.has_value());
    CHECK(participant.issue_list == std::vector<std::string>{});
    CHECK_FALSE(participant.meeting_number.has_value());
    CHECK(participant.extra == Json{{"network_type", "Wifi"}, {"customer_key", "ck-42"}});
    REQUIRE(participant.user_qos.size() == 3);

    const Sample& first = participant.user_qos[0];
    std::vector<std::string> names;
    for (const auto& stream : first.streams) {
        names.push_back(stream.name);
    }
    CHECK(names == std::vector<std::string>{"audio_input", "audio_output", "video_input",
                                            "video_output", "as_input", "audio_device_from_crc",
                                            "video_device_to_rwg"});
    REQUIRE(first.find_stream("video_input") != nullptr);
    CHECK(first.find_stream("video_input")->bitrate_kbps == 1200.0);
    CHECK(first.find_stream("video_input")->resolution == Resolution{1280, 720});
    CHECK_FALSE(first.find_stream("video_output")->has_data());
    CHECK(first.find_stream("as_input")->has_data()); // "0*0" is a known resolution
    CHECK(first.find_stream("as_output") == nullptr);
    REQUIRE(first.cpu_usage.has_value());
    CHECK(first.cpu_usage->zoom_max_cpu_usage_pct == 13.4);

    const Sample& last = participant.user_qos[2];
    CHECK_FALSE(last.date_time.has_value());
    CHECK_FALSE(last.cpu_usage.has_value());
    CHECK(last.extra == Json{{"cpu_usage", ""}});
}

TEST_CASE("typed output keeps its key order", "[mapper]") {
    const auto participant = parsed(
        R"({"zzz": 1, "user_name": "a", "id": "x", "user_qos": [{"wifi_rssi": {"max_rssi": -40},)"
        R"( "audio_input": {"max_loss": "1%", "bitrate": "23 kbps", "codec": "opus"},)"
        R"( "date_time": "t"}], "aaa": true})");
    CHECK(to_json(participant).dump() ==
          R"({"id":"x","user_id":null,"user_name":"a","email":null,"device":null,"client":null,)"
          R"("domain":null,"harddisk_id":null,"internal_ip_addresses":null,"ip_address":null,)"
          R"("location":null,"mac_addr":null,"pc_name":null,"version":null,"join_time":null,)"
          R"("leave_time":null,"zzz":1,"aaa":true,"user_qos":[{"date_time":"t","audio_input":)"
          R"({"bitrate_kbps":23,"latency_ms":null,"jitter_ms":null,"avg_loss_pct":null,)"
          R"("max_loss_pct":1,"codec":"opus"},"wifi_rssi":{"max_rssi":-40}}]})");
}

TEST_CASE("an empty object gives every always-present field as null", "[mapper]") {
    const auto participant = parsed("{}");
    CHECK_FALSE(participant.id.has_value());
    CHECK(participant.user_qos.empty());
    CHECK(participant.extra == Json::object());

    const Json out = to_json(participant);
    CHECK(out.size() == 17);
    CHECK(out.at("id").is_null());
    CHECK(out.at("internal_ip_addresses").is_null());
    CHECK(out.at("leave_time").is_null());
    CHECK_FALSE(out.contains("health"));
    CHECK_FALSE(out.contains("issue_list"));
    CHECK_FALSE(out.contains("meeting_number"));
    CHECK(out.at("user_qos") == Json::array());
}

TEST_CASE("null participant fields are unknown and not kept as extras", "[mapper]") {
    const auto participant =
        parsed(R"({"id": null, "health": null, "issue_list": null, "internal_ip_addresses": null,)"
               R"( "user_qos": null})");
    CHECK_FALSE(participant.id.has_value());
    CHECK_FALSE(participant.health.has_value());
    CHECK_FALSE(participant.issue_list.has_value());
    CHECK_FALSE(participant.internal_ip_addresses.has_value());
    CHECK(participant.user_qos.empty());
    CHECK(participant.extra == Json::object());
    CHECK_FALSE(to_json(participant).contains("health"));
}

TEST_CASE("a meeting participant has meeting_number and no webinar fields", "[mapper]") {
    const auto participant =
        parsed(R"({"id": "p1", "meeting_number": "85746065432", "user_qos": []})");
    CHECK(participant.meeting_number == "85746065432");
    const Json out = to_json(participant);
    CHECK(out.at("meeting_number") == "85746065432");
    CHECK_FALSE(out.contains("health"));
    CHECK_FALSE(out.contains("issue_list"));
    CHECK(std::prev(out.end()).key() == "user_qos");
}

TEST_CASE("a known field of an unexpected type is kept, in its own place", "[mapper]") {
    const auto participant =
        parsed(R"({"id": "p1", "user_id": 16778240, "internal_ip_addresses": "10.0.0.1",)"
               R"( "issue_list": ["Unstable audio quality", 3], "health": {"level": 2},)"
               R"( "device": false})");
    CHECK_FALSE(participant.user_id.has_value());
    CHECK_FALSE(participant.internal_ip_addresses.has_value());
    CHECK_FALSE(participant.issue_list.has_value());
    CHECK_FALSE(participant.health.has_value());
    CHECK_FALSE(participant.device.has_value());
    CHECK(participant.extra == Json{{"user_id", 16778240},
                                    {"internal_ip_addresses", "10.0.0.1"},
                                    {"issue_list", Json::array({"Unstable audio quality", 3})},
                                    {"health", {{"level", 2}}},
                                    {"device", false}});

    const Json out = to_json(participant);
    CHECK(out.at("user_id") == 16778240);
    CHECK(out.at("internal_ip_addresses") == "10.0.0.1");
    CHECK(out.at("issue_list") == Json::array({"Unstable audio quality", 3}));
    CHECK(out.at("health") == Json{{"level", 2}});
    CHECK(out.at("device") == false);
    CHECK(key_count(out, "user_id") == 1);
    // Same order as an untroubled response: id, user_id, user_name, ...
    CHECK(std::next(out.begin()).key() == "user_id");
    CHECK(out.size() == 17 + 2); // health and issue_list appear because Zoom sent them
}

TEST_CASE("unknown participant keys pass through in Zoom's order", "[mapper]") {
    const auto participant =
        parsed(R"({"zeta": 1, "id": "p1", "alpha": {"nested": [1, "two", null]}, "beta": null})");
    CHECK(participant.extra.dump() ==
          R"({"zeta":1,"alpha":{"nested":[1,"two",null]},"beta":null})");
    const Json out = to_json(participant);
    std::vector<std::string> tail;
    for (auto it = out.begin(); it != out.end(); ++it) {
        if (it.key() == "zeta" || it.key() == "alpha" || it.key() == "beta" ||
            it.key() == "user_qos") {
            tail.push_back(it.key());
        }
    }
    CHECK(tail == std::vector<std::string>{"zeta", "alpha", "beta", "user_qos"});
}

TEST_CASE("non-ASCII names are preserved byte for byte", "[mapper]") {
    // UTF-8 spelled out so that the test does not depend on the source file's encoding.
    const std::string name = "Zo\xC3\xAB \xE5\xB1\xB1\xE7\x94\xB0 \xF0\x9F\x8E\xA5";
    const auto raw = parsed(R"({"user_name": ")" + name + R"("})");
    CHECK(raw.user_name == name);
    const auto escaped = parsed(R"({"user_name": "Zo\u00eb \u5c71\u7530 \ud83c\udfa5"})");
    CHECK(escaped.user_name == name);
    CHECK(to_json(raw).dump().find(name) != std::string::npos);
}

TEST_CASE("an idle stream is all null and has no data", "[mapper]") {
    const auto sample = only_sample(
        R"({"audio_input": {"bitrate": "", "latency": "", "jitter": "", "avg_loss": "",)"
        R"( "max_loss": ""}, "video_output": {"bitrate": "", "latency": "", "jitter": "",)"
        R"( "avg_loss": "", "max_loss": "", "resolution": "", "frame_rate": ""}})");
    REQUIRE(sample.streams.size() == 2);
    for (const Stream& stream : sample.streams) {
        INFO("stream: " << stream.name);
        CHECK_FALSE(stream.has_data());
        CHECK(stream.extra.empty());
    }
    CHECK(to_json(sample.streams[0]) == Json{{"bitrate_kbps", nullptr},
                                             {"latency_ms", nullptr},
                                             {"jitter_ms", nullptr},
                                             {"avg_loss_pct", nullptr},
                                             {"max_loss_pct", nullptr}});
    CHECK(sample.streams[1].video_like);
    CHECK(to_json(sample.streams[1]).at("resolution").is_null());
    CHECK(to_json(sample.streams[1]).at("frame_rate_fps").is_null());
}

TEST_CASE("missing, null and unreadable stream values are unknown", "[mapper]") {
    const auto sample =
        only_sample(R"({"audio_input": {"bitrate": null, "latency": "fast", "jitter": {"ms": 3},)"
                    R"( "max_loss": "2%"}})");
    REQUIRE(sample.streams.size() == 1);
    const Stream& stream = sample.streams[0];
    CHECK_FALSE(stream.bitrate_kbps.has_value());
    CHECK_FALSE(stream.latency_ms.has_value());
    CHECK_FALSE(stream.jitter_ms.has_value());
    CHECK_FALSE(stream.avg_loss_pct.has_value());
    CHECK(stream.max_loss_pct == 2.0);
    CHECK(stream.has_data());
}

TEST_CASE("crc and rwg variants are streams, video-like by name", "[mapper]") {
    const auto sample = only_sample(R"({"audio_device_from_crc": {"bitrate": "31 kbps"},)"
                                    R"( "audio_device_to_rwg": {"latency": "40 ms"},)"
                                    R"( "video_device_from_crc": {"bitrate": "600 kbps"},)"
                                    R"( "as_device_to_rwg": {"jitter": "2 ms"}})");
    REQUIRE(sample.streams.size() == 4);
    CHECK(sample.streams[0].name == "audio_device_from_crc");
    CHECK_FALSE(sample.streams[0].video_like);
    CHECK_FALSE(sample.streams[1].video_like);
    CHECK(sample.streams[2].video_like);
    CHECK(sample.streams[3].video_like);
    CHECK(sample.streams[3].jitter_ms == 2.0);
    CHECK(to_json(sample.streams[2]).contains("resolution"));
    CHECK_FALSE(to_json(sample.streams[0]).contains("resolution"));
    CHECK_FALSE(to_json(sample.streams[0]).contains("frame_rate_fps"));
    CHECK(sample.extra.empty());
}

TEST_CASE("an unknown object with stream measurements is a stream", "[mapper]") {
    const auto sample = only_sample(
        R"({"date_time": "t", "screen_audio_input": {"bitrate": "12 kbps", "mos": 4.1},)"
        R"( "camera_2": {"avg_loss": "1%", "frame_rate": "30 fps"},)"
        R"( "vdi_plugin_info_audio": {"status": "ok"}, "only_resolution": {"resolution": "1*1"}})");
    REQUIRE(sample.streams.size() == 2);
    CHECK(sample.streams[0].name == "screen_audio_input");
    CHECK_FALSE(sample.streams[0].video_like);
    CHECK(sample.streams[0].extra == Json{{"mos", 4.1}});
    CHECK(sample.streams[1].name == "camera_2");
    CHECK(sample.streams[1].video_like); // it carried frame_rate
    CHECK(sample.streams[1].frame_rate_fps == 30.0);
    CHECK(sample.extra == Json{{"vdi_plugin_info_audio", {{"status", "ok"}}},
                               {"only_resolution", {{"resolution", "1*1"}}}});
}

TEST_CASE("wifi_rssi and newer sample fields pass through unchanged", "[mapper]") {
    const Json wifi =
        Json::parse(R"({"max_rssi": -42, "avg_rssi": -47, "min_rssi": -55, "rssi_unit": "dBm"})");
    const auto sample = only_sample(R"({"wifi_rssi": )" + wifi.dump() +
                                    R"(, "as_connection_type": "UDP", "audio_socket_break": 0,)"
                                    R"( "rc_reason": null, "odd": [1, 2]})");
    CHECK(sample.streams.empty());
    CHECK(sample.extra == Json{{"wifi_rssi", wifi},
                               {"as_connection_type", "UDP"},
                               {"audio_socket_break", 0},
                               {"rc_reason", nullptr},
                               {"odd", {1, 2}}});
    const Json out = to_json(sample);
    CHECK(out.at("wifi_rssi") == wifi);
    CHECK(out.at("wifi_rssi").dump() == wifi.dump());
    CHECK(out.dump() == R"({"date_time":null,"wifi_rssi":{"max_rssi":-42,"avg_rssi":-47,)"
                        R"("min_rssi":-55,"rssi_unit":"dBm"},"as_connection_type":"UDP",)"
                        R"("audio_socket_break":0,"rc_reason":null,"odd":[1,2]})");
}

TEST_CASE("cpu_usage values are percents, other keys kept", "[mapper]") {
    const auto sample =
        only_sample(R"({"cpu_usage": {"zoom_min_cpu_usage": "0.9%", "zoom_avg_cpu_usage": "",)"
                    R"( "cores": 8, "zoom_max_cpu_usage": 12, "system_max_cpu_usage": "41 %"}})");
    REQUIRE(sample.cpu_usage.has_value());
    const CpuUsage& cpu = *sample.cpu_usage;
    CHECK(cpu.zoom_min_cpu_usage_pct == 0.9);
    CHECK_FALSE(cpu.zoom_avg_cpu_usage_pct.has_value());
    CHECK(cpu.zoom_max_cpu_usage_pct == 12.0);
    CHECK(cpu.system_max_cpu_usage_pct == 41.0);
    CHECK(cpu.extra == Json{{"cores", 8}});
    CHECK(to_json(cpu).dump() ==
          R"({"zoom_min_cpu_usage_pct":0.9,"zoom_avg_cpu_usage_pct":null,)"
          R"("zoom_max_cpu_usage_pct":12,"system_max_cpu_usage_pct":41,"cores":8})");
}

TEST_CASE("a date_time or cpu_usage of another type is kept as an extra", "[mapper]") {
    const auto sample = only_sample(
        R"({"cpu_usage": "n/a", "date_time": 1741615260, "audio_input": {"bitrate": "1"}})");
    CHECK_FALSE(sample.date_time.has_value());
    CHECK_FALSE(sample.cpu_usage.has_value());
    CHECK(sample.extra == Json{{"cpu_usage", "n/a"}, {"date_time", 1741615260}});
    CHECK(to_json(sample).dump() ==
          R"({"date_time":1741615260,"audio_input":{"bitrate_kbps":1,"latency_ms":null,)"
          R"("jitter_ms":null,"avg_loss_pct":null,"max_loss_pct":null},"cpu_usage":"n/a"})");
}

TEST_CASE("typed values win over extras that collide with generated names", "[mapper]") {
    const auto sample = only_sample(
        R"({"video_input": {"bitrate_kbps": 999, "bitrate": "23 kbps", "latency_ms": "x",)"
        R"( "resolution": "640x360", "frame_rate_fps": 1, "codec": "VP8"},)"
        R"( "cpu_usage": {"zoom_avg_cpu_usage_pct": 99, "zoom_avg_cpu_usage": "5%"}})");
    REQUIRE(sample.streams.size() == 1);
    // The model keeps them; the output cannot have two keys of one name.
    CHECK(
        sample.streams[0].extra ==
        Json{{"bitrate_kbps", 999}, {"latency_ms", "x"}, {"frame_rate_fps", 1}, {"codec", "VP8"}});

    const Json stream = to_json(sample.streams[0]);
    CHECK(stream.dump() ==
          R"({"bitrate_kbps":23,"latency_ms":null,"jitter_ms":null,"avg_loss_pct":null,)"
          R"("max_loss_pct":null,"resolution":{"width":640,"height":360},"frame_rate_fps":null,)"
          R"("codec":"VP8"})");
    CHECK(key_count(stream, "bitrate_kbps") == 1);
    CHECK(key_count(stream, "latency_ms") == 1);

    const Json cpu = to_json(*sample.cpu_usage);
    CHECK(cpu.at("zoom_avg_cpu_usage_pct") == 5);
    CHECK(cpu.size() == 4);
}

TEST_CASE("integral values print as integers, others as doubles", "[mapper]") {
    Stream stream;
    stream.name = "video_input";
    stream.video_like = true;
    stream.bitrate_kbps = 23.0;
    stream.latency_ms = 27.15;
    stream.jitter_ms = 1e20; // integral, but too large for int64
    stream.avg_loss_pct = -0.0;
    stream.max_loss_pct = 9007199254740993.0; // rounds to 2^53, integral
    stream.resolution = Resolution{1280, 720};
    stream.frame_rate_fps = 0.5;
    const Json out = to_json(stream);
    CHECK(out.at("bitrate_kbps").is_number_integer());
    CHECK(out.at("latency_ms").is_number_float());
    CHECK(out.at("jitter_ms").is_number_float());
    CHECK(out.at("avg_loss_pct").is_number_integer());
    CHECK(out.at("max_loss_pct").is_number_integer());
    CHECK(out.dump() == R"({"bitrate_kbps":23,"latency_ms":27.15,"jitter_ms":1e+20,)"
                        R"("avg_loss_pct":0,"max_loss_pct":9007199254740992,)"
                        R"("resolution":{"width":1280,"height":720},"frame_rate_fps":0.5})");
}

TEST_CASE("Stream::has_data and Sample::find_stream", "[mapper]") {
    Stream idle;
    idle.name = "audio_input";
    CHECK_FALSE(idle.has_data());
    Stream zero = idle;
    zero.latency_ms = 0.0; // a measured zero is data
    CHECK(zero.has_data());
    Stream only_fps;
    only_fps.frame_rate_fps = 12.0;
    CHECK(only_fps.has_data());

    Sample sample;
    zero.name = "audio_output";
    sample.streams = {idle, zero};
    REQUIRE(sample.find_stream("audio_output") != nullptr);
    CHECK(sample.find_stream("audio_output")->latency_ms == 0.0);
    CHECK(sample.find_stream("audio") == nullptr);
    CHECK(Sample{}.find_stream("audio_input") == nullptr);
}

TEST_CASE("a body that is not JSON is an InvalidResponse", "[mapper]") {
    CHECK(error_of("") == "response is not valid JSON: syntax error while parsing value - "
                          "unexpected end of input; expected '[', '{', or a literal, at byte 1");
    CHECK(error_of(R"({"id": tru})") ==
          "response is not valid JSON: syntax error while parsing value - invalid literal, "
          "at byte 11");
    CHECK(error_of(R"({"id": "x"} trailing)") ==
          "response is not valid JSON: syntax error while parsing value - invalid literal, "
          "at byte 15");
}

TEST_CASE("a NUL byte does not end the body early", "[mapper]") {
    // nlohmann would stop at the NUL and take "{}" for the whole document.
    const std::string body("{\"user_name\": \"a\"}\0{\"junk\"", 26);
    CHECK(error_of(body) == "response is not valid JSON: a NUL byte, at byte 19");
    const auto page = parse_page(body);
    REQUIRE_FALSE(page);
    CHECK(page.error().message == "response is not valid JSON: a NUL byte, at byte 19");
    const auto parsed = parse_json(body, "line 3");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message == "line 3 is not valid JSON: a NUL byte, at byte 19");
}

TEST_CASE("not-JSON messages are one line and never quote the body", "[mapper]") {
    const std::string body =
        GENERATE(as<std::string>{}, "", " ", "<html>502 Bad Gateway</html>",
                 R"({"token": "s3cr3t-t0k3n)", R"({"token": s3cr3t-t0k3n})",
                 "{\"a\": \"line\nbreak\"}", "{\"a\": \"\xFF\"}", R"({"a": 1,})", "[1, 2");
    const auto message = error_of(body);
    check_one_line(message);
    CHECK(message.starts_with("response is not valid JSON: "));
    CHECK(message.find("s3cr3t") == std::string::npos);
    CHECK(message.find("Gateway") == std::string::npos);
}

TEST_CASE("a top level that is not an object is an InvalidResponse", "[mapper]") {
    CHECK(error_of("[]") == "expected a JSON object, got an array");
    CHECK(error_of(R"([{"id": "p1"}])") == "expected a JSON object, got an array");
    CHECK(error_of("42") == "expected a JSON object, got a number");
    CHECK(error_of(R"("ok")") == "expected a JSON object, got a string");
    CHECK(error_of("null") == "expected a JSON object, got null");
    CHECK(error_of("true") == "expected a JSON object, got a boolean");

    const auto from_json = participant_from_json(Json::array());
    REQUIRE_FALSE(from_json.ok());
    CHECK(from_json.error().kind == ErrorKind::InvalidResponse);
}

TEST_CASE("user_qos that is not an array of objects is an InvalidResponse", "[mapper]") {
    CHECK(error_of(R"({"user_qos": {"date_time": "t"}})") ==
          "expected user_qos to be an array, got an object");
    CHECK(error_of(R"({"user_qos": ""})") == "expected user_qos to be an array, got a string");
    CHECK(error_of(R"({"user_qos": 0})") == "expected user_qos to be an array, got a number");
    CHECK(error_of(R"({"user_qos": [{"date_time": "t"}, "later", {}]})") ==
          "expected user_qos[1] to be an object, got a string");
    CHECK(error_of(R"({"user_qos": [null]})") == "expected user_qos[0] to be an object, got null");
}

TEST_CASE("samples mapped while parsing equal those mapped from a whole document", "[mapper]") {
    for (const char* fixture : {"model-webinar-messy.json", "mock-messy.json"}) {
        INFO(fixture);
        const std::string body = read_fixture(fixture);
        const auto streamed = parse_participant(body);
        const auto whole = participant_from_json(Json::parse(body));
        REQUIRE(streamed.ok());
        REQUIRE(whole.ok());
        CHECK_FALSE(streamed->user_qos.empty());
        CHECK(to_json(*streamed).dump() == to_json(*whole).dump());
    }
}

TEST_CASE("only the participant's own user_qos is read as its samples", "[mapper]") {
    // A repeated key: the last value wins, as in a parsed document.
    auto participant = parsed(R"({"user_qos": [{"date_time": "a"}, {"date_time": "b"}],)"
                              R"( "user_qos": [{"date_time": "c"}]})");
    REQUIRE(participant.user_qos.size() == 1);
    CHECK(participant.user_qos[0].date_time == "c");
    // A user_qos deeper down is someone else's data, kept whole as an extra.
    participant = parsed(R"({"other": {"user_qos": [{"date_time": "x"}]},)"
                         R"( "list": [[{"date_time": "y"}]], "user_qos": [{"date_time": "z"}]})");
    REQUIRE(participant.user_qos.size() == 1);
    CHECK(participant.user_qos[0].date_time == "z");
    CHECK(participant.extra.at("other").dump() == R"({"user_qos":[{"date_time":"x"}]})");
    CHECK(participant.extra.at("list").dump() == R"([[{"date_time":"y"}]])");
    // An array or an empty array among the samples.
    CHECK(error_of(R"({"user_qos": [{}, [{"date_time": "t"}]]})") ==
          "expected user_qos[1] to be an object, got an array");
    CHECK(error_of(R"({"user_qos": [[]]})") ==
          "expected user_qos[0] to be an object, got an array");
    CHECK(parsed(R"({"user_qos": []})").user_qos.empty());
    CHECK(parsed(R"({"user_qos": [{}, {}]})").user_qos.size() == 2);
}

TEST_CASE("absurdly deep nesting is refused instead of overflowing the stack", "[mapper]") {
    const std::size_t depth = 100000;
    const std::string body =
        R"({"odd": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
    CHECK(error_of(body) == "response is nested more than 64 levels deep");
    // Brackets inside strings are text, not nesting.
    const auto participant = parsed(R"({"user_name": ")" + std::string(1000, '[') + R"(\"{{{{"})");
    CHECK(participant.user_name == std::string(1000, '[') + "\"{{{{");
}

TEST_CASE("a list page gives its participants and the next page token", "[mapper][page]") {
    const auto page = parse_page(R"({
        "page_count": 3, "page_size": 2, "total_records": 5, "next_page_token": "mk01",
        "participants": [
            {"id": "a", "user_name": "One", "user_qos": [{"date_time": "2026-11-20T14:01:00Z",
                "audio_input": {"latency": "126 ms", "avg_loss": "0.3%"}}]},
            {"id": "b", "user_name": "Two", "surprise": true}
        ]})");
    REQUIRE(page);
    CHECK(page->next_page_token == "mk01");
    CHECK(page->total_records == 5);
    REQUIRE(page->participants.size() == 2);
    CHECK(page->participants[0].id == "a");
    REQUIRE(page->participants[0].user_qos.size() == 1);
    CHECK(page->participants[0].user_qos[0].streams.at(0).latency_ms == 126.0);
    CHECK(page->participants[1].extra.at("surprise") == true);
}

TEST_CASE("the last page and an empty webinar end the walk", "[mapper][page]") {
    const auto last =
        parse_page(R"({"total_records": 0, "next_page_token": "", "participants": []})");
    REQUIRE(last);
    CHECK(last->next_page_token.empty());
    CHECK(last->participants.empty());
    // Zoom may leave out what it has nothing for.
    const auto bare = parse_page("{}");
    REQUIRE(bare);
    CHECK(bare->next_page_token.empty());
    CHECK_FALSE(bare->total_records);
    CHECK(parse_page(R"({"participants": null, "next_page_token": null})"));
}

TEST_CASE("a page that is not the list shape is an invalid response", "[mapper][page]") {
    for (const char* body : {"[]", "\"x\"", R"({"participants": {}})", R"({"participants": [1]})",
                             R"({"participants": [{"id": "a"}, "b"]})", "{\"participants\": ["}) {
        const auto page = parse_page(body);
        INFO(body);
        REQUIRE_FALSE(page);
        CHECK(page.error().kind == ErrorKind::InvalidResponse);
    }
}

namespace {

// The page's participants as the DOM reader maps them, one by one: the oracle for parse_page,
// which maps the samples while it parses.
std::vector<std::string> mapped_whole(std::string_view body) {
    std::vector<std::string> out;
    const Json page = Json::parse(body);
    for (const Json& item : page.at("participants")) {
        const auto participant = participant_from_json(item);
        REQUIRE(participant);
        out.push_back(to_json(*participant).dump());
    }
    return out;
}

std::vector<std::string> mapped_streaming(std::string_view body) {
    const auto page = parse_page(body);
    REQUIRE(page);
    std::vector<std::string> out;
    for (const Participant& participant : page->participants) {
        out.push_back(to_json(participant).dump());
    }
    return out;
}

} // namespace

TEST_CASE("a page's samples mapped while parsing equal those of the whole document",
          "[mapper][page]") {
    const std::string messy = read_fixture("mock-messy.json");
    const char* const bodies[] = {
        // A repeated key keeps its first place and its last value, in a stream and a sample.
        R"({"participants": [{"id": "a", "user_qos": [{"date_time": "t1",
            "audio_input": {"latency": "1 ms", "jitter": "2 ms", "latency": "3 ms"},
            "date_time": "t2", "cpu_usage": {"zoom_min_cpu_usage": "1%"}}]}]})",
        // Nested values inside a stream, a sample's array, a stream that names its resolution
        // before any measurement, and an object that is no stream.
        R"({"participants": [{"id": "b", "user_qos": [{"video_input": {"resolution": "1280*720",
            "deep": {"a": [1, {"b": null}]}, "bitrate": "1 Mbps", "flag": true, "n": -1.5},
            "list": [1, "two", [3]], "wifi_rssi": {"max_rssi": -40, "avg_rssi": "x"},
            "cpu_usage": "busy", "as_input": {}, "date_time": 5}]}]})",
        // user_qos null, missing, repeated; participants of every shape of sample.
        R"({"participants": [{"id": "c", "user_qos": null}, {"id": "d"},
            {"id": "e", "user_qos": [{"date_time": "x"}], "user_qos": [{"date_time": "y"}, {}]}],
            "next_page_token": "n"})",
        // Numbers of every kind where unit strings are expected.
        R"({"participants": [{"id": "f", "user_qos": [{"audio_output": {"bitrate": 23,
            "latency": 1.5, "jitter": -2, "avg_loss": null, "max_loss": false,
            "frame_rate": "12 fps"}, "cpu_usage": {"zoom_avg_cpu_usage": 7, "other": [1]}}]}]})",
    };
    for (const char* body : bodies) {
        INFO(body);
        CHECK(mapped_streaming(body) == mapped_whole(body));
    }
    const std::string page = R"({"participants": [)" + messy + "," + messy + "]}";
    CHECK(mapped_streaming(page) == mapped_whole(page));
}

TEST_CASE("a page's bad sample is named by its place, whoever holds it", "[mapper][page]") {
    const auto page = parse_page(R"({"participants": [{"id": "a", "user_qos": [{}]},
        {"id": "b", "user_qos": [{}, {}, "later", [1, [2]], {}]}]})");
    REQUIRE_FALSE(page);
    CHECK(page.error().message == "expected user_qos[2] to be an object, got a string");
    // The participants before it are checked first, in order.
    const auto first = parse_page(R"({"participants": [7, {"user_qos": [null]}]})");
    REQUIRE_FALSE(first);
    CHECK(first.error().message == "a list page holds a participant that is not an object");
}

TEST_CASE("a page nested too deep is refused, inside a sample too", "[mapper][page]") {
    const std::size_t depth = 100000;
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    for (const std::string& body :
         {R"({"participants": [{"user_qos": [{"odd": )" + deep + "}]}]}",
          R"({"participants": [{"user_qos": [{"audio_input": {"odd": )" + deep + "}}]}]}",
          R"({"odd": )" + deep + "}"}) {
        const auto page = parse_page(body);
        REQUIRE_FALSE(page);
        CHECK(page.error().message == "response is nested more than 64 levels deep");
    }
    CHECK(error_of(R"({"user_qos": [{"odd": )" + deep + "}]}") ==
          "response is nested more than 64 levels deep");
    // 64 levels are fine.
    const std::string at_limit = R"({"participants": [{"user_qos": [{"odd": )" +
                                 std::string(59, '[') + std::string(59, ']') + "}]}]}";
    CHECK(parse_page(at_limit));
}
