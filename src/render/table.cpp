#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/term/width.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

#include "ansi.hpp"

namespace zoomqos::render {

namespace {

// As the summary marks a value beyond a threshold (one sample has no
// average, so every mark is the summary's red).
using ansi::kRed;
using ansi::kReset;

using model::CpuUsage;
using model::Participant;
using model::Sample;
using model::Stream;

// The few non-ASCII characters the table itself adds. ASCII mode exists for
// terminals and log files that would show them as mojibake.
struct Glyphs {
    std::string_view unknown;
    std::string_view times;
    std::string_view invalid; // stands for a control character or an invalid byte
};
constexpr Glyphs kUtf8Glyphs{"\u2014", "\u00d7", "\ufffd"};
constexpr Glyphs kAsciiGlyphs{"-", "x", "?"};

constexpr std::string_view kNoSamples =
    "No QoS samples (Zoom returns data only while the participant sends or receives media).";
constexpr std::string_view kNoData =
    "No QoS data in the samples (Zoom returns data only while the participant sends or "
    "receives media).";

constexpr std::string_view kGap = "  ";

struct StreamLabel {
    std::string_view name;
    std::string_view label;
};

// Same order as model::kMainStreams; the static_assert below keeps them in step.
constexpr StreamLabel kStreamLabels[] = {
    {"audio_input", "audio in"},   {"audio_output", "audio out"}, {"video_input", "video in"},
    {"video_output", "video out"}, {"as_input", "share in"},      {"as_output", "share out"},
};

constexpr bool labels_match_main_streams() {
    if (std::size(kStreamLabels) != std::size(model::kMainStreams)) {
        return false;
    }
    for (std::size_t i = 0; i < std::size(kStreamLabels); ++i) {
        if (kStreamLabels[i].name != model::kMainStreams[i]) {
            return false;
        }
    }
    return true;
}
static_assert(labels_match_main_streams());

enum class Align { Left, Right };

struct Column {
    std::string_view header;
    Align align;
};

// Numbers are right-aligned so that their magnitudes line up down a column.
constexpr Column kColumns[] = {
    {"TIME", Align::Left},      {"STREAM", Align::Left},      {"BITRATE", Align::Right},
    {"LATENCY", Align::Right},  {"JITTER", Align::Right},     {"LOSS AVG", Align::Right},
    {"LOSS MAX", Align::Right}, {"RESOLUTION", Align::Right}, {"FPS", Align::Right},
};
constexpr std::size_t kColumnCount = std::size(kColumns);
constexpr std::size_t kTime = 0;
constexpr std::size_t kFirstValue = 2; // where the cpu row's text starts
constexpr std::size_t kResolution = 7;
constexpr std::size_t kFps = 8;

struct Row {
    std::array<std::string, kColumnCount> cells;
    // Which cells hold a value beyond a threshold.
    std::array<bool, kColumnCount> marked{};
    // The cpu row: one free text from kFirstValue on, outside the column widths.
    bool spans = false;
};

// How marked values look: red with colour, else a '!' after them, which
// takes a column (so it counts in the widths) and survives a pipe.
class Marker {
public:
    Marker(const std::vector<quality::Rule>& rules, bool colour) : rules_(rules), colour_(colour) {}

    bool beyond(const Stream& stream, quality::Metric metric) const {
        const auto value = quality::stream_value(stream, metric);
        return value && std::any_of(rules_.begin(), rules_.end(), [&](const quality::Rule& rule) {
                   return rule.metric == metric && quality::rule_applies(rule, stream) &&
                          quality::breaches(rule, *value);
               });
    }

    bool cpu_beyond(const std::optional<double>& avg) const {
        return avg && std::any_of(rules_.begin(), rules_.end(), [&](const quality::Rule& rule) {
                   return rule.metric == quality::Metric::Cpu && quality::breaches(rule, *avg);
               });
    }

    // The columns a cell takes.
    std::size_t width(const std::string& text, bool marked) const {
        return term::display_width(text) + (marked && !colour_ ? 1 : 0);
    }

    std::string painted(const std::string& text, bool marked) const {
        if (!marked) {
            return text;
        }
        return colour_ ? std::string(kRed) + text + std::string(kReset) : text + "!";
    }

private:
    const std::vector<quality::Rule>& rules_;
    bool colour_;
};

class Formatter {
public:
    explicit Formatter(const Glyphs& glyphs) : glyphs_(glyphs) {}

    std::string bitrate(const std::optional<double>& kbps) const {
        if (!known(kbps)) {
            return std::string(glyphs_.unknown);
        }
        // Decided on the rounded value, so that 999.996 kbps is "1.0 Mbps"
        // rather than "1000 kbps".
        if (std::round(*kbps * 100) / 100 < 1000) {
            return text::decimal(*kbps, 2) + " kbps";
        }
        // One or two decimals: "1.0 Mbps" keeps the unit change visible next
        // to "999 kbps", "1.25 Mbps" keeps the precision people compare.
        std::string mbps = text::decimal(std::round(*kbps / 10) / 100, 2);
        if (mbps.find('.') == std::string::npos) {
            mbps += ".0";
        }
        return mbps + " Mbps";
    }

    std::string ms(const std::optional<double>& value) const {
        return known(value) ? text::decimal(*value, 2) + " ms" : std::string(glyphs_.unknown);
    }

    std::string percent(const std::optional<double>& value) const {
        return known(value) ? text::decimal(*value, 2) + "%" : std::string(glyphs_.unknown);
    }

    std::string fps(const std::optional<double>& value) const {
        return known(value) ? text::decimal(*value, 2) : std::string(glyphs_.unknown);
    }

    std::string resolution(const std::optional<model::Resolution>& value) const {
        if (!value) {
            return std::string(glyphs_.unknown);
        }
        return std::to_string(value->width) + std::string(glyphs_.times) +
               std::to_string(value->height);
    }

    // Text from Zoom, made safe for a terminal; missing and blank are alike
    // to a reader, so both show the unknown mark.
    std::string text(const std::optional<std::string>& value) const {
        if (!value || value->find_first_not_of(" \t\r\n") == std::string::npos) {
            return std::string(glyphs_.unknown);
        }
        return text::printable(*value, text::kNoLimit, glyphs_.invalid);
    }

private:
    static bool known(const std::optional<double>& value) { return value && std::isfinite(*value); }

    const Glyphs& glyphs_;
};

void rtrim(std::string& line) {
    line.erase(line.find_last_not_of(' ') + 1);
}

void participant_block(std::ostream& out, const Participant& p, const Formatter& f) {
    const std::pair<std::string_view, const std::optional<std::string>*> fields[] = {
        {"Participant", &p.user_name}, {"User ID", &p.user_id},  {"Email", &p.email},
        {"Device", &p.device},         {"Client", &p.version},   {"Location", &p.location},
        {"IP address", &p.ip_address}, {"Joined", &p.join_time}, {"Left", &p.leave_time},
    };
    std::size_t label_width = 0;
    for (const auto& field : fields) {
        label_width = std::max(label_width, field.first.size());
    }
    for (const auto& [label, value] : fields) {
        std::string line = term::pad_right(label, label_width) + std::string(kGap) + f.text(*value);
        rtrim(line);
        out << line << '\n';
    }
}

// Times alone read faster, but only when no information is lost: every
// shown sample must be ISO-8601, on the same date and in the same zone. A
// missing date_time shows as unknown and does not decide either way; none at
// all keeps TIME.
bool times_fit_one_date(const std::vector<const Sample*>& samples) {
    std::optional<std::string_view> date;
    std::optional<std::string_view> zone;
    for (const Sample* sample : samples) {
        if (!sample->date_time) {
            continue;
        }
        const std::string_view value = *sample->date_time;
        if (!text::is_iso_date_time(value) || (date && *date != value.substr(0, 10)) ||
            (zone && *zone != value.substr(19))) {
            return false;
        }
        date = value.substr(0, 10);
        zone = value.substr(19);
    }
    return date.has_value();
}

bool has_any_value(const CpuUsage& cpu) {
    return cpu.zoom_min_cpu_usage_pct || cpu.zoom_avg_cpu_usage_pct || cpu.zoom_max_cpu_usage_pct ||
           cpu.system_max_cpu_usage_pct;
}

bool has_main_stream_data(const Sample& sample) {
    return std::any_of(std::begin(kStreamLabels), std::end(kStreamLabels), [&](const auto& s) {
        const Stream* stream = sample.find_stream(s.name);
        return stream && stream->has_data();
    });
}

// "zoom min 5%, avg 12%, max 30%; system max 45%", leaving out what is unknown.
std::string cpu_text(const CpuUsage& cpu, const Formatter& f, const Marker& m) {
    std::string zoom;
    const std::pair<std::string_view, const std::optional<double>*> parts[] = {
        {"min", &cpu.zoom_min_cpu_usage_pct},
        {"avg", &cpu.zoom_avg_cpu_usage_pct},
        {"max", &cpu.zoom_max_cpu_usage_pct},
    };
    for (const auto& [name, value] : parts) {
        if (*value) {
            const bool marked = value == &cpu.zoom_avg_cpu_usage_pct && m.cpu_beyond(*value);
            zoom += std::string(zoom.empty() ? "zoom " : ", ") + std::string(name) + " " +
                    m.painted(f.percent(*value), marked);
        }
    }
    std::string text = zoom;
    if (cpu.system_max_cpu_usage_pct) {
        text += std::string(text.empty() ? "" : "; ") + "system max " +
                f.percent(cpu.system_max_cpu_usage_pct);
    }
    return text;
}

std::vector<Row> sample_rows(const Sample& sample, const std::string& time, const Formatter& f,
                             const Marker& m) {
    std::vector<Row> rows;
    for (const auto& [name, label] : kStreamLabels) {
        const Stream* s = sample.find_stream(name);
        if (s == nullptr || !s->has_data()) {
            continue;
        }
        Row row;
        row.cells = {
            rows.empty() ? time : std::string(),
            std::string(label),
            f.bitrate(s->bitrate_kbps),
            f.ms(s->latency_ms),
            f.ms(s->jitter_ms),
            f.percent(s->avg_loss_pct),
            f.percent(s->max_loss_pct),
        };
        using quality::Metric;
        constexpr std::pair<std::size_t, Metric> judged[] = {
            {2, Metric::Bitrate}, {3, Metric::Latency}, {4, Metric::Jitter},
            {5, Metric::Loss},    {6, Metric::MaxLoss},
        };
        for (const auto& [column, metric] : judged) {
            row.marked[column] = m.beyond(*s, metric);
        }
        // Audio has no picture: empty, not unknown.
        if (s->video_like) {
            row.cells[kResolution] = f.resolution(s->resolution);
            row.cells[kFps] = f.fps(s->frame_rate_fps);
            row.marked[kFps] = m.beyond(*s, Metric::Fps);
        }
        rows.push_back(std::move(row));
    }
    if (!rows.empty() && sample.cpu_usage && has_any_value(*sample.cpu_usage)) {
        Row row;
        row.cells[1] = "cpu";
        row.cells[kFirstValue] = cpu_text(*sample.cpu_usage, f, m);
        row.spans = true;
        rows.push_back(std::move(row));
    }
    return rows;
}

using Widths = std::array<std::size_t, kColumnCount>;

std::string format_row(const Row& row, const Widths& widths, const Marker& m) {
    std::string line;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (i > 0) {
            line += kGap;
        }
        if (row.spans && i == kFirstValue) {
            line += row.cells[i];
            break;
        }
        const std::size_t used = m.width(row.cells[i], row.marked[i]);
        const std::string pad(widths[i] - std::min(widths[i], used), ' ');
        const std::string cell = m.painted(row.cells[i], row.marked[i]);
        line += kColumns[i].align == Align::Left ? cell + pad : pad + cell;
    }
    rtrim(line);
    return line;
}

Row header_row(bool short_times, const std::string& zone_label) {
    Row header;
    for (std::size_t i = 0; i < kColumnCount; ++i) {
        header.cells[i] = kColumns[i].header;
    }
    // Without the date the zone goes too; the header keeps it.
    if (short_times) {
        header.cells[kTime] = "TIME (" + zone_label + ")";
    }
    return header;
}

// The widest cell of each column, or the width kept from earlier rows when
// wider; the cpu row's free text counts for none.
Widths column_widths(const std::vector<Row>& rows, const Marker& m,
                     const std::vector<std::size_t>* earlier) {
    Widths widths{};
    if (earlier != nullptr) {
        std::copy_n(earlier->begin(), std::min(earlier->size(), kColumnCount), widths.begin());
    }
    for (const Row& row : rows) {
        for (std::size_t i = 0; i < kColumnCount; ++i) {
            if (!(row.spans && i >= kFirstValue)) {
                widths[i] = std::max(widths[i], m.width(row.cells[i], row.marked[i]));
            }
        }
    }
    return widths;
}

} // namespace

void table(std::ostream& out, const Subject& /*subject*/, const Participant& participant,
           const TableOptions& options) {
    const Formatter f(options.utf8 ? kUtf8Glyphs : kAsciiGlyphs);
    const Marker m(options.thresholds, options.colour);
    if (!options.rows_only) {
        participant_block(out, participant, f);
        out << '\n';
    }
    if (participant.user_qos.empty() && !options.rows_only) {
        out << kNoSamples << '\n';
        return;
    }

    std::vector<const Sample*> shown;
    for (const Sample& sample : participant.user_qos) {
        if (has_main_stream_data(sample)) {
            shown.push_back(&sample);
        }
    }
    if (shown.empty()) {
        if (!options.rows_only) {
            out << kNoData << '\n';
        }
        return;
    }

    const bool short_times = times_fit_one_date(shown);
    std::vector<Row> rows{header_row(short_times, options.zone_label)};
    for (const Sample* sample : shown) {
        std::string time = f.text(sample->date_time);
        if (short_times && sample->date_time) {
            time = sample->date_time->substr(11, 8);
        }
        for (Row& row : sample_rows(*sample, time, f, m)) {
            rows.push_back(std::move(row));
        }
    }

    const Widths widths = column_widths(rows, m, options.widths);
    if (options.widths != nullptr) {
        options.widths->assign(widths.begin(), widths.end());
    }
    // With rows_only the header still counts in the widths, and the widths
    // kept from earlier calls too, so that rows of later polls line up with
    // the first poll's header.
    for (std::size_t i = options.rows_only ? 1 : 0; i < rows.size(); ++i) {
        out << format_row(rows[i], widths, m) << '\n';
    }
}

} // namespace zoomqos::render
