#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"

// Where a participant's samples go beyond rules.
namespace zoomqos::quality {

// One sample's value of one stream beyond one rule.
struct Breach {
    Rule rule;
    std::string stream; // "audio_input", or "cpu_usage" for Metric::Cpu
    std::optional<std::string> date_time;
    std::size_t sample_index = 0;
    double value = 0;
};

// The value a rule looks at in one stream, or nullopt when the stream has
// none (unknown is never a breach). Frame rate counts only while video is on:
// a video-like stream with a known bitrate above zero.
std::optional<double> stream_value(const model::Stream& stream, Metric metric);

// Whether `rule` is about `stream` at all: its stream prefix, and for
// fps only video-like streams, for cpu only the cpu row.
bool rule_applies(const Rule& rule, const model::Stream& stream);

// Whether any sample carries a value a rule could judge: a stream with data
// or a CPU figure. A participant without any has the verdict "no data": it
// is neither clean nor in breach.
bool has_qos_data(const model::Participant& participant);

// Every breach of every rule over every sample and stream, in sample order,
// then Zoom's stream order, then rule order.
std::vector<Breach> find_breaches(const model::Participant& participant,
                                  const std::vector<Rule>& rules);

// How far beyond its limit a breach is, as a ratio (> 1 is beyond; 2 is
// "twice the limit" for > and "half the limit" for <): what makes one breach
// worse than another across metrics with different units.
double severity(const Breach& breach);

// The worst breach (ties: the earliest), or nullptr.
const Breach* worst_breach(const std::vector<Breach>& breaches);

// "audio_input: loss 12.5% at 14:03 (threshold 2%)".
std::string describe(const Breach& breach);

// "14:03" for an ISO UTC time, else the text as Zoom sent it, or "an
// unknown time".
std::string short_time(const std::optional<std::string>& date_time);

} // namespace zoomqos::quality
