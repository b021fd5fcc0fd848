#include "analysis.hpp"

#include <algorithm>
#include <chrono>

#include "zoomqos/render/summary.hpp"
#include "zoomqos/report/html.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::report {

namespace {

using quality::Metric;

constexpr std::size_t kMaxMinutes = std::size_t{7} * 24 * 60;

// The worst value of one sample relative to the thresholds, over every
// stream and rule that applies (quality::rule_applies, stream_value).
std::optional<Worst> sample_worst(const model::Sample& sample,
                                  const std::vector<quality::Rule>& rules) {
    std::optional<Worst> worst;
    const auto consider = [&](const quality::Rule& rule, const std::string& stream, double value) {
        const quality::Breach as_breach{rule, stream, sample.date_time, 0, value};
        const double ratio = quality::severity(as_breach);
        if (!worst || ratio > worst->ratio) {
            worst = Worst{ratio, stream + " " + std::string(quality::metric_name(rule.metric)) +
                                     " " + quality::value_text(rule.metric, value) +
                                     " (threshold " + quality::limit_text(rule) + ")"};
        }
    };
    for (const model::Stream& stream : sample.streams) {
        for (const quality::Rule& rule : rules) {
            if (!quality::rule_applies(rule, stream)) {
                continue;
            }
            if (const auto value = quality::stream_value(stream, rule.metric)) {
                consider(rule, stream.name, *value);
            }
        }
    }
    if (sample.cpu_usage && sample.cpu_usage->zoom_avg_cpu_usage_pct) {
        for (const quality::Rule& rule : rules) {
            if (rule.metric == Metric::Cpu) {
                consider(rule, "cpu_usage", *sample.cpu_usage->zoom_avg_cpu_usage_pct);
            }
        }
    }
    return worst;
}

} // namespace

std::optional<long long> epoch(const std::optional<std::string>& iso) {
    const auto when = iso ? text::parse_iso8601(*iso) : std::nullopt;
    if (!when) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::seconds>(*when).time_since_epoch().count();
}

std::string clock_time(long long seconds, const text::Zone& zone) {
    const std::string iso =
        text::format_iso_in_zone(std::chrono::sys_seconds(std::chrono::seconds(seconds)), zone);
    return iso.substr(11, 5);
}

std::string stream_label(const std::string& name) {
    static const std::pair<const char*, const char*> kLabels[] = {
        {"audio_input", "audio in"},   {"audio_output", "audio out"}, {"video_input", "video in"},
        {"video_output", "video out"}, {"as_input", "share in"},      {"as_output", "share out"},
        {"cpu_usage", "CPU"},
    };
    for (const auto& [stream, label] : kLabels) {
        if (name == stream) {
            return label;
        }
    }
    return name;
}

Event analyse(const std::vector<model::Participant>& participants,
              const std::vector<quality::Rule>& thresholds, const text::Zone& zone) {
    Event event;
    event.zone = zone;
    std::optional<long long> first_sample, last_sample;
    const auto widen = [](std::optional<long long>& low, std::optional<long long>& high,
                          const std::optional<long long>& t) {
        if (t) {
            low = low ? std::min(*low, *t) : *t;
            high = high ? std::max(*high, *t) : *t;
        }
    };
    std::optional<long long> ignored;
    for (const model::Participant& p : participants) {
        widen(event.start, ignored, epoch(p.join_time));
        widen(ignored, event.end, epoch(p.leave_time));
        for (const model::Sample& sample : p.user_qos) {
            widen(first_sample, last_sample, epoch(sample.date_time));
        }
    }
    widen(event.start, event.end, first_sample);
    widen(event.start, event.end, last_sample);
    if (first_sample) {
        event.first_minute = *first_sample - ((*first_sample % 60) + 60) % 60;
        // A bogus date among the samples must not make a grid of years.
        event.minutes = std::min<std::size_t>(
            static_cast<std::size_t>((*last_sample - *event.first_minute) / 60 + 1), kMaxMinutes);
    }
    event.breaching.assign(event.minutes, 0);
    // The zone's name when the event took place (CET or CEST), not today's.
    event.zone_name = escape(
        text::zone_abbreviation(event.start ? text::WallTime(std::chrono::seconds(*event.start))
                                            : std::chrono::system_clock::now(),
                                zone));
    for (const model::Participant& p : participants) {
        Person person;
        person.participant = &p;
        person.breaches = quality::find_breaches(p, thresholds);
        if (const quality::Breach* worst = quality::worst_breach(person.breaches)) {
            person.worst = quality::severity(*worst);
            ++event.breached;
        }
        person.verdict = render::verdict(p, thresholds);
        event.without_data += quality::has_qos_data(p) ? 0U : 1U;
        person.minutes.assign(event.minutes, std::nullopt);
        for (const model::Sample& sample : p.user_qos) {
            const auto t = epoch(sample.date_time);
            if (!t || !event.first_minute) {
                continue;
            }
            const auto minute = static_cast<std::size_t>((*t - *event.first_minute) / 60);
            if (minute >= event.minutes) {
                continue;
            }
            const auto worst = sample_worst(sample, thresholds);
            auto& cell = person.minutes[minute];
            if (worst && (!cell || worst->ratio > cell->ratio)) {
                cell = worst;
            }
        }
        for (std::size_t m = 0; m < event.minutes; ++m) {
            if (person.minutes[m] && person.minutes[m]->ratio > 1) {
                ++event.breaching[m];
            }
        }
        event.people.push_back(std::move(person));
    }
    std::stable_sort(event.people.begin(), event.people.end(),
                     [](const Person& a, const Person& b) { return a.worst > b.worst; });
    return event;
}

std::optional<double> threshold_of(const std::vector<quality::Rule>& rules,
                                   quality::Metric metric) {
    std::optional<double> found;
    for (const quality::Rule& rule : rules) {
        if (rule.metric == metric && (!found || !rule.stream)) {
            found = rule.value;
        }
    }
    return found;
}

std::optional<Spike> find_spike(const Event& event) {
    std::optional<Spike> best;
    for (std::size_t m = 0; m < event.minutes; ++m) {
        if (!best || event.breaching[m] > best->people) {
            std::size_t present = 0;
            for (const Person& person : event.people) {
                present += person.minutes[m] ? 1U : 0U;
            }
            best = Spike{m, event.breaching[m], present};
        }
    }
    if (!best || best->people < 3 || best->people * 2 < best->present) {
        return std::nullopt;
    }
    return best;
}

} // namespace zoomqos::report
