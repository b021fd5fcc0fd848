#include "zoomqos/render/summary.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <string_view>

#include "zoomqos/model/details.hpp"
#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/term/width.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

#include "ansi.hpp"

namespace zoomqos::render {

void Stats::add(const std::optional<double>& value) {
    if (!value || !std::isfinite(*value)) {
        return;
    }
    low = low ? std::min(*low, *value) : *value;
    high = high ? std::max(*high, *value) : *value;
    sum += *value;
    ++count;
}

std::optional<double> Stats::average() const {
    return count == 0 ? std::nullopt : std::optional<double>(sum / static_cast<double>(count));
}

StreamFigures stream_figures(const model::Participant& p, std::string_view name) {
    StreamFigures f;
    for (const model::Sample& sample : p.user_qos) {
        const model::Stream* s = sample.find_stream(name);
        if (s == nullptr || !s->has_data()) {
            continue;
        }
        f.video = f.video || s->video_like;
        f.bitrate.add(s->bitrate_kbps);
        f.latency.add(s->latency_ms);
        f.jitter.add(s->jitter_ms);
        f.avg_loss.add(s->avg_loss_pct);
        f.max_loss.add(s->max_loss_pct);
        f.fps.add(quality::stream_value(*s, quality::Metric::Fps));
        if (s->resolution && s->resolution->width > 0 && s->resolution->height > 0) {
            const auto area = [](const model::Resolution& r) {
                return r.width * r.height;
            };
            if (!f.res_low || area(*s->resolution) < area(*f.res_low)) {
                f.res_low = s->resolution;
            }
            if (!f.res_high || area(*s->resolution) > area(*f.res_high)) {
                f.res_high = s->resolution;
            }
        }
    }
    return f;
}

namespace {

using ansi::kRed;
using ansi::kReset;
using ansi::kYellow;

using quality::Metric;
using quality::Rule;

constexpr std::string_view kGap = "  ";
// The verdict of a participant whose samples carry nothing to judge.
constexpr std::string_view kNoData = "no data";

struct Glyphs {
    std::string_view unknown;
    std::string_view times;
    std::string_view dash; // between the ends of a range
};
constexpr Glyphs kUtf8{"\u2014", "\u00d7", "\u2013"};
constexpr Glyphs kAscii{"-", "x", "-"};

struct StreamLabel {
    std::string_view name;
    std::string_view label;
};
constexpr StreamLabel kLabels[] = {
    {"audio_input", "audio in"},   {"audio_output", "audio out"}, {"video_input", "video in"},
    {"video_output", "video out"}, {"as_input", "share in"},      {"as_output", "share out"},
};

// A sustained problem (the average is beyond its limit) is red; a spike
// (only the worst value is) is yellow. Without colour both are a '!'.
enum class Mark { None, Spike, Sustained };

// A piece of a cell: its text and how it is marked.
struct Piece {
    std::string text;
    Mark mark = Mark::None;
};
using Cell = std::vector<Piece>;

class Painter {
public:
    Painter(const SummaryOptions& options)
        : glyphs_(options.utf8 ? kUtf8 : kAscii), colour_(options.colour) {}

    std::string plain(const Cell& cell) const {
        std::string text;
        for (const Piece& piece : cell) {
            text += piece.text;
            if (!colour_ && piece.mark != Mark::None) {
                text += '!';
            }
        }
        return text;
    }

    std::string painted(const Cell& cell) const {
        if (!colour_) {
            return plain(cell);
        }
        std::string text;
        for (const Piece& piece : cell) {
            if (piece.mark == Mark::None) {
                text += piece.text;
            } else {
                text.append(piece.mark == Mark::Sustained ? kRed : kYellow)
                    .append(piece.text)
                    .append(kReset);
            }
        }
        return text;
    }

    const Glyphs& glyphs() const { return glyphs_; }

private:
    Glyphs glyphs_;
    bool colour_;
};

// The rules that judge one summarized number: those about this stream (or
// every stream) and this metric.
std::vector<const Rule*> rules_for(const std::vector<Rule>& rules, std::string_view stream,
                                   Metric metric) {
    std::vector<const Rule*> found;
    for (const Rule& rule : rules) {
        if (rule.metric == metric && (!rule.stream || *rule.stream == stream)) {
            found.push_back(&rule);
        }
    }
    return found;
}

bool beyond(const std::vector<Rule>& rules, std::string_view stream, Metric metric,
            const std::optional<double>& value) {
    if (!value) {
        return false;
    }
    const auto matching = rules_for(rules, stream, metric);
    return std::any_of(matching.begin(), matching.end(),
                       [&](const Rule* rule) { return quality::breaches(*rule, *value); });
}

std::string number(const std::optional<double>& value, int decimals, const Glyphs& glyphs) {
    return value ? text::decimal(*value, decimals) : std::string(glyphs.unknown);
}

// "avg/worst", each marked on its own. The average is judged by
// `avg_metric`, the worst value by `worst_metric`.
Cell pair_cell(const std::vector<Rule>& rules, std::string_view stream,
               const std::optional<double>& avg, Metric avg_metric,
               const std::optional<double>& worst, Metric worst_metric, int decimals,
               const Glyphs& glyphs) {
    const bool avg_beyond = beyond(rules, stream, avg_metric, avg);
    const bool worst_beyond = beyond(rules, stream, worst_metric, worst);
    return {
        {number(avg, decimals, glyphs), avg_beyond ? Mark::Sustained : Mark::None},
        {"/", Mark::None},
        {number(worst, decimals, glyphs),
         worst_beyond ? (avg_beyond ? Mark::Sustained : Mark::Spike) : Mark::None},
    };
}

std::string range(const std::string& low, const std::string& high, const Glyphs& glyphs) {
    return low == high ? low : low + std::string(glyphs.dash) + high;
}

std::string text(const std::optional<std::string>& value, const Glyphs& glyphs) {
    if (!value || value->find_first_not_of(" \t\r\n") == std::string::npos) {
        return std::string(glyphs.unknown);
    }
    return text::printable(*value);
}

// Seconds since 1970 of an ISO-8601 date-time ("2026-11-20T14:01:00Z"), or nullopt.
std::optional<long long> epoch_seconds(const std::optional<std::string>& iso) {
    const auto when = iso ? text::parse_iso8601(*iso) : std::nullopt;
    if (!when) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::seconds>(*when).time_since_epoch().count();
}

std::string duration(const model::Participant& p, const Glyphs& glyphs) {
    const auto join = epoch_seconds(p.join_time);
    const auto leave = epoch_seconds(p.leave_time);
    if (!join || !leave || *leave < *join) {
        return std::string(glyphs.unknown);
    }
    const long long total = *leave - *join;
    // Appending, not `"0" + std::to_string(v)`: g++ 12 -O3 reports a false
    // -Wrestrict on the latter.
    const auto two = [](long long v) {
        std::string text = std::to_string(v);
        if (text.size() < 2) {
            text.insert(text.begin(), '0');
        }
        return text;
    };
    return std::to_string(total / 3600) + "h " + two(total / 60 % 60) + "m " + two(total % 60) +
           "s";
}

void participant_block(std::ostream& out, const model::Participant& p, const Glyphs& glyphs) {
    const std::pair<std::string_view, std::string> fields[] = {
        {"Participant", text(p.user_name, glyphs)}, {"Device", text(p.device, glyphs)},
        {"Client", text(p.version, glyphs)},        {"Location", text(p.location, glyphs)},
        {"IP address", text(p.ip_address, glyphs)}, {"Joined", text(p.join_time, glyphs)},
        {"Left", text(p.leave_time, glyphs)},       {"Duration", duration(p, glyphs)},
    };
    for (const auto& [label, value] : fields) {
        out << term::pad_right(label, 11) << kGap << value << '\n';
    }
}

std::vector<std::string> shown_streams(const model::Participant& p) {
    std::vector<std::string> names;
    const auto carried = [&](std::string_view name) {
        return std::any_of(p.user_qos.begin(), p.user_qos.end(), [&](const model::Sample& s) {
            const model::Stream* stream = s.find_stream(name);
            return stream != nullptr && stream->has_data();
        });
    };
    for (const auto& [name, label] : kLabels) {
        if (carried(name)) {
            names.emplace_back(name);
        }
    }
    // Cloud Room Connector and web-gateway paths, in the order Zoom sent them.
    for (const model::Sample& sample : p.user_qos) {
        for (const model::Stream& stream : sample.streams) {
            const bool extra_path = stream.name.ends_with("_crc") || stream.name.ends_with("_rwg");
            if (extra_path && stream.has_data() &&
                std::find(names.begin(), names.end(), stream.name) == names.end()) {
                names.push_back(stream.name);
            }
        }
    }
    return names;
}

std::string label_of(const std::string& name) {
    for (const auto& [stream, label] : kLabels) {
        if (stream == name) {
            return std::string(label);
        }
    }
    return text::printable(name);
}

constexpr std::size_t kColumns = 8;
constexpr std::size_t kSpark = 7;
using Line = std::array<Cell, kColumns>;

Line stream_line(const model::Participant& p, const std::string& name,
                 const SummaryOptions& options, const Glyphs& glyphs) {
    const auto [bitrate, latency, jitter, avg_loss, max_loss, fps, res_low, res_high, video] =
        stream_figures(p, name);
    const auto& rules = options.thresholds;
    Line line;
    line[0] = {{label_of(name), Mark::None}};
    // The lowest bitrate is the worst one: a "bitrate<50" rule judges it.
    line[1] = pair_cell(rules, name, bitrate.average(), Metric::Bitrate, bitrate.low,
                        Metric::Bitrate, 0, glyphs);
    line[2] = pair_cell(rules, name, latency.average(), Metric::Latency, latency.high,
                        Metric::Latency, 0, glyphs);
    line[3] = pair_cell(rules, name, jitter.average(), Metric::Jitter, jitter.high, Metric::Jitter,
                        0, glyphs);
    line[4] = pair_cell(rules, name, avg_loss.average(), Metric::Loss, max_loss.high,
                        Metric::MaxLoss, 2, glyphs);
    if (video) {
        const auto res = [&](const std::optional<model::Resolution>& r) {
            return std::to_string(r->width) + std::string(glyphs.times) + std::to_string(r->height);
        };
        line[5] = {
            {res_low ? range(res(res_low), res(res_high), glyphs) : std::string(glyphs.unknown),
             Mark::None}};
        if (fps.low) {
            const bool low_beyond = beyond(rules, name, Metric::Fps, fps.low);
            line[6] = {{range(text::decimal(*fps.low, 0), text::decimal(*fps.high, 0), glyphs),
                        low_beyond
                            ? (beyond(rules, name, Metric::Fps, fps.average()) ? Mark::Sustained
                                                                               : Mark::Spike)
                            : Mark::None}};
        } else {
            line[6] = {{std::string(glyphs.unknown), Mark::None}};
        }
    }
    return line;
}

std::optional<double> latency_limit(const std::vector<Rule>& rules, std::string_view stream) {
    std::optional<double> limit;
    for (const Rule* rule : rules_for(rules, stream, Metric::Latency)) {
        if (rule->op == quality::Op::Greater || rule->op == quality::Op::GreaterEqual) {
            limit = limit ? std::min(*limit, rule->value) : rule->value;
        }
    }
    return limit;
}

std::string cpu_line(const model::Participant& p, const SummaryOptions& options,
                     const Painter& painter) {
    Stats zoom_avg, zoom_max, system_max;
    for (const model::Sample& sample : p.user_qos) {
        if (sample.cpu_usage) {
            zoom_avg.add(sample.cpu_usage->zoom_avg_cpu_usage_pct);
            zoom_max.add(sample.cpu_usage->zoom_max_cpu_usage_pct);
            system_max.add(sample.cpu_usage->system_max_cpu_usage_pct);
        }
    }
    if (!zoom_avg.count && !zoom_max.count && !system_max.count) {
        return {};
    }
    const Glyphs& g = painter.glyphs();
    const auto avg = zoom_avg.average();
    const bool avg_beyond = beyond(options.thresholds, "", Metric::Cpu, avg);
    const Cell cell = {
        {"zoom avg ", Mark::None},
        {avg ? text::decimal(*avg, 1) + "%" : std::string(g.unknown),
         avg_beyond ? Mark::Sustained : Mark::None},
        {", max " +
             (zoom_max.high ? text::decimal(*zoom_max.high, 1) + "%" : std::string(g.unknown)) +
             "; system max " +
             (system_max.high ? text::decimal(*system_max.high, 1) + "%" : std::string(g.unknown)),
         Mark::None},
    };
    return painter.painted(cell);
}

void no_data_note(std::ostream& out, const model::Participant& p) {
    out << (p.user_qos.empty() ? "No QoS samples" : "No QoS data in the samples")
        << " (Zoom returns data only while the participant sends or receives media).\n";
}

constexpr std::size_t kHeadingLines = 2;

// "14:01–15:00": the time span the sparklines cover.
std::string time_span(const model::Participant& p, const Glyphs& glyphs) {
    return range(quality::short_time(p.user_qos.front().date_time),
                 quality::short_time(p.user_qos.back().date_time), glyphs);
}

// The column names, then what each pair of numbers is and the time span the
// sparklines cover, in the zone named after it.
std::vector<Line> heading_lines(const model::Participant& p, const SummaryOptions& options,
                                const Glyphs& glyphs) {
    Line titles{{{{"STREAM"}},
                 {{"KBPS"}},
                 {{"LATENCY ms"}},
                 {{"JITTER ms"}},
                 {{"LOSS %"}},
                 {{"RESOLUTION"}},
                 {{"FPS"}},
                 {{"LATENCY"}}}};
    Line subtitles{{{},
                    {{"avg/min"}},
                    {{"avg/max"}},
                    {{"avg/max"}},
                    {{"avg/max"}},
                    {},
                    {},
                    {{time_span(p, glyphs) + " " + options.zone_label}}}};
    return {titles, subtitles};
}

// The widest cell of each column before the sparkline, which takes the room left.
std::array<std::size_t, kColumns> column_widths(const std::vector<Line>& lines,
                                                const Painter& painter) {
    std::array<std::size_t, kColumns> widths{};
    for (const Line& line : lines) {
        for (std::size_t i = 0; i < kSpark; ++i) {
            widths[i] = std::max(widths[i], term::display_width(painter.plain(line[i])));
        }
    }
    return widths;
}

std::size_t sparkline_room(const std::array<std::size_t, kColumns>& widths, std::size_t width) {
    std::size_t used = 0;
    for (std::size_t i = 0; i < kSpark; ++i) {
        used += widths[i] + kGap.size();
    }
    return width > used ? width - used : 0;
}

// One stream's latency over the samples, scaled so that the latency limit (or
// the highest value, if higher) is the top block.
Cell latency_sparkline(const model::Participant& p, const std::string& name,
                       const SummaryOptions& options, std::size_t room) {
    std::vector<std::optional<double>> series;
    for (const model::Sample& sample : p.user_qos) {
        const model::Stream* s = sample.find_stream(name);
        series.push_back(s != nullptr ? quality::stream_value(*s, Metric::Latency) : std::nullopt);
    }
    double top = latency_limit(options.thresholds, name).value_or(0);
    for (const auto& v : series) {
        top = std::max(top, v.value_or(0));
    }
    return {{sparkline(series, room, top, options.utf8)}};
}

std::string table_row(const Line& line, const std::array<std::size_t, kColumns>& widths,
                      std::size_t room, const Painter& painter) {
    std::string row;
    for (std::size_t i = 0; i < kColumns; ++i) {
        if (i == kSpark && room == 0) {
            break;
        }
        const std::string plain = painter.plain(line[i]);
        const std::size_t pad =
            i == kSpark ? 0 : widths[i] - std::min(widths[i], term::display_width(plain));
        // Names left, numbers right, so that magnitudes line up.
        const bool left = i == 0 || i == kSpark;
        if (i > 0) {
            row += kGap;
        }
        if (!left) {
            row.append(pad, ' ');
        }
        row += painter.painted(line[i]);
        if (left) {
            row.append(pad, ' ');
        }
    }
    row.erase(row.find_last_not_of(' ') + 1);
    return row;
}

// The headings and one line per stream; returns the width of the label
// column, which the cpu row lines up with.
std::size_t stream_table(std::ostream& out, const model::Participant& p,
                         const std::vector<std::string>& names, const SummaryOptions& options,
                         const Painter& painter) {
    std::vector<Line> lines = heading_lines(p, options, painter.glyphs());
    for (const std::string& name : names) {
        lines.push_back(stream_line(p, name, options, painter.glyphs()));
    }
    const auto widths = column_widths(lines, painter);
    const std::size_t room = sparkline_room(widths, options.width);
    for (std::size_t l = 0; l < lines.size(); ++l) {
        Line& line = lines[l];
        if (l < kHeadingLines) {
            // Narrow sparklines keep the time span without its zone, then
            // nothing: a heading wider than them would break the width.
            if (term::display_width(painter.plain(line[kSpark])) > room && l == 1) {
                line[kSpark] = {{time_span(p, painter.glyphs())}};
            }
            if (term::display_width(painter.plain(line[kSpark])) > room) {
                line[kSpark] = {};
            }
        } else if (room > 0) {
            line[kSpark] = latency_sparkline(p, names[l - kHeadingLines], options, room);
        }
        out << table_row(line, widths, room, painter) << '\n';
    }
    return widths[0];
}

void cpu_row(std::ostream& out, const model::Participant& p, const SummaryOptions& options,
             const Painter& painter, std::size_t label_width) {
    const std::string cpu = cpu_line(p, options, painter);
    if (!cpu.empty()) {
        out << term::pad_right("cpu", label_width) << kGap << cpu << '\n';
    }
}

} // namespace

std::string verdict(const model::Participant& participant, const std::vector<Rule>& thresholds) {
    if (!quality::has_qos_data(participant)) {
        return std::string(kNoData);
    }
    const auto breaches = quality::find_breaches(participant, thresholds);
    const quality::Breach* worst = quality::worst_breach(breaches);
    if (worst == nullptr) {
        return "no threshold breached";
    }
    std::vector<std::size_t> samples;
    for (const auto& breach : breaches) {
        if (samples.empty() || samples.back() != breach.sample_index) {
            samples.push_back(breach.sample_index);
        }
    }
    return quality::describe(*worst) + "; " + std::to_string(samples.size()) + " of " +
           std::to_string(participant.user_qos.size()) + " samples beyond a threshold";
}

namespace {

// `text` cut to `width` columns by display width, with an ellipsis when cut.
std::string fit(const std::string& text, std::size_t width, const Glyphs& glyphs) {
    if (term::display_width(text) <= width) {
        return term::pad_right(text, width);
    }
    const std::string_view ellipsis = glyphs.unknown == kUtf8.unknown ? "\u2026" : "~";
    std::string cut;
    for (std::size_t i = 0; i < text.size();) {
        // Whole UTF-8 sequences only: a lead byte and its continuation bytes.
        std::size_t next = i + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0U) == 0x80U) {
            ++next;
        }
        const std::string candidate = cut + text.substr(i, next - i);
        if (term::display_width(candidate) + 1 > width) {
            break;
        }
        cut = candidate;
        i = next;
    }
    return term::pad_right(cut + std::string(ellipsis), width);
}

constexpr std::size_t kNameWidth = 16;
constexpr std::size_t kIdWidth = 22; // Zoom's participant IDs: 22 characters
constexpr std::size_t kDeviceWidth = 8;
constexpr std::size_t kNetworkWidth = 8;

constexpr std::size_t kLatencyWidth = 13;
constexpr std::size_t kLossWidth = 8;
// What the columns before the verdict take, gaps included.
constexpr std::size_t kBeforeVerdict =
    kNameWidth + kIdWidth + kDeviceWidth + kLatencyWidth + kLossWidth + 5 * kGap.size();

} // namespace

std::string summary_row_header(bool network) {
    return term::pad_right("PARTICIPANT", kNameWidth) + std::string(kGap) +
           term::pad_right("ID", kIdWidth) + std::string(kGap) +
           term::pad_right("DEVICE", kDeviceWidth) + std::string(kGap) +
           (network ? term::pad_right("NETWORK", kNetworkWidth) + std::string(kGap) : "") +
           term::pad_left("MAX AUDIO LAT", kLatencyWidth) + std::string(kGap) +
           term::pad_left("MAX LOSS", kLossWidth) + std::string(kGap) + "VERDICT";
}

std::string summary_row(const model::Participant& participant,
                        const std::vector<quality::Rule>& thresholds, bool utf8, std::size_t width,
                        bool network) {
    const Glyphs& g = utf8 ? kUtf8 : kAscii;
    Stats latency, loss;
    for (const model::Sample& sample : participant.user_qos) {
        for (const model::Stream& stream : sample.streams) {
            if (stream.name.starts_with("audio_")) {
                latency.add(stream.latency_ms);
            }
            loss.add(stream.max_loss_pct);
        }
    }
    std::string verdict_text(kNoData);
    if (quality::has_qos_data(participant)) {
        const auto breaches = quality::find_breaches(participant, thresholds);
        const quality::Breach* worst = quality::worst_breach(breaches);
        verdict_text = worst ? quality::describe(*worst) : "ok";
    }
    const std::size_t before_verdict =
        kBeforeVerdict + (network ? kNetworkWidth + std::string_view(kGap).size() : 0);
    const std::size_t verdict_width =
        std::max<std::size_t>(width > before_verdict ? width - before_verdict : 0, 8);
    std::string row =
        fit(text(participant.user_name, g), kNameWidth, g) + std::string(kGap) +
        fit(text(participant.id, g), kIdWidth, g) + std::string(kGap) +
        fit(text(participant.device, g), kDeviceWidth, g) + std::string(kGap) +
        (network ? fit(text(model::detail_text(participant, "network_type"), g), kNetworkWidth, g) +
                       std::string(kGap)
                 : "") +
        term::pad_left(latency.high ? text::decimal(*latency.high, 0) + " ms"
                                    : std::string(g.unknown),
                       kLatencyWidth) +
        std::string(kGap) +
        term::pad_left(loss.high ? text::decimal(*loss.high, 2) + "%" : std::string(g.unknown),
                       kLossWidth) +
        std::string(kGap) + fit(verdict_text, verdict_width, g);
    row.erase(row.find_last_not_of(' ') + 1);
    return row;
}

void summary(std::ostream& out, const model::Participant& participant,
             const SummaryOptions& options) {
    const Painter painter(options);
    participant_block(out, participant, painter.glyphs());
    out << '\n';
    const auto names = shown_streams(participant);
    if (participant.user_qos.empty() || names.empty()) {
        no_data_note(out, participant);
    } else {
        const std::size_t label_width = stream_table(out, participant, names, options, painter);
        cpu_row(out, participant, options, painter, label_width);
    }
    out << '\n' << "Verdict: " << verdict(participant, options.thresholds) << '\n';
}

} // namespace zoomqos::render
