#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/render/render.hpp"

// One row per participant instead of one per sample (`list --summary`), and
// the order of `list --sort`: what is kept of a participant once its samples
// are summed up. Its size does not depend on the number of samples, so a
// sorted list holds one of these per participant and no sample at all.
namespace zoomqos::render {

// One main stream over the samples in which it carried data (as the summary
// view counts them). Loss: the average of avg_loss and the highest max_loss.
struct StreamDigest {
    std::optional<double> latency_avg, latency_max;
    std::optional<double> jitter_avg, jitter_max;
    std::optional<double> loss_avg, loss_max;
    std::optional<double> bitrate_min;
    std::optional<double> fps_min; // video-like streams, while video is on
};

inline constexpr std::size_t kDigestStreams = std::size(model::kMainStreams);

struct ParticipantDigest {
    Subject subject;
    std::optional<std::string> user_id, user_name, device, location, join_time, leave_time;
    std::size_t samples = 0;
    std::array<StreamDigest, kDigestStreams> streams; // in model::kMainStreams order
    std::optional<double> cpu_avg, cpu_max;           // Zoom's CPU usage, %
    std::optional<std::string> health;
    std::optional<std::vector<std::string>> issue_list;
    std::size_t breaches = 0;
    std::optional<std::string> worst_breach; // quality::describe
    std::string verdict;                     // render::verdict
    std::optional<model::Json> details;      // list --details: the joined session
};

ParticipantDigest digest(const Subject& subject, const model::Participant& participant,
                         const std::vector<quality::Rule>& thresholds);

// What --sort compares, worst first:
//   latency, jitter, loss  the highest of the main streams' averages;
//   max_loss               the highest max_loss of any main stream;
//   bitrate, fps           the lowest of the main streams' lowest values
//                          (lowest first);
//   cpu                    Zoom's average CPU usage;
//   breaches               the number of threshold breaches.
// Values are compared as printed (6 decimals). Participants without the
// value come last; ties go by participant ID.
enum class SortKey { Latency, Jitter, Loss, MaxLoss, Bitrate, Fps, Cpu, Breaches };

std::optional<double> sort_value(const ParticipantDigest& digest, SortKey key);
bool ranks_before(const ParticipantDigest& a, const ParticipantDigest& b, SortKey key);

// The summary row's fixed columns, for JSON and NDJSON (one object, the first
// key subject.event_key; issue_list an array, details an object when set) and
// CSV (the same names, event_id first, CRLF, issue_list joined with "; ";
// with `details` the detail_* columns after them).
model::Json digest_json(const ParticipantDigest& digest);
void digest_csv_header(std::ostream& out, bool details);
void digest_csv_row(std::ostream& out, const ParticipantDigest& digest, bool details);

} // namespace zoomqos::render
