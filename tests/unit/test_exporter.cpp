#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "zoomqos/exporter/budget.hpp"
#include "zoomqos/exporter/logfmt.hpp"
#include "zoomqos/exporter/registry.hpp"
#include "zoomqos/exporter/scrape_body.hpp"
#include "zoomqos/exporter/series.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/quality/rules.hpp"

using namespace zoomqos::exporter;
using zoomqos::ErrorKind;
namespace model = zoomqos::model;

namespace {

model::Participant participant(const std::string& json) {
    auto parsed = model::parse_participant(json);
    REQUIRE(parsed);
    return std::move(parsed).value();
}

// What a scraper does with a gzip body: inflate it as one gzip member, checking its CRC and
// length; an empty optional when zlib refuses it or bytes follow the member.
std::optional<std::string> gunzip(const std::string& body) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        return std::nullopt;
    }
    std::string out;
    std::array<char, 65536> buffer{};
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer.data(), buffer.size() - stream.avail_out);
    }
    const bool whole = status == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    return whole ? std::optional<std::string>(out) : std::nullopt;
}

const Point* find(const std::vector<Point>& points, const Family& family, const Labels& labels) {
    for (const Point& point : points) {
        if (point.family == &family && point.labels == labels) {
            return &point;
        }
    }
    return nullptr;
}

// clang-format off
const char* const kMaja = R"json({
  "id": "16778240", "user_id": "Qa1", "user_name": "Maja \"M\" Lind\u0007", "device": "Mac",
  "location": "Gothenburg (SE)", "client": "Mac", "version": "6.2.11", "join_time": "2026-12-01T09:00:03Z",
  "leave_time": "",
  "user_qos": [
    {"date_time": "2026-12-01T09:01:00Z",
     "audio_input": {"bitrate": "99 kbps", "latency": "500 ms", "jitter": "1ms", "avg_loss": "9%", "max_loss": "9%"}},
    {"date_time": "2026-12-01T09:02:00Z",
     "audio_input": {"bitrate": "27.15kbps", "latency": "126 ms", "jitter": "4ms", "avg_loss": "0.3%", "max_loss": "1.2%"},
     "audio_output": {"bitrate": "", "latency": "", "jitter": "", "avg_loss": "", "max_loss": ""},
     "video_input": {"bitrate": "800 kbps", "latency": "90 ms", "jitter": "2 ms", "avg_loss": "0%", "max_loss": "0%",
                     "resolution": "1280*720", "frame_rate": "25 fps"},
     "cpu_usage": {"zoom_min_cpu_usage": "1%", "zoom_avg_cpu_usage": "12%", "zoom_max_cpu_usage": "30%",
                   "system_max_cpu_usage": "55%"}}
  ]})json";
// clang-format on

} // namespace

TEST_CASE("exporter units are Prometheus base units", "[exporter]") {
    CHECK(seconds_from_ms(126.0) == Approx(0.126));
    CHECK(ratio_from_percent(0.3) == Approx(0.003));
    CHECK(bytes_per_second_from_kbps(27.15) == Approx(3393.75));
    CHECK_FALSE(seconds_from_ms(std::nullopt).has_value());
    CHECK_FALSE(ratio_from_percent(std::nullopt).has_value());
    CHECK_FALSE(bytes_per_second_from_kbps(std::nullopt).has_value());
}

TEST_CASE("exporter series of a participant's latest sample", "[exporter]") {
    const model::Participant maja = participant(kMaja);
    const std::vector<Point> points = participant_points("82000000001", maja);
    const Labels ids{{"event_id", "82000000001"}, {"participant_id", "16778240"}};
    auto stream = [&ids](const char* name) {
        Labels labels = ids;
        labels["stream"] = name;
        return labels;
    };

    const Point* latency = find(points, kLatency, stream("audio_input"));
    REQUIRE(latency != nullptr);
    CHECK(latency->value == Approx(0.126)); // the latest sample, not the first
    CHECK(find(points, kJitter, stream("audio_input"))->value == Approx(0.004));
    CHECK(find(points, kAvgLoss, stream("audio_input"))->value == Approx(0.003));
    CHECK(find(points, kMaxLoss, stream("audio_input"))->value == Approx(0.012));
    CHECK(find(points, kBitrate, stream("audio_input"))->value == Approx(3393.75));
    CHECK(find(points, kFrameRate, stream("video_input"))->value == Approx(25));
    CHECK(find(points, kFrameRate, stream("audio_input")) == nullptr);
    // An idle stream ("" everywhere) has no series at all: unknown is not 0.
    CHECK(find(points, kLatency, stream("audio_output")) == nullptr);

    Labels cpu = ids;
    cpu["process"] = "zoom";
    cpu["stat"] = "avg";
    CHECK(find(points, kCpu, cpu)->value == Approx(0.12));
    cpu["process"] = "system";
    cpu["stat"] = "max";
    CHECK(find(points, kCpu, cpu)->value == Approx(0.55));
    CHECK(find(points, kSampleTime, ids)->value == Approx(1796115720.0));

    // Who it is rides on the info series only, text made printable.
    Labels info = ids;
    info["user_name"] = "Maja \"M\" Lind?";
    info["device"] = "Mac";
    info["location"] = "Gothenburg (SE)";
    info["client"] = "Mac";
    info["version"] = "6.2.11";
    info["join_time"] = "2026-12-01T09:00:03Z";
    const Point* who = find(points, kInfo, info);
    REQUIRE(who != nullptr);
    CHECK(who->value == 1);
    for (const Point& point : points) {
        if (point.family != &kInfo) {
            CHECK_FALSE(point.labels.contains("user_name"));
        }
    }
    // 5 audio_input + 6 video_input + 4 CPU + time + info.
    CHECK(points.size() == 17);
}

TEST_CASE("exporter participant IDs, leavers and samples", "[exporter]") {
    CHECK(participant_id(participant(R"({"id": "", "user_id": "U1"})")) == "U1");
    CHECK(participant_id(participant(R"({"user_id": "U1", "id": "7"})")) == "7");
    CHECK_FALSE(has_left(participant(R"({"leave_time": ""})")));
    CHECK(has_left(participant(R"({"leave_time": "2026-12-01T10:00:00Z"})")));
    CHECK(latest_sample(participant(R"({"user_qos": []})")) == nullptr);
    const model::Participant no_samples = participant(R"({"id": "9", "user_name": "N"})");
    const std::vector<Point> points = participant_points("1", no_samples);
    REQUIRE(points.size() == 1);
    CHECK(points[0].family == &kInfo);
}

TEST_CASE("exporter event series count breaching participants", "[exporter]") {
    const std::vector<model::Participant> present{
        participant(kMaja),
        participant(R"({"id": "2", "user_qos": [{"date_time": "2026-12-01T09:02:00Z",
            "audio_input": {"latency": "20 ms", "avg_loss": "5%"}}]})"),
        participant(R"({"id": "3"})"),
    };
    auto rules = zoomqos::quality::parse_rules("latency>100,loss>2", "--thresholds", {});
    REQUIRE(rules);
    const std::vector<Point> points = event_points("E", present, *rules);
    REQUIRE(points.size() == 3);
    CHECK(points[0] == Point{&kParticipants, {{"event_id", "E"}}, 3});
    CHECK(points[1] == Point{&kBreaching, {{"event_id", "E"}, {"rule", "latency>100"}}, 1});
    CHECK(points[2] == Point{&kBreaching, {{"event_id", "E"}, {"rule", "loss>2"}}, 1});
}

TEST_CASE("exporter budget stretches the interval", "[exporter]") {
    CHECK(estimated_requests(true, 0) == 2);
    CHECK(estimated_requests(false, 3) == 3);
    // Within every limit: the interval asked for.
    CHECK(stretched_interval(60, 2, 10, 15000) == Approx(60));
    // 15,000 a day is one request per 5.76 s: 20 requests need 115.2 s.
    CHECK(stretched_interval(60, 20, 10, 15000) == Approx(115.2));
    // --rate 1 and 500 requests a poll: 500 s, but the budget wants 500 x 5.76 s.
    CHECK(stretched_interval(60, 500, 1, 15000) == Approx(2880));
    CHECK(stretched_interval(60, 900, 1, 0) == Approx(900));
    CHECK(stretched_interval(5, 3, 0, 0) == Approx(5));
    CHECK(kDefaultDailyBudget == 15000);
}

TEST_CASE("exporter schedule slows on QPS 429s and recovers", "[exporter]") {
    PollSchedule schedule(60, 10, 15000);
    CHECK_FALSE(schedule.plan(2));
    CHECK(schedule.interval() == Approx(60));
    CHECK(schedule.plan(20));
    CHECK(schedule.interval() == Approx(115.2));
    schedule.after_poll(true);
    CHECK(schedule.interval() == Approx(230.4));
    for (int i = 0; i < 10; ++i) {
        schedule.after_poll(true);
    }
    CHECK(schedule.slowdown() == Approx(kMaxSlowdown));
    schedule.after_poll(false);
    CHECK(schedule.slowdown() == Approx(4));
    schedule.after_poll(false);
    schedule.after_poll(false);
    schedule.after_poll(false);
    CHECK(schedule.slowdown() == Approx(1));
}

TEST_CASE("exporter health is fresh for three intervals", "[exporter]") {
    Health health;
    const auto t0 = Health::Clock::time_point(std::chrono::hours(1));
    CHECK_FALSE(health.healthy(t0));
    CHECK_FALSE(health.age_seconds(t0).has_value());
    health.set_interval(10);
    health.succeeded(t0);
    CHECK(health.healthy(t0 + std::chrono::seconds(29)));
    CHECK_FALSE(health.healthy(t0 + std::chrono::seconds(30)));
    CHECK(*health.age_seconds(t0 + std::chrono::seconds(12)) == Approx(12));
}

TEST_CASE("exporter registry removes what a poll no longer has", "[exporter]") {
    Health health;
    Registry registry(health);
    const model::Participant maja = participant(kMaja);
    std::vector<Point> points = participant_points("E", maja);
    registry.replace(points);
    CHECK(registry.poll_series() == points.size());
    std::string text = registry.exposition();
    CHECK(text.find("zoomqos_participant_latency_seconds{event_id=\"E\",participant_id="
                    "\"16778240\",stream=\"audio_input\"} 0.126") != std::string::npos);
    CHECK(text.find("user_name=\"Maja \\\"M\\\" Lind?\"") != std::string::npos);
    registry.replace({});
    CHECK(registry.poll_series() == 0);
    text = registry.exposition();
    CHECK(text.find("16778240") == std::string::npos);
}

TEST_CASE("a poll's text and a scrape's tail make one gzip member", "[exporter]") {
    std::string big;
    for (int i = 0; i < 20000; ++i) {
        big += "zoomqos_participant_latency_seconds{participant_id=\"" + std::to_string(i) +
               "\"} 0." + std::to_string(i % 97) + "\n";
    }
    for (const std::string& text : {std::string(), std::string("a 1\n"), big}) {
        const PollText poll(text);
        CHECK(poll.text() == text);
        for (const std::string& tail : {std::string(), std::string("self_metric 42\n"), big}) {
            const std::string gz = poll.gzip_with(tail);
            CHECK(gunzip(gz) == text + tail);
        }
    }
    // The deflated poll is cached, not stored: a body much larger than its text would say so.
    CHECK(PollText(big).gzip_with("x 1\n").size() < big.size() / 4);
    // A corrupt trailer is refused by the same inflate, so the check above can fail.
    std::string gz = PollText(big).gzip_with("x 1\n");
    gz[gz.size() - 5] = static_cast<char>(gz[gz.size() - 5] ^ 1);
    CHECK_FALSE(gunzip(gz).has_value());
}

TEST_CASE("exporter registry serves the same exposition plain and gzipped", "[exporter]") {
    Health health;
    Registry registry(health);
    registry.replace(participant_points("E", participant(kMaja)));
    registry.count_response(200, "");
    const std::string plain = registry.exposition();
    CHECK(plain.find("zoomqos_exporter_api_requests_total{status=\"200\"} 1") != std::string::npos);
    CHECK(gunzip(registry.exposition_gzip()) == plain);
}

TEST_CASE("exporter registry writes a series given twice once, with its last value", "[exporter]") {
    Health health;
    Registry registry(health);
    const Labels labels{{"event_id", "E"}, {"participant_id", "P"}, {"stream", "audio_input"}};
    registry.replace({Point{&kLatency, labels, 0.1}, Point{&kLatency, labels, 0.2}});
    CHECK(registry.poll_series() == 1);
    const std::string text = registry.exposition();
    const std::string series =
        "zoomqos_participant_latency_seconds{event_id=\"E\",participant_id=\"P\",stream="
        "\"audio_input\"}";
    CHECK(text.find(series + " 0.2\n") != std::string::npos);
    CHECK(text.find(series + " 0.1") == std::string::npos);
}

TEST_CASE("logfmt lines quote what needs quoting", "[exporter]") {
    const auto when =
        std::chrono::sys_days(std::chrono::year(2026) / 12 / 1) + std::chrono::hours(9);
    CHECK(
        logfmt_line(when, "info", "poll done", {{"events", "1"}, {"duration_seconds", "0.012"}}) ==
        "ts=2026-12-01T09:00:00Z level=info msg=\"poll done\" events=1 "
        "duration_seconds=0.012\n");
    CHECK(logfmt_value("") == "\"\"");
    CHECK(logfmt_value("a=b") == "\"a=b\"");
    CHECK(logfmt_value("say \"hi\"\n") == "\"say \\\"hi\\\"?\"");
    CHECK(logfmt_value("QPS") == "QPS");
}
