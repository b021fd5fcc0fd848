#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/quality/thresholds.hpp"

namespace {

using namespace zoomqos;
using quality::Metric;
using quality::Op;
using quality::Rule;

std::vector<Rule> parse(const std::string& text) {
    auto rules = quality::parse_rules(text, "--fail-on", quality::default_rules());
    INFO(text << ": " << (rules ? std::string() : rules.error().message));
    REQUIRE(rules.ok());
    return *rules;
}

// The message of a malformed list: what failed, where, the text and a caret.
std::string parse_error(const std::string& text) {
    auto rules = quality::parse_rules(text, "--fail-on", quality::default_rules());
    REQUIRE_FALSE(rules.ok());
    CHECK(rules.error().kind == ErrorKind::Usage);
    return rules.error().message;
}

} // namespace

TEST_CASE("rules: the grammar", "[quality]") {
    CHECK(parse("latency>150") ==
          std::vector<Rule>{{std::nullopt, Metric::Latency, Op::Greater, 150}});
    CHECK(parse("latency>150,loss>2,audio_input.jitter>30,video_output.fps<15,cpu>90") ==
          std::vector<Rule>{
              {std::nullopt, Metric::Latency, Op::Greater, 150},
              {std::nullopt, Metric::Loss, Op::Greater, 2},
              {"audio_input", Metric::Jitter, Op::Greater, 30},
              {"video_output", Metric::Fps, Op::Less, 15},
              {std::nullopt, Metric::Cpu, Op::Greater, 90},
          });
    CHECK(parse(" max_loss >= 10 , bitrate<=20.5 ") ==
          std::vector<Rule>{{std::nullopt, Metric::MaxLoss, Op::GreaterEqual, 10},
                            {std::nullopt, Metric::Bitrate, Op::LessEqual, 20.5}});
    CHECK(parse("audio_device_from_crc.latency>100")[0].stream == "audio_device_from_crc");
    CHECK(parse("as_input.fps<5")[0].metric == Metric::Fps);
    CHECK(parse("default") == quality::default_rules());
    CHECK(parse("default,cpu>95").size() == quality::default_rules().size() + 1);
}

TEST_CASE("rules: malformed lists say where", "[quality]") {
    CHECK(parse_error("latency>>3") ==
          "--fail-on: expected a number (in ms) at character 9\n  latency>>3\n          ^");
    CHECK(parse_error("latency>150,,loss>2") ==
          "--fail-on: expected a rule such as latency>150 at character 13\n"
          "  latency>150,,loss>2\n              ^");
    CHECK(parse_error("latncy>150")
              .starts_with("--fail-on: unknown metric 'latncy' (latency, jitter, loss, max_loss, "
                           "bitrate, fps, cpu) "
                           "at character 1\n"));
    CHECK(parse_error("loss>2,audio_inptu.loss>1")
              .starts_with("--fail-on: unknown stream 'audio_inptu'"));
    CHECK(parse_error("loss>2,audio_inptu.loss>1")
              .ends_with(" at character 8\n"
                         "  loss>2,audio_inptu.loss>1\n"
                         "         ^"));
    CHECK(parse_error("latency=150")
              .starts_with("--fail-on: expected an operator: >, >=, < or <= at character 8\n"));
    CHECK(
        parse_error("latency>150ms")
            .starts_with("--fail-on: expected ',' or the end after the number at character 12\n"));
    CHECK(parse_error("latency>-5")
              .starts_with("--fail-on: expected a number (in ms) at character 9"));
    CHECK(parse_error("latency>1.2.3").starts_with("--fail-on: expected a number"));
    CHECK(parse_error("").starts_with(
        "--fail-on: expected a rule such as latency>150 at character 1"));
    CHECK(parse_error("loss>2,").starts_with(
        "--fail-on: expected a rule such as latency>150 at character 8"));
    CHECK(parse_error("audio_input.cpu>5").starts_with("--fail-on: cpu belongs to no stream"));
    CHECK(parse_error("audio_input.fps<5").starts_with("--fail-on: audio_input has no frame rate"));
    CHECK(parse_error("default>5").starts_with("--fail-on: unknown metric 'default'"));
    CHECK(parse_error(".latency>5").starts_with("--fail-on: expected a stream or metric name"));
    // A caret after non-ASCII text still sits under the right character.
    CHECK(parse_error("lätency>5").ends_with("\n  lätency>5\n  ^"));
    CHECK(parse_error("loss>2,é").ends_with("\n  loss>2,é\n         ^"));
    // Control characters from the shell do not reach the terminal raw.
    CHECK(parse_error("loss>2\x1b[31m").find('\x1b') == std::string::npos);
}

TEST_CASE("rules: merge changes the defaults by stream and metric", "[quality]") {
    const auto merged = quality::merge_rules(quality::default_rules(),
                                             parse("latency>200,audio_input.latency>100"));
    CHECK(merged.size() == quality::default_rules().size() + 1);
    CHECK(merged[0] == Rule{std::nullopt, Metric::Latency, Op::Greater, 200});
    CHECK(merged.back() == Rule{"audio_input", Metric::Latency, Op::Greater, 100});
}

TEST_CASE("rules: texts", "[quality]") {
    CHECK(quality::rule_text(parse("audio_input.jitter>=30.5")[0]) == "audio_input.jitter>=30.5");
    // Printed back as typed, however many decimals (fuzz/fuzz_rules.cpp).
    CHECK(quality::rule_text(parse("loss>0.0000001")[0]) == "loss>0.0000001");
    CHECK(quality::rule_text(parse("latency>150.000")[0]) == "latency>150");
    CHECK(quality::limit_text(parse("loss>2")[0]) == "2%");
    CHECK(quality::limit_text(parse("latency>=150")[0]) == ">= 150 ms");
    CHECK(quality::value_text(Metric::Bitrate, 27.155) == "27.16 kbps");
}

TEST_CASE("thresholds: breaches over samples", "[quality]") {
    auto p = model::parse_participant(R"({"user_qos": [
      {"date_time": "2026-11-20T14:01:00Z",
       "audio_input": {"latency": "151 ms", "avg_loss": "", "max_loss": null},
       "video_output": {"bitrate": "0 kbps", "frame_rate": "0 fps", "resolution": "0*0"},
       "cpu_usage": {"zoom_avg_cpu_usage": "81%"}},
      {"date_time": "2026-11-20T14:02:00Z",
       "audio_input": {"latency": "150 ms", "jitter": "41ms"},
       "video_output": {"bitrate": "500 kbps", "frame_rate": "9 fps"}}
    ]})");
    REQUIRE(p.ok());
    const auto found = quality::find_breaches(*p, quality::default_rules());
    REQUIRE(found.size() == 4);
    CHECK(quality::describe(found[0]) == "audio_input: latency 151 ms at 14:01 (threshold 150 ms)");
    CHECK(quality::describe(found[1]) == "cpu_usage: zoom cpu avg 81% at 14:01 (threshold 80%)");
    CHECK(quality::describe(found[2]) == "audio_input: jitter 41 ms at 14:02 (threshold 40 ms)");
    CHECK(quality::describe(found[3]) ==
          "video_output: frame rate 9 fps at 14:02 (threshold 10 fps)");
    // Exactly at the limit is no breach of '>', but is of '>='.
    CHECK(quality::find_breaches(*p, parse("latency>=150")).size() == 2);
    // A stream prefix limits a rule to that stream.
    CHECK(quality::find_breaches(*p, parse("video_output.latency>0")).empty());
    // The worst: 9 fps under 10 (1.11×) is milder than 151 ms over 150? No:
    // 151/150 = 1.007, 41/40 = 1.025, 81/80 = 1.0125, 10/9 = 1.11.
    CHECK(quality::worst_breach(found) == &found[3]);
    CHECK(quality::worst_breach({}) == nullptr);
    CHECK(quality::short_time("2026-11-20T14:02:00Z") == "14:02");
    CHECK(quality::short_time("yesterday") == "yesterday");
    CHECK(quality::short_time(std::nullopt) == "an unknown time");
}

TEST_CASE("thresholds: the default frame rate judges camera video, not screen share", "[quality]") {
    auto p = model::parse_participant(R"({"user_qos": [
      {"date_time": "2026-11-20T14:01:00Z",
       "video_input": {"bitrate": "600 kbps", "frame_rate": "8 fps"},
       "as_input": {"bitrate": "300 kbps", "frame_rate": "2 fps"},
       "as_output": {"bitrate": "200 kbps", "frame_rate": "4 fps"}}
    ]})");
    REQUIRE(p.ok());
    const auto streams = [](const std::vector<quality::Breach>& found) {
        std::string names;
        for (const auto& breach : found) {
            names += breach.stream + " ";
        }
        return names;
    };
    CHECK(streams(quality::find_breaches(*p, quality::default_rules())) == "video_input ");
    // A share rule of its own still judges share.
    CHECK(streams(quality::find_breaches(
              *p, quality::merge_rules(quality::default_rules(), parse("as_input.fps<3")))) ==
          "video_input as_input ");
    // A rule for every stream replaces both camera defaults.
    const auto everywhere = quality::merge_rules(quality::default_rules(), parse("fps<5"));
    CHECK(std::count_if(everywhere.begin(), everywhere.end(),
                        [](const Rule& r) { return r.metric == Metric::Fps; }) == 1);
    CHECK(streams(quality::find_breaches(*p, everywhere)) == "as_input as_output ");
}
