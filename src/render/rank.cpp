#include "zoomqos/render/rank.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/render/csv_cell.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::render {

namespace {

// One value of a digest's stream: its column suffix and where it is.
struct StreamColumn {
    std::string_view suffix;
    std::optional<double> StreamDigest::*value;
    bool video_only = false;
};

constexpr StreamColumn kStreamColumns[] = {
    {"latency_avg_ms", &StreamDigest::latency_avg},
    {"latency_max_ms", &StreamDigest::latency_max},
    {"jitter_avg_ms", &StreamDigest::jitter_avg},
    {"jitter_max_ms", &StreamDigest::jitter_max},
    {"loss_avg_pct", &StreamDigest::loss_avg},
    {"loss_max_pct", &StreamDigest::loss_max},
    {"bitrate_min_kbps", &StreamDigest::bitrate_min},
    {"frame_rate_min_fps", &StreamDigest::fps_min, true},
};

bool is_video_like(std::string_view stream) {
    return stream.starts_with("video_") || stream.starts_with("as_");
}

// Integral values as integers, others with at most 6 decimals, as the CSV
// writer prints them: 12.5, not 12.500000000001.
model::Json number(const std::optional<double>& value) {
    if (!value || !std::isfinite(*value)) {
        return nullptr;
    }
    const double rounded = std::round(*value * 1e6) / 1e6;
    if (std::trunc(rounded) == rounded && std::abs(rounded) < 9e15) {
        return static_cast<long long>(rounded);
    }
    return rounded;
}

model::Json text_or_null(const std::optional<std::string>& value) {
    return value ? model::Json(*value) : model::Json(nullptr);
}

// The highest (or lowest) of one value over the main streams.
std::optional<double> across_streams(const ParticipantDigest& d,
                                     std::optional<double> StreamDigest::*value, bool lowest) {
    std::optional<double> found;
    for (const StreamDigest& stream : d.streams) {
        const auto& v = stream.*value;
        if (v && (!found || (lowest ? *v < *found : *v > *found))) {
            found = v;
        }
    }
    return found;
}

bool lowest_first(SortKey key) {
    return key == SortKey::Bitrate || key == SortKey::Fps;
}

// A CSV cell for a JSON value of the row: text, a number, a list of text.
std::string csv_cell(const model::Json& value) {
    if (value.is_string()) {
        return csv_text_cell(value.get<std::string>());
    }
    if (value.is_number()) {
        return csv_number(value.get<double>());
    }
    if (value.is_array()) {
        std::string joined;
        for (const model::Json& item : value) {
            if (!joined.empty()) {
                joined += "; ";
            }
            joined += item.is_string() ? item.get<std::string>() : item.dump();
        }
        return csv_text_cell(joined);
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "true" : "false";
    }
    return {};
}

} // namespace

ParticipantDigest digest(const Subject& subject, const model::Participant& participant,
                         const std::vector<quality::Rule>& thresholds) {
    ParticipantDigest d;
    d.subject = subject;
    d.user_id = participant.user_id;
    d.user_name = participant.user_name;
    d.device = participant.device;
    d.location = participant.location;
    d.join_time = participant.join_time;
    d.leave_time = participant.leave_time;
    d.health = participant.health;
    d.issue_list = participant.issue_list;
    d.samples = participant.user_qos.size();
    for (std::size_t i = 0; i < kDigestStreams; ++i) {
        const StreamFigures f = stream_figures(participant, std::string(model::kMainStreams[i]));
        StreamDigest& s = d.streams[i];
        s.latency_avg = f.latency.average();
        s.latency_max = f.latency.high;
        s.jitter_avg = f.jitter.average();
        s.jitter_max = f.jitter.high;
        s.loss_avg = f.avg_loss.average();
        s.loss_max = f.max_loss.high;
        s.bitrate_min = f.bitrate.low;
        s.fps_min = f.fps.low;
    }
    Stats cpu_avg;
    Stats cpu_max;
    for (const model::Sample& sample : participant.user_qos) {
        if (sample.cpu_usage) {
            cpu_avg.add(sample.cpu_usage->zoom_avg_cpu_usage_pct);
            cpu_max.add(sample.cpu_usage->zoom_max_cpu_usage_pct);
        }
    }
    d.cpu_avg = cpu_avg.average();
    d.cpu_max = cpu_max.high;
    const auto breaches = quality::find_breaches(participant, thresholds);
    d.breaches = breaches.size();
    if (const quality::Breach* worst = quality::worst_breach(breaches); worst != nullptr) {
        d.worst_breach = quality::describe(*worst);
    }
    d.verdict = verdict(participant, thresholds);
    d.details = participant.details;
    return d;
}

std::optional<double> sort_value(const ParticipantDigest& d, SortKey key) {
    switch (key) {
    case SortKey::Latency:
        return across_streams(d, &StreamDigest::latency_avg, false);
    case SortKey::Jitter:
        return across_streams(d, &StreamDigest::jitter_avg, false);
    case SortKey::Loss:
        return across_streams(d, &StreamDigest::loss_avg, false);
    case SortKey::MaxLoss:
        return across_streams(d, &StreamDigest::loss_max, false);
    case SortKey::Bitrate:
        return across_streams(d, &StreamDigest::bitrate_min, true);
    case SortKey::Fps:
        return across_streams(d, &StreamDigest::fps_min, true);
    case SortKey::Cpu:
        return d.cpu_avg;
    case SortKey::Breaches:
        return static_cast<double>(d.breaches);
    }
    return std::nullopt;
}

bool ranks_before(const ParticipantDigest& a, const ParticipantDigest& b, SortKey key) {
    // Compared as printed (6 decimals): two averages that differ only in
    // floating-point noise are a tie, as they look in the output.
    const auto printed = [key](const ParticipantDigest& d) {
        auto value = sort_value(d, key);
        if (value) {
            value = std::round(*value * 1e6) / 1e6;
        }
        return value;
    };
    const auto va = printed(a);
    const auto vb = printed(b);
    if (va.has_value() != vb.has_value()) {
        return va.has_value(); // unknown values last
    }
    if (va && *va != *vb) {
        return lowest_first(key) ? *va < *vb : *va > *vb;
    }
    return a.subject.participant_id < b.subject.participant_id;
}

model::Json digest_json(const ParticipantDigest& d) {
    model::Json row = model::Json::object();
    row[d.subject.event_key] = d.subject.event_id;
    row["participant_id"] = d.subject.participant_id;
    row["user_id"] = text_or_null(d.user_id);
    row["user_name"] = text_or_null(d.user_name);
    row["device"] = text_or_null(d.device);
    row["location"] = text_or_null(d.location);
    row["join_time"] = text_or_null(d.join_time);
    row["leave_time"] = text_or_null(d.leave_time);
    row["samples"] = d.samples;
    for (std::size_t i = 0; i < kDigestStreams; ++i) {
        const std::string_view stream = model::kMainStreams[i];
        for (const StreamColumn& column : kStreamColumns) {
            if (column.video_only && !is_video_like(stream)) {
                continue;
            }
            row[std::string(stream) + "_" + std::string(column.suffix)] =
                number(d.streams[i].*column.value);
        }
    }
    row["cpu_zoom_avg_pct"] = number(d.cpu_avg);
    row["cpu_zoom_max_pct"] = number(d.cpu_max);
    row["health"] = text_or_null(d.health);
    row["issue_list"] = d.issue_list ? model::Json(*d.issue_list) : model::Json(nullptr);
    row["breaches"] = d.breaches;
    row["worst_breach"] = text_or_null(d.worst_breach);
    row["verdict"] = d.verdict;
    if (d.details) {
        row["details"] = *d.details;
    }
    return row;
}

void digest_csv_header(std::ostream& out, bool details) {
    ParticipantDigest empty;
    const model::Json row = digest_json(empty);
    std::string line;
    for (const auto& [key, value] : row.items()) {
        if (!line.empty()) {
            line += ',';
        }
        line += key == empty.subject.event_key ? "event_id" : key;
    }
    if (details) {
        line += detail_header();
    }
    out << line << "\r\n";
}

void digest_csv_row(std::ostream& out, const ParticipantDigest& d, bool details) {
    model::Json row = digest_json(d);
    row.erase("details");
    std::string line;
    bool first = true;
    for (const auto& [key, value] : row.items()) {
        if (!first) {
            line += ',';
        }
        first = false;
        line += csv_cell(value);
    }
    if (details) {
        line += detail_cells(d.details);
    }
    out << line << "\r\n";
}

} // namespace zoomqos::render
