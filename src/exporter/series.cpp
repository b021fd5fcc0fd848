#include "zoomqos/exporter/series.hpp"

#include <algorithm>
#include <cstddef>

#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::exporter {

namespace {

// Label values are shown in dashboards and alerts: no control characters,
// and a bound on what one participant can add to a scrape.
constexpr std::size_t kMaxLabelBytes = 128;

std::string label_text(const std::optional<std::string>& value) {
    return value ? text::printable(text::trim(*value), kMaxLabelBytes) : std::string();
}

void add(std::vector<Point>& points, const Family& family, Labels labels,
         std::optional<double> value) {
    if (value) {
        points.push_back(Point{&family, std::move(labels), *value});
    }
}

void add_stream(std::vector<Point>& points, const Labels& who, const model::Stream& stream) {
    Labels labels = who;
    labels["stream"] = stream.name;
    add(points, kLatency, labels, seconds_from_ms(stream.latency_ms));
    add(points, kJitter, labels, seconds_from_ms(stream.jitter_ms));
    add(points, kAvgLoss, labels, ratio_from_percent(stream.avg_loss_pct));
    add(points, kMaxLoss, labels, ratio_from_percent(stream.max_loss_pct));
    add(points, kBitrate, labels, bytes_per_second_from_kbps(stream.bitrate_kbps));
    if (stream.video_like) {
        add(points, kFrameRate, labels, stream.frame_rate_fps);
    }
}

void add_cpu(std::vector<Point>& points, const Labels& who, const model::CpuUsage& cpu) {
    auto labelled = [&who](const char* process, const char* stat) {
        Labels labels = who;
        labels["process"] = process;
        labels["stat"] = stat;
        return labels;
    };
    add(points, kCpu, labelled("zoom", "min"), ratio_from_percent(cpu.zoom_min_cpu_usage_pct));
    add(points, kCpu, labelled("zoom", "avg"), ratio_from_percent(cpu.zoom_avg_cpu_usage_pct));
    add(points, kCpu, labelled("zoom", "max"), ratio_from_percent(cpu.zoom_max_cpu_usage_pct));
    add(points, kCpu, labelled("system", "max"), ratio_from_percent(cpu.system_max_cpu_usage_pct));
}

std::optional<double> unix_seconds(const std::optional<std::string>& date_time) {
    if (!date_time) {
        return std::nullopt;
    }
    const auto when = text::parse_iso8601(*date_time);
    if (!when) {
        return std::nullopt;
    }
    return std::chrono::duration<double>(when->time_since_epoch()).count();
}

} // namespace

std::optional<double> seconds_from_ms(std::optional<double> ms) {
    return ms ? std::optional<double>(*ms / 1000.0) : std::nullopt;
}

std::optional<double> ratio_from_percent(std::optional<double> percent) {
    return percent ? std::optional<double>(*percent / 100.0) : std::nullopt;
}

std::optional<double> bytes_per_second_from_kbps(std::optional<double> kbps) {
    return kbps ? std::optional<double>(*kbps * 1000.0 / 8.0) : std::nullopt;
}

std::string participant_id(const model::Participant& participant) {
    if (participant.id && !text::is_blank(*participant.id)) {
        return label_text(participant.id);
    }
    return label_text(participant.user_id);
}

bool has_left(const model::Participant& participant) {
    return participant.leave_time && !text::is_blank(*participant.leave_time);
}

const model::Sample* latest_sample(const model::Participant& participant) {
    const auto& samples = participant.user_qos;
    const auto dated = std::find_if(samples.rbegin(), samples.rend(),
                                    [](const model::Sample& s) { return s.date_time.has_value(); });
    if (dated != samples.rend()) {
        return &*dated;
    }
    return samples.empty() ? nullptr : &samples.back();
}

std::vector<Point> participant_points(std::string_view event_id, const model::Participant& who) {
    const Labels ids{{"event_id", std::string(event_id)}, {"participant_id", participant_id(who)}};
    std::vector<Point> points;
    Labels info = ids;
    info["user_name"] = label_text(who.user_name);
    info["device"] = label_text(who.device);
    info["location"] = label_text(who.location);
    info["client"] = label_text(who.client);
    info["version"] = label_text(who.version);
    info["join_time"] = label_text(who.join_time);
    points.push_back(Point{&kInfo, std::move(info), 1});
    const model::Sample* sample = latest_sample(who);
    if (sample == nullptr) {
        return points;
    }
    for (const std::string_view name : model::kMainStreams) {
        if (const model::Stream* stream = sample->find_stream(name)) {
            add_stream(points, ids, *stream);
        }
    }
    if (sample->cpu_usage) {
        add_cpu(points, ids, *sample->cpu_usage);
    }
    add(points, kSampleTime, ids, unix_seconds(sample->date_time));
    return points;
}

std::vector<Point> event_points(std::string_view event_id,
                                const std::vector<model::Participant>& present,
                                const std::vector<quality::Rule>& rules) {
    const std::string event(event_id);
    std::vector<Point> points;
    points.push_back(
        Point{&kParticipants, Labels{{"event_id", event}}, static_cast<double>(present.size())});
    std::vector<double> breaching(rules.size(), 0);
    for (const model::Participant& participant : present) {
        const model::Sample* sample = latest_sample(participant);
        if (sample == nullptr) {
            continue;
        }
        // Judged on the latest sample alone: what the participant lives now.
        model::Participant now;
        now.user_qos.push_back(*sample);
        const std::vector<quality::Breach> breaches = quality::find_breaches(now, rules);
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (std::any_of(breaches.begin(), breaches.end(),
                            [&](const quality::Breach& b) { return b.rule == rules[i]; })) {
                breaching[i] += 1;
            }
        }
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        points.push_back(Point{&kBreaching,
                               Labels{{"event_id", event}, {"rule", quality::rule_text(rules[i])}},
                               breaching[i]});
    }
    return points;
}

} // namespace zoomqos::exporter
