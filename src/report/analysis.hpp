#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/text/time.hpp"

// What the report's sections share, computed once from the participants:
// each participant's breaches (quality's rules, nothing of our own), the
// event's minutes, and per participant and minute the worst value relative
// to its threshold.
namespace zoomqos::report {

// How close one value came to its threshold: quality::severity of it (> 1 is
// beyond), with what it was.
struct Worst {
    double ratio = 0;
    std::string text; // "audio_input latency 312 ms (threshold 150 ms)"
};

struct Person {
    const model::Participant* participant = nullptr;
    std::vector<quality::Breach> breaches;
    double worst = 0;                          // the worst breach's severity; 0 without one
    std::string verdict;                       // render::verdict
    std::vector<std::optional<Worst>> minutes; // per event minute; nullopt: no data
};

struct Event {
    std::optional<long long> first_minute; // seconds since 1970, at a whole minute
    std::size_t minutes = 0;               // from first_minute on
    std::optional<long long> start;        // earliest join or sample
    std::optional<long long> end;          // latest leave or sample
    std::vector<Person> people;            // worst first, then in input order
    std::size_t breached = 0;              // people with a breach
    std::size_t without_data = 0;          // people with nothing to judge (quality::has_qos_data)
    std::vector<std::size_t> breaching;    // per minute: people with a breach in it
    text::Zone zone;                       // the page's times are in it (report --tz)
    std::string zone_name;                 // "UTC", "CET": what the page calls it
};

Event analyse(const std::vector<model::Participant>& participants,
              const std::vector<quality::Rule>& thresholds, const text::Zone& zone = {});

// Seconds since 1970 of an ISO-8601 time, or nullopt.
std::optional<long long> epoch(const std::optional<std::string>& iso);
// "14:03" of seconds since 1970, in `zone`.
std::string clock_time(long long seconds, const text::Zone& zone);

// What the per-minute counts say: the minute most people breached in, when
// it stands out (at least 3 people and half of those present then), else
// nothing.
struct Spike {
    std::size_t minute = 0;
    std::size_t people = 0;
    std::size_t present = 0;
};
std::optional<Spike> find_spike(const Event& event);

// The threshold a chart of `metric` draws: a rule for every stream, else the
// first one for any (the default fps rules are per camera stream).
std::optional<double> threshold_of(const std::vector<quality::Rule>& rules, quality::Metric metric);

// The main streams by label: "audio in" for audio_input.
std::string stream_label(const std::string& name);

} // namespace zoomqos::report
