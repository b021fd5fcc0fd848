#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/term/terminal.hpp"

// The at-a-glance views: one participant's summary (the default table of
// `get`), its sparklines, and the one-line row a participant list prints.
namespace zoomqos::render {

struct SummaryOptions {
    bool utf8 = true;    // false: ASCII sparklines, rules and placeholders
    bool colour = false; // true: ANSI colours mark values; false: a '!' after them
    std::size_t width = 100;
    std::vector<quality::Rule> thresholds = quality::default_rules();
    // The zone the participant's times are in (model::convert_times), named
    // after the time span of the sparklines.
    std::string zone_label = "UTC";
};

// Lowest, highest and average of the known, finite values added.
struct Stats {
    std::optional<double> low;
    std::optional<double> high;
    double sum = 0;
    std::size_t count = 0;

    void add(const std::optional<double>& value);
    std::optional<double> average() const;
};

// What the summary shows of one stream ("audio_input"), over the samples in
// which it carried data; fps counts only while video is on. The report's
// aggregates are these too.
struct StreamFigures {
    Stats bitrate, latency, jitter, avg_loss, max_loss, fps;
    std::optional<model::Resolution> res_low, res_high; // by area
    bool video = false;
};
StreamFigures stream_figures(const model::Participant& participant, std::string_view name);

// The participant block, one row per stream that carried data (averages and
// worst values, resolution and frame-rate ranges, a latency sparkline), a
// CPU row and the verdict line. Fits options.width columns for the main
// streams; the sparkline takes what is left.
void summary(std::ostream& out, const model::Participant& participant,
             const SummaryOptions& options = {});

// One character per value, `width` at most: longer series are bucketed and
// each bucket shows its highest value (a spike must not vanish). The scale
// runs from 0 to `top` (values above it show as the highest block); an
// unknown value, or a bucket of them, is a space. UTF-8: ▁▂▃▄▅▆▇█; ASCII:
// _.-:=+*#.
std::string sparkline(const std::vector<std::optional<double>>& values, std::size_t width,
                      double top, bool utf8);

// "audio_input: loss 12.5% at 14:03 (threshold 2%)", or "no threshold
// breached".
std::string verdict(const model::Participant& participant,
                    const std::vector<quality::Rule>& thresholds);

// The table output of `zoomqos list` (cli's printer writes the header once,
// then a row per participant): fixed column widths, so that rows can be
// printed as pages arrive: name, participant ID, device, the worst (highest)
// audio latency, the worst loss, and the worst breach, "ok" or "no data",
// cut with an ellipsis so that the row fits `width` columns (-o json has the
// full text). The header matches the row's columns. With `network` (list
// --details) a NETWORK column after DEVICE shows the joined session's
// network_type.
std::string summary_row_header(bool network = false);
std::string summary_row(const model::Participant& participant,
                        const std::vector<quality::Rule>& thresholds, bool utf8,
                        std::size_t width = term::kDefaultWidth, bool network = false);

} // namespace zoomqos::render
