#include <string>

#include "zoomqos/model/details.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/report/html.hpp"
#include "zoomqos/report/svg.hpp"

#include "sections.hpp"

namespace zoomqos::report {

namespace {

using quality::Metric;

constexpr std::size_t kMaxDrilldowns = 50;

constexpr Metric kMetrics[] = {Metric::Latency, Metric::Jitter, Metric::Loss, Metric::Bitrate,
                               Metric::Fps};

std::string metric_title(Metric metric) {
    switch (metric) {
    case Metric::Latency:
        return "Latency";
    case Metric::Jitter:
        return "Jitter";
    case Metric::Loss:
        return "Packet loss (average)";
    case Metric::Bitrate:
        return "Bitrate";
    case Metric::Fps:
        return "Frame rate";
    default:
        return std::string(quality::metric_name(metric));
    }
}

void charts(std::ostream& out, const Event& event, const Person& person,
            const ReportOptions& options) {
    const model::Participant& p = *person.participant;
    const double x_low = static_cast<double>(*event.first_minute);
    const double x_high =
        x_low + static_cast<double>(event.minutes > 1 ? event.minutes - 1 : 1) * 60;
    out << "<div class=\"multiples\">";
    for (const Metric metric : kMetrics) {
        svg::LineChart chart;
        chart.unit = std::string(quality::metric_unit(metric));
        chart.threshold = threshold_of(options.thresholds, metric);
        chart.x_low = x_low;
        chart.x_high = x_high;
        chart.x_label = [&event](double x) {
            return clock_time(static_cast<long long>(x), event.zone);
        };
        std::string streams;
        std::size_t style = 0;
        for (const std::string_view name : model::kMainStreams) {
            svg::Series series;
            series.style = style++;
            series.label = stream_label(std::string(name));
            bool known = false;
            for (const model::Sample& sample : p.user_qos) {
                const auto t = epoch(sample.date_time);
                if (!t) {
                    continue;
                }
                const model::Stream* stream = sample.find_stream(name);
                const auto value =
                    stream != nullptr ? quality::stream_value(*stream, metric) : std::nullopt;
                known = known || value.has_value();
                series.points.emplace_back(static_cast<double>(*t), value);
            }
            if (known) {
                streams += (streams.empty() ? "" : ", ") + series.label;
                chart.series.push_back(std::move(series));
            }
        }
        chart.title = metric_title(metric) + " over time (" + event.zone_name + ") for " +
                      (streams.empty() ? std::string("no stream") : streams) +
                      (chart.threshold ? ", threshold " + svg::number(*chart.threshold) + " " +
                                             chart.unit + " dashed"
                                       : std::string()) +
                      ".";
        out << "<figure class=\"multiple\"><figcaption>" << escape(metric_title(metric))
            << "</figcaption>";
        svg::line_chart(out, chart);
        out << "</figure>";
    }
    out << "</div>";
}

void legend(std::ostream& out) {
    out << "<ul class=\"legend lines\">";
    std::size_t i = 0;
    for (const std::string_view name : model::kMainStreams) {
        out << "<li><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><line class=\"ln s" << i++
            << "\" x1=\"0\" x2=\"22\" y1=\"4\" y2=\"4\"/></svg>" << stream_label(std::string(name))
            << "</li>";
    }
    out << "<li><svg width=\"22\" height=\"8\" aria-hidden=\"true\"><line class=\"thr\" x1=\"0\" "
           "x2=\"22\" y1=\"4\" y2=\"4\"/></svg>threshold</li></ul>";
}

} // namespace

void drilldown_section(std::ostream& out, const Event& event, const ReportOptions& options) {
    out << "<section id=\"drilldown\"><h2>Participants with a breach</h2>";
    if (event.breached == 0) {
        out << "<p>None.</p></section>";
        return;
    }
    if (event.breached > kMaxDrilldowns) {
        out << "<p class=\"note\">The " << kMaxDrilldowns << " worst of " << event.breached
            << " participants with a breach; the table below lists all.</p>";
    }
    legend(out);
    std::size_t shown = 0;
    for (const Person& person : event.people) {
        if (person.breaches.empty() || shown == kMaxDrilldowns) {
            break;
        }
        ++shown;
        const model::Participant& p = *person.participant;
        out << "<article class=\"person\"><h3>" << display_name(p) << "</h3><dl class=\"facts\">";
        const auto row = [&](const char* term, const std::string& value) {
            out << "<dt>" << term << "</dt><dd>" << value << "</dd>";
        };
        row("Verdict", escape(person.verdict));
        row("Device", field(p.device));
        row("Client version", field(p.version));
        row("Location", field(p.location));
        if (options.details) {
            row("Network", field(model::detail_text(p, "network_type")));
            row("Data center", field(model::detail_text(p, "data_center")));
        }
        row("Zoom's health", field(p.health));
        std::string issues;
        for (const std::string& issue : p.issue_list.value_or(std::vector<std::string>{})) {
            issues += (issues.empty() ? "" : "; ") + escape(issue);
        }
        row("Zoom's issues", issues.empty() ? "none listed" : issues);
        row("Joined \u2013 left", field(p.join_time) + " \u2013 " + field(p.leave_time));
        out << "</dl>";
        if (event.first_minute) {
            charts(out, event, person, options);
        }
        out << "</article>";
    }
    out << "</section>";
}

} // namespace zoomqos::report
