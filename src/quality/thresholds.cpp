#include "zoomqos/quality/thresholds.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::quality {

namespace {

bool is_video_like(const model::Stream& stream) {
    return stream.video_like || stream.name.starts_with("video_") || stream.name.starts_with("as_");
}

std::optional<double> finite(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? value : std::nullopt;
}

} // namespace

std::optional<double> stream_value(const model::Stream& stream, Metric metric) {
    switch (metric) {
    case Metric::Latency:
        return finite(stream.latency_ms);
    case Metric::Jitter:
        return finite(stream.jitter_ms);
    case Metric::Loss:
        return finite(stream.avg_loss_pct);
    case Metric::MaxLoss:
        return finite(stream.max_loss_pct);
    case Metric::Bitrate:
        return finite(stream.bitrate_kbps);
    case Metric::Fps: {
        // A camera that is off sends nothing (bitrate 0 or unknown) and a
        // frame rate of 0: that is not a slow picture.
        const auto bitrate = finite(stream.bitrate_kbps);
        if (!bitrate || *bitrate <= 0) {
            return std::nullopt;
        }
        return finite(stream.frame_rate_fps);
    }
    case Metric::Cpu:
        return std::nullopt;
    }
    return std::nullopt;
}

bool rule_applies(const Rule& rule, const model::Stream& stream) {
    if (rule.metric == Metric::Cpu) {
        return false;
    }
    if (rule.stream && *rule.stream != stream.name) {
        return false;
    }
    return rule.metric != Metric::Fps || is_video_like(stream);
}

bool has_qos_data(const model::Participant& participant) {
    return std::any_of(
        participant.user_qos.begin(), participant.user_qos.end(), [](const model::Sample& sample) {
            const bool cpu = sample.cpu_usage && finite(sample.cpu_usage->zoom_avg_cpu_usage_pct);
            return cpu ||
                   std::any_of(sample.streams.begin(), sample.streams.end(),
                               [](const model::Stream& stream) { return stream.has_data(); });
        });
}

std::vector<Breach> find_breaches(const model::Participant& participant,
                                  const std::vector<Rule>& rules) {
    std::vector<Breach> found;
    for (std::size_t i = 0; i < participant.user_qos.size(); ++i) {
        const model::Sample& sample = participant.user_qos[i];
        for (const model::Stream& stream : sample.streams) {
            for (const Rule& rule : rules) {
                if (!rule_applies(rule, stream)) {
                    continue;
                }
                const auto value = stream_value(stream, rule.metric);
                if (value && breaches(rule, *value)) {
                    found.push_back({rule, stream.name, sample.date_time, i, *value});
                }
            }
        }
        if (!sample.cpu_usage) {
            continue;
        }
        const auto cpu = finite(sample.cpu_usage->zoom_avg_cpu_usage_pct);
        for (const Rule& rule : rules) {
            if (rule.metric == Metric::Cpu && cpu && breaches(rule, *cpu)) {
                found.push_back({rule, "cpu_usage", sample.date_time, i, *cpu});
            }
        }
    }
    return found;
}

double severity(const Breach& breach) {
    const double limit = breach.rule.value;
    const double value = breach.value;
    const bool upper = breach.rule.op == Op::Greater || breach.rule.op == Op::GreaterEqual;
    // A limit of 0 ("loss>0") makes every breach infinitely bad in ratio
    // terms; any positive value then counts as its own size.
    if (upper) {
        return limit > 0 ? value / limit : 1 + value;
    }
    return value > 0 ? limit / value : 1 + limit;
}

const Breach* worst_breach(const std::vector<Breach>& breaches) {
    const Breach* worst = nullptr;
    for (const Breach& breach : breaches) {
        if (worst == nullptr || severity(breach) > severity(*worst)) {
            worst = &breach;
        }
    }
    return worst;
}

std::string short_time(const std::optional<std::string>& date_time) {
    if (!date_time) {
        return "an unknown time";
    }
    const std::string& s = *date_time;
    // "2026-11-20T14:03:00Z" (or "…+01:00") → "14:03"; anything else as Zoom sent it.
    return text::is_iso_date_time(s) ? s.substr(11, 5) : text::printable(s);
}

std::string describe(const Breach& breach) {
    std::string metric(metric_name(breach.rule.metric));
    if (breach.rule.metric == Metric::Cpu) {
        metric = "zoom cpu avg";
    } else if (breach.rule.metric == Metric::Fps) {
        metric = "frame rate"; // not "fps 12 fps"
    }
    return text::printable(breach.stream) + ": " + metric + " " +
           value_text(breach.rule.metric, breach.value) + " at " + short_time(breach.date_time) +
           " (threshold " + limit_text(breach.rule) + ")";
}

} // namespace zoomqos::quality
