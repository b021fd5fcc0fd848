#include "zoomqos/report/svg.hpp"

#include <algorithm>
#include <cmath>

#include "zoomqos/report/html.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::report::svg {

namespace {

constexpr int kLeft = 40;   // room for the y labels
constexpr int kBottom = 18; // room for the x labels
constexpr int kTop = 14;    // room for the unit above the plot
constexpr int kRight = 8;
constexpr std::size_t kStyles = 6;

void open(std::ostream& out, int width, int height, const std::string& title,
          const std::string& cls) {
    out << "<svg class=\"" << cls << "\" viewBox=\"0 0 " << width << ' ' << height << "\" width=\""
        << width << "\" height=\"" << height
        << "\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>" << escape(title)
        << "</title>";
}

std::string coord(double value) {
    return text::decimal(value, 1);
}

} // namespace

double Scale::operator()(double value) const {
    if (domain_high == domain_low) {
        return (range_low + range_high) / 2;
    }
    return range_low + (value - domain_low) / (domain_high - domain_low) * (range_high - range_low);
}

std::vector<double> ticks(double low, double high, std::size_t target) {
    if (!std::isfinite(low) || !std::isfinite(high) || target == 0) {
        return {};
    }
    if (high < low) {
        std::swap(low, high);
    }
    if (high == low) {
        high = low == 0 ? 1 : low + std::abs(low);
    }
    const double raw = (high - low) / static_cast<double>(target);
    const double exponent = std::floor(std::log10(raw));
    // A step of factor × 10^exponent; below 1 as factor / 10^-exponent, so
    // that 3 steps of 0.1 are 0.3 and not 0.30000000000000004.
    const double scale = std::pow(10.0, std::abs(exponent));
    const auto at = [&](double k, double factor) {
        return exponent < 0 ? k * factor / scale : k * factor * scale;
    };
    double factor = 1;
    for (const double f : {1.0, 2.0, 5.0, 10.0}) {
        factor = f;
        if (at(1, f) >= raw) {
            break;
        }
    }
    const double step = at(1, factor);
    std::vector<double> result;
    // An integer index, so the tick values cannot drift by accumulated rounding.
    const auto first = static_cast<long long>(std::floor(low / step));
    for (long long k = first; result.size() < 4 * target + 2; ++k) {
        result.push_back(at(static_cast<double>(k), factor));
        if (result.back() >= high) {
            break;
        }
    }
    return result;
}

std::string number(double value) {
    return text::decimal(value, std::abs(value) >= 100 ? 0 : 2);
}

namespace {

// A horizontal grid line and its label at each tick of the value axis.
void y_grid(std::ostream& out, int width, const Scale& ys, const std::vector<double>& y_ticks) {
    for (const double t : y_ticks) {
        out << "<line class=\"grid\" x1=\"" << kLeft << "\" x2=\"" << width - kRight << "\" y1=\""
            << coord(ys(t)) << "\" y2=\"" << coord(ys(t)) << "\"/><text x=\"" << kLeft - 3
            << "\" y=\"" << coord(ys(t) + 3) << "\" text-anchor=\"end\">" << number(t) << "</text>";
    }
}

} // namespace

void line_chart(std::ostream& out, const LineChart& chart) {
    open(out, chart.width, chart.height, chart.title, "chart line-chart");
    double top = chart.threshold.value_or(0);
    bool any = false;
    for (const Series& series : chart.series) {
        for (const auto& [x, y] : series.points) {
            if (y && std::isfinite(*y)) {
                top = std::max(top, *y);
                any = true;
            }
        }
    }
    const double plot_bottom = chart.height - kBottom;
    if (!any) {
        out << "<text class=\"empty\" x=\"" << chart.width / 2 << "\" y=\"" << chart.height / 2
            << "\" text-anchor=\"middle\">no data</text></svg>";
        return;
    }
    const std::vector<double> y_ticks = ticks(0, top, 4);
    const double y_top = y_ticks.empty() ? top : y_ticks.back();
    const Scale ys{0, y_top, plot_bottom, kTop};
    const Scale xs{chart.x_low, chart.x_high, kLeft, static_cast<double>(chart.width - kRight)};
    out << "<g class=\"axis\">";
    y_grid(out, chart.width, ys, y_ticks);
    if (chart.x_label) {
        for (const double x : {chart.x_low, chart.x_high}) {
            out << "<text x=\"" << coord(xs(x)) << "\" y=\"" << chart.height - 4
                << "\" text-anchor=\"" << (x == chart.x_low ? "start" : "end") << "\">"
                << escape(chart.x_label(x)) << "</text>";
        }
    }
    out << "<text x=\"2\" y=\"9\">" << escape(chart.unit) << "</text></g>";
    if (chart.threshold) {
        out << "<line class=\"thr\" x1=\"" << kLeft << "\" x2=\"" << chart.width - kRight
            << "\" y1=\"" << coord(ys(*chart.threshold)) << "\" y2=\""
            << coord(ys(*chart.threshold)) << "\"><title>threshold " << number(*chart.threshold)
            << ' ' << escape(chart.unit) << "</title></line>";
    }
    for (const Series& series : chart.series) {
        // Appended, not "literal" + string, which GCC 12 at -O3 misreads.
        std::string style = "s";
        style += std::to_string(series.style % kStyles);
        std::string path;
        std::vector<std::pair<double, double>> run;
        const auto flush = [&] {
            if (run.size() == 1) {
                out << "<circle class=\"dot " << style << "\" cx=\"" << coord(xs(run[0].first))
                    << "\" cy=\"" << coord(ys(run[0].second)) << "\" r=\"2\"/>";
            } else {
                for (std::size_t i = 0; i < run.size(); ++i) {
                    path += i == 0 ? 'M' : 'L';
                    path += coord(xs(run[i].first));
                    path += ' ';
                    path += coord(ys(run[i].second));
                }
            }
            run.clear();
        };
        for (const auto& [x, y] : series.points) {
            if (y && std::isfinite(*y)) {
                run.emplace_back(x, *y);
            } else {
                flush();
            }
        }
        flush();
        if (!path.empty()) {
            out << "<path class=\"ln " << style << "\" d=\"" << path << "\"><title>"
                << escape(series.label) << "</title></path>";
        }
    }
    out << "</svg>";
}

void column_chart(std::ostream& out, const ColumnChart& chart) {
    open(out, chart.width, chart.height, chart.title, "chart column-chart");
    double top = 0;
    for (const Column& column : chart.columns) {
        top = std::max(top, column.value);
    }
    const std::vector<double> y_ticks = ticks(0, top > 0 ? top : 1, 4);
    const double y_top = y_ticks.back();
    const double plot_bottom = chart.height - kBottom;
    const Scale ys{0, y_top, plot_bottom, kTop};
    const double n = static_cast<double>(std::max<std::size_t>(chart.columns.size(), 1));
    const Scale xs{0, n, kLeft, static_cast<double>(chart.width - kRight)};
    out << "<g class=\"axis\">";
    y_grid(out, chart.width, ys, y_ticks);
    out << "<text x=\"2\" y=\"9\">" << escape(chart.unit) << "</text>";
    // Labels only as many as fit: one every `every` columns.
    const double slot = xs(1) - xs(0);
    const std::size_t every =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(40.0 / std::max(slot, 0.01))));
    for (std::size_t i = 0; i < chart.columns.size(); i += every) {
        if (!chart.columns[i].label.empty()) {
            const double at = static_cast<double>(i) + (chart.edge_labels ? 0.0 : 0.5);
            out << "<text x=\"" << coord(xs(at)) << "\" y=\"" << chart.height - 4
                << "\" text-anchor=\"middle\">" << escape(chart.columns[i].label) << "</text>";
        }
    }
    out << "</g>";
    const double gap = slot > 4 ? 1U : 0U;
    for (std::size_t i = 0; i < chart.columns.size(); ++i) {
        const Column& column = chart.columns[i];
        if (column.value <= 0) {
            continue;
        }
        const double x = xs(static_cast<double>(i));
        out << "<rect class=\"" << (column.marked ? "col mark" : "col") << "\" x=\"" << coord(x)
            << "\" y=\"" << coord(ys(column.value)) << "\" width=\"" << coord(slot - gap)
            << "\" height=\"" << coord(plot_bottom - ys(column.value)) << "\"><title>"
            << escape(column.tip) << "</title></rect>";
    }
    if (chart.marker_x) {
        const double x = xs(*chart.marker_x);
        out << "<line class=\"thr\" x1=\"" << coord(x) << "\" x2=\"" << coord(x) << "\" y1=\""
            << kTop << "\" y2=\"" << coord(plot_bottom) << "\"><title>"
            << escape(chart.marker_label) << "</title></line>";
    }
    out << "</svg>";
}

void bar_chart(std::ostream& out, const std::string& title, const std::vector<Bar>& bars,
               int width) {
    constexpr int kRow = 18;
    constexpr int kLabel = 180;
    constexpr int kValue = 120;
    const int height = static_cast<int>(bars.size()) * kRow + 4;
    open(out, width, height, title, "chart bar-chart");
    const Scale xs{0, 1, kLabel, static_cast<double>(width - kValue)};
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        const double y = static_cast<double>(i) * kRow + 2;
        out << "<g><title>" << escape(bar.tip) << "</title><text x=\"" << kLabel - 4 << "\" y=\""
            << coord(y + 12) << "\" text-anchor=\"end\">" << escape(bar.label)
            << "</text><rect class=\"track\" x=\"" << kLabel << "\" y=\"" << coord(y + 2)
            << "\" width=\"" << coord(xs(1) - xs(0))
            << "\" height=\"12\"/><rect class=\"col mark\" x=\"" << kLabel << "\" y=\""
            << coord(y + 2) << "\" width=\"" << coord(xs(std::clamp(bar.share, 0.0, 1.0)) - xs(0))
            << "\" height=\"12\"/><text x=\"" << width - kValue + 4 << "\" y=\"" << coord(y + 12)
            << "\">" << escape(bar.value_text) << "</text></g>";
    }
    out << "</svg>";
}

} // namespace zoomqos::report::svg
