#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"

// QoS rules: "latency>150", "audio_input.jitter>30", "video_output.fps<15".
// The same grammar serves --fail-on (which rules fail the run) and
// --thresholds (which values the summary marks). Units are implied by the
// metric: ms, %, kbps, fps.
namespace zoomqos::quality {

enum class Metric { Latency, Jitter, Loss, MaxLoss, Bitrate, Fps, Cpu };
enum class Op { Greater, GreaterEqual, Less, LessEqual };

struct Rule {
    std::optional<std::string> stream; // "audio_input"; nullopt: every stream
    Metric metric = Metric::Latency;
    Op op = Op::Greater;
    double value = 0;

    bool operator==(const Rule&) const = default;
};

std::string_view metric_name(Metric metric);
// "ms", "%", "kbps", "fps".
std::string_view metric_unit(Metric metric);
std::string_view op_text(Op op);

// True when `measured` is beyond the rule's limit.
bool breaches(const Rule& rule, double measured);

// "latency>150", "audio_input.jitter>=30": what a user would type.
std::string rule_text(const Rule& rule);
// "150 ms", "2%": the limit with its unit, for people.
std::string limit_text(const Rule& rule);
std::string value_text(Metric metric, double value);

// The defaults (README, "Thresholds"): latency > 150 ms (ITU-T G.114),
// jitter > 40 ms, average loss > 2 %, worst loss > 10 %, frame rate < 10 fps
// while camera video is on (video_input and video_output: not screen share),
// Zoom CPU average > 80 %.
std::vector<Rule> default_rules();

// Comma-separated rules; the word `default` stands for the rules in
// `defaults`. Spaces around tokens are allowed. A malformed list is a usage
// error whose message names the option and the character where parsing
// stopped, followed by the text and a caret under that character.
Result<std::vector<Rule>> parse_rules(std::string_view text, std::string_view option,
                                      const std::vector<Rule>& defaults);

// `base` with each rule of `changes` replacing the one of the same stream
// and metric, or added when there is none: --thresholds latency>200 moves
// the latency limit and keeps the others. A change without a stream also
// drops the metric's rules for single streams (fps<5 replaces the default
// video_input.fps<10 and video_output.fps<10).
std::vector<Rule> merge_rules(std::vector<Rule> base, const std::vector<Rule>& changes);

} // namespace zoomqos::quality
