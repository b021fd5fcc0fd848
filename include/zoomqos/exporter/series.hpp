#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"

// What `zoomqos exporter` exposes, as plain data: which series a live
// participant and an event become, in Prometheus' base units. No Prometheus
// library here, so that the names, labels and conversions are tested exactly.
namespace zoomqos::exporter {

using Labels = std::map<std::string, std::string>;

// A gauge family: its name and HELP text.
struct Family {
    std::string_view name;
    std::string_view help;
};

// Every family the exporter's poll fills, participant and event families, in
// exposition order. The self metrics are in registry.hpp.
inline constexpr Family kLatency{"zoomqos_participant_latency_seconds",
                                 "Latency of the participant's latest sample, per stream"};
inline constexpr Family kJitter{"zoomqos_participant_jitter_seconds",
                                "Jitter of the participant's latest sample, per stream"};
inline constexpr Family kAvgLoss{"zoomqos_participant_avg_loss_ratio",
                                 "Average packet loss (0-1) of the latest sample, per stream"};
inline constexpr Family kMaxLoss{"zoomqos_participant_max_loss_ratio",
                                 "Maximum packet loss (0-1) of the latest sample, per stream"};
inline constexpr Family kBitrate{"zoomqos_participant_bitrate_bytes_per_second",
                                 "Bitrate of the latest sample, per stream"};
inline constexpr Family kFrameRate{"zoomqos_participant_frame_rate_frames_per_second",
                                   "Frame rate of the latest sample, per video or sharing stream"};
inline constexpr Family kCpu{"zoomqos_participant_cpu_usage_ratio",
                             "CPU usage (0-1) of the latest sample: process zoom or system, "
                             "stat min, avg or max"};
inline constexpr Family kSampleTime{"zoomqos_participant_sample_timestamp_seconds",
                                    "When the participant's latest sample was taken (Unix time)"};
inline constexpr Family kInfo{"zoomqos_participant_info",
                              "Always 1: who the participant is, joinable on event_id and "
                              "participant_id"};
inline constexpr Family kParticipants{"zoomqos_event_participants",
                                      "Participants present in the live event"};
inline constexpr Family kBreaching{"zoomqos_event_participants_breaching",
                                   "Participants whose latest sample breaches the rule"};

inline constexpr const Family* kPollFamilies[] = {
    &kLatency, &kJitter,     &kAvgLoss, &kMaxLoss,      &kBitrate,   &kFrameRate,
    &kCpu,     &kSampleTime, &kInfo,    &kParticipants, &kBreaching,
};

// One value of one series.
struct Point {
    const Family* family = nullptr;
    Labels labels;
    double value = 0;
    bool operator==(const Point&) const = default;
};

// Base units (Prometheus conventions, which promtool checks): ms -> s,
// % -> ratio, kbps -> bytes/s (1 kbps = 125 B/s).
// Unknown stays unknown.
std::optional<double> seconds_from_ms(std::optional<double> ms);
std::optional<double> ratio_from_percent(std::optional<double> percent);
std::optional<double> bytes_per_second_from_kbps(std::optional<double> kbps);

// The ID a participant's series carry: `id`, else `user_id` (Zoom hides the
// id of some external participants), else "".
std::string participant_id(const model::Participant& participant);

// Whether Zoom says the participant has left (a leave_time is set).
bool has_left(const model::Participant& participant);

// The participant's latest sample: the last one that has a date_time, as
// Zoom lists them oldest first; else the last one; nullptr when none.
const model::Sample* latest_sample(const model::Participant& participant);

// The series of one participant's latest sample: per main stream (audio,
// video, sharing, in and out) latency, jitter, average and maximum loss,
// bitrate, and frame rate for video-like streams, each only when known; the
// CPU usage; the sample's time; and the info series (user_name, device,
// location, client, version, join_time: text made printable and cut). At most
// 40 series per participant.
std::vector<Point> participant_points(std::string_view event_id, const model::Participant& who);

// An event's series: how many participants are present, and for each rule
// how many of them breach it in their latest sample (quality's judgement).
std::vector<Point> event_points(std::string_view event_id,
                                const std::vector<model::Participant>& present,
                                const std::vector<quality::Rule>& rules);

} // namespace zoomqos::exporter
