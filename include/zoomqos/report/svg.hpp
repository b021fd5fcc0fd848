#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

// The report's chart primitives: inline SVG written onto a stream, sized in
// user units, coloured through the page's CSS classes (so that the dark scheme
// and print apply), every chart with a <title> and <desc> and role="img".
// Every text passes report::escape.
namespace zoomqos::report::svg {

// A linear map from a domain onto a range of user units.
struct Scale {
    double domain_low = 0;
    double domain_high = 1;
    double range_low = 0;
    double range_high = 1;

    double operator()(double value) const;
};

// About `target` round values (1, 2 or 5 times a power of ten apart)
// covering [low, high]: the first at or below low, the last at or above high.
std::vector<double> ticks(double low, double high, std::size_t target);

// A number for a label: at most two decimals, none from 100 up.
std::string number(double value);

// One line of a line chart; x is seconds since 1970 (any unit works).
struct Series {
    std::string label;
    std::size_t style = 0; // the line's look: s0 to s5 in the page's CSS
    std::vector<std::pair<double, std::optional<double>>> points;
};

struct LineChart {
    std::string title; // what it shows, one sentence: the text alternative
    std::string unit;  // "ms"
    std::vector<Series> series;
    std::optional<double> threshold;
    double x_low = 0;
    double x_high = 1;
    std::function<std::string(double)> x_label; // a tick's text
    int width = 300;
    int height = 120;
};
// Lines broken where a value is unknown, a lone known value as a dot, the
// threshold dashed; "no data" when nothing is known.
void line_chart(std::ostream& out, const LineChart& chart);

// One column of a column chart.
struct Column {
    std::string label; // under the column, when there is room; "" for none
    double value = 0;
    std::string tip; // its <title>
    bool marked = false;
};

struct ColumnChart {
    std::string title;
    std::string unit;
    std::vector<Column> columns;
    std::optional<double> marker_x; // a vertical line at this column position (0..columns)
    std::string marker_label;
    bool edge_labels = false; // labels at the columns' left edges (a histogram's bins)
    int width = 640;
    int height = 140;
};
// Columns from a zero baseline, marked ones in the accent colour.
void column_chart(std::ostream& out, const ColumnChart& chart);

// One horizontal bar: a share from 0 to 1.
struct Bar {
    std::string label;
    double share = 0;
    std::string value_text; // right of the bar
    std::string tip;
};
void bar_chart(std::ostream& out, const std::string& title, const std::vector<Bar>& bars,
               int width = 560);

} // namespace zoomqos::report::svg
