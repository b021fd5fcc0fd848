#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "zoomqos/render/summary.hpp"
#include "zoomqos/report/html.hpp"
#include "zoomqos/report/svg.hpp"

#include "sections.hpp"

namespace zoomqos::report {

namespace {

using quality::Metric;

constexpr std::string_view kAudioVideo[] = {"audio_input", "audio_output", "video_input",
                                            "video_output"};

struct Distribution {
    std::string title; // "worst latency"
    Metric metric;
    std::string what; // one sentence, the chart's text alternative
    std::optional<double> (*value)(const model::Participant&);
};

std::optional<double> highest(const model::Participant& p,
                              render::Stats render::StreamFigures::*stats) {
    std::optional<double> top;
    for (const std::string_view name : kAudioVideo) {
        const auto figures = render::stream_figures(p, name);
        const auto& high = (figures.*stats).high;
        if (high && (!top || *high > *top)) {
            top = high;
        }
    }
    return top;
}

std::optional<double> worst_latency(const model::Participant& p) {
    return highest(p, &render::StreamFigures::latency);
}
std::optional<double> worst_jitter(const model::Participant& p) {
    return highest(p, &render::StreamFigures::jitter);
}
std::optional<double> worst_loss(const model::Participant& p) {
    return highest(p, &render::StreamFigures::avg_loss);
}
std::optional<double> received_video_bitrate(const model::Participant& p) {
    return render::stream_figures(p, "video_output").bitrate.average();
}
std::optional<double> lowest_fps(const model::Participant& p) {
    std::optional<double> low;
    for (const std::string_view name : {"video_input", "video_output"}) {
        const auto figures = render::stream_figures(p, name);
        if (figures.fps.low && (!low || *figures.fps.low < *low)) {
            low = figures.fps.low;
        }
    }
    return low;
}

const Distribution kDistributions[] = {
    {"Worst latency", Metric::Latency, "each participant's highest audio or video latency",
     worst_latency},
    {"Worst jitter", Metric::Jitter, "each participant's highest audio or video jitter",
     worst_jitter},
    {"Worst packet loss", Metric::Loss, "each participant's highest per-minute average packet loss",
     worst_loss},
    {"Received video bitrate", Metric::Bitrate,
     "each participant's average bitrate of the video Zoom sent them (video_output)",
     received_video_bitrate},
    {"Lowest frame rate", Metric::Fps, "each participant's lowest frame rate while video was on",
     lowest_fps},
};

void histogram(std::ostream& out, const Distribution& d, const std::vector<double>& values,
               const std::optional<double>& threshold) {
    const std::string unit(quality::metric_unit(d.metric));
    const std::string title =
        d.title + ": how many participants had each value of " + d.what + " (" + unit + ")" +
        (threshold ? ", threshold " + svg::number(*threshold) + " " + unit : std::string()) + ".";
    out << "<figure class=\"small\"><h3>" << escape(d.title) << "</h3>";
    if (values.empty()) {
        out << "<p class=\"empty\">No participant has this value.</p></figure>";
        return;
    }
    double top = *std::max_element(values.begin(), values.end());
    top = std::max(top, threshold.value_or(0));
    const std::vector<double> edges = svg::ticks(0, top > 0 ? top : 1, 12);
    const double step = edges.size() > 1 ? edges[1] - edges[0] : 1;
    svg::ColumnChart chart;
    chart.title = title;
    chart.unit = "people";
    chart.edge_labels = true;
    chart.width = 340;
    chart.height = 130;
    const std::size_t bins = edges.size() > 1 ? edges.size() - 1 : 1;
    std::vector<std::size_t> counts(bins, 0);
    for (const double v : values) {
        const auto bin = static_cast<std::size_t>(std::max(0.0, std::floor((v - edges[0]) / step)));
        ++counts[std::min(bin, bins - 1)];
    }
    for (std::size_t b = 0; b < bins; ++b) {
        const std::string from = svg::number(edges[0] + static_cast<double>(b) * step);
        const std::string to = svg::number(edges[0] + static_cast<double>(b + 1) * step);
        const bool beyond =
            threshold && (d.metric == Metric::Fps || d.metric == Metric::Bitrate
                              ? edges[0] + static_cast<double>(b) * step < *threshold
                              : edges[0] + static_cast<double>(b + 1) * step > *threshold);
        std::string tooltip = from;
        tooltip.append("\u2013").append(to).append(" ").append(unit).append(": ");
        tooltip.append(std::to_string(counts[b])).append(" participants");
        chart.columns.push_back({from, static_cast<double>(counts[b]), std::move(tooltip), beyond});
    }
    if (threshold) {
        chart.marker_x = (*threshold - edges[0]) / step;
        chart.marker_label = "threshold " + svg::number(*threshold) + " " + unit;
    }
    svg::column_chart(out, chart);
    out << "<figcaption>" << escape(title) << "</figcaption></figure>";
}

} // namespace

void distributions_section(std::ostream& out, const Event& event, const ReportOptions& options) {
    out << "<section id=\"distributions\"><h2>Distributions across participants</h2><div "
           "class=\"grid\">";
    for (const Distribution& d : kDistributions) {
        std::vector<double> values;
        for (const Person& person : event.people) {
            if (const auto v = d.value(*person.participant)) {
                values.push_back(*v);
            }
        }
        histogram(out, d, values, threshold_of(options.thresholds, d.metric));
    }
    out << "</div></section>";
}

} // namespace zoomqos::report
