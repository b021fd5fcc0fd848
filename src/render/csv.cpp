#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "zoomqos/render/csv_cell.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/text/text.hpp"

// The CSV schema is fixed: the same columns in the same order for every
// participant, webinar or meeting, whatever streams Zoom sent. That is what
// lets rows from many participants (or many runs) be concatenated under one
// header and loaded into one sheet. The price: streams outside kCsvStreams,
// unknown keys and wifi_rssi are only in the JSON and NDJSON output.
namespace zoomqos::render {

namespace {

using model::Stream;

constexpr std::string_view kCsvStreams[] = {
    "audio_input",
    "audio_output",
    "video_input",
    "video_output",
    "as_input",
    "as_output",
    "audio_device_from_crc",
    "audio_device_to_crc",
    "audio_device_from_rwg",
    "audio_device_to_rwg",
    "video_device_from_crc",
    "video_device_to_crc",
    "video_device_from_rwg",
    "video_device_to_rwg",
    "as_device_from_crc",
    "as_device_to_crc",
    "as_device_from_rwg",
    "as_device_to_rwg",
};

using StreamValue = std::optional<double> (*)(const Stream&);

struct Metric {
    std::string_view suffix;
    StreamValue value;
};

constexpr Metric kAudioMetrics[] = {
    {"bitrate_kbps",
     [](const Stream& s) {
         return s.bitrate_kbps;
     }},
    {"latency_ms",
     [](const Stream& s) {
         return s.latency_ms;
     }},
    {"jitter_ms",
     [](const Stream& s) {
         return s.jitter_ms;
     }},
    {"avg_loss_pct",
     [](const Stream& s) {
         return s.avg_loss_pct;
     }},
    {"max_loss_pct",
     [](const Stream& s) {
         return s.max_loss_pct;
     }},
};

std::optional<double> width(const Stream& s) {
    return s.resolution ? std::optional<double>(static_cast<double>(s.resolution->width))
                        : std::nullopt;
}

std::optional<double> height(const Stream& s) {
    return s.resolution ? std::optional<double>(static_cast<double>(s.resolution->height))
                        : std::nullopt;
}

constexpr Metric kVideoMetrics[] = {
    {"width", width},
    {"height", height},
    {"frame_rate_fps",
     [](const Stream& s) {
         return s.frame_rate_fps;
     }},
};

using CpuValue = std::optional<double> model::CpuUsage::*;

struct CpuColumn {
    std::string_view name;
    CpuValue value;
};

constexpr CpuColumn kCpuColumns[] = {
    {"cpu_usage_zoom_min_cpu_usage_pct", &model::CpuUsage::zoom_min_cpu_usage_pct},
    {"cpu_usage_zoom_avg_cpu_usage_pct", &model::CpuUsage::zoom_avg_cpu_usage_pct},
    {"cpu_usage_zoom_max_cpu_usage_pct", &model::CpuUsage::zoom_max_cpu_usage_pct},
    {"cpu_usage_system_max_cpu_usage_pct", &model::CpuUsage::system_max_cpu_usage_pct},
};

// Text and numbers are written differently (only text is quoted or defused),
// so a cell remembers which one it is.
using Cell = std::variant<std::monostate, std::string, double>;

struct RowContext {
    const Subject& subject;
    const model::Participant& participant;
    const model::Sample& sample;
};

struct Column {
    std::string name;
    std::function<Cell(const RowContext&)> cell;
};

Cell text(const std::optional<std::string>& value) {
    return value ? Cell(*value) : Cell();
}

Cell number(const std::optional<double>& value) {
    return value ? Cell(*value) : Cell();
}

bool is_video_like(std::string_view stream) {
    return stream.starts_with("video_") || stream.starts_with("as_");
}

// The one definition of the schema; header and rows are both generated from it.
std::vector<Column> make_columns() {
    std::vector<Column> columns{
        {"event_id",
         [](const RowContext& r) {
             return Cell(r.subject.event_id);
         }},
        {"participant_id",
         [](const RowContext& r) {
             return Cell(r.subject.participant_id);
         }},
        {"user_id",
         [](const RowContext& r) {
             return text(r.participant.user_id);
         }},
        {"user_name",
         [](const RowContext& r) {
             return text(r.participant.user_name);
         }},
        {"date_time",
         [](const RowContext& r) {
             return text(r.sample.date_time);
         }},
    };
    auto add_stream_metrics = [&columns](std::string_view stream, const auto& metrics) {
        for (const Metric& metric : metrics) {
            columns.push_back({std::string(stream) + "_" + std::string(metric.suffix),
                               [stream, value = metric.value](const RowContext& r) {
                                   const Stream* s = r.sample.find_stream(stream);
                                   return s ? number(value(*s)) : Cell();
                               }});
        }
    };
    for (std::string_view stream : kCsvStreams) {
        add_stream_metrics(stream, kAudioMetrics);
        if (is_video_like(stream)) {
            add_stream_metrics(stream, kVideoMetrics);
        }
    }
    for (const CpuColumn& cpu : kCpuColumns) {
        columns.push_back({std::string(cpu.name), [value = cpu.value](const RowContext& r) {
                               return r.sample.cpu_usage ? number((*r.sample.cpu_usage).*value)
                                                         : Cell();
                           }});
    }
    return columns;
}

const std::vector<Column>& columns() {
    static const std::vector<Column> kColumns = make_columns();
    return kColumns;
}

// Cells are made printable first (control characters, bidi controls and
// invalid UTF-8 become '?'): a CSV file gets viewed with cat and less as often
// as it gets loaded into a sheet, and no spreadsheet needs an escape sequence.
//
// Spreadsheets run a cell that starts with one of these as a formula
// (OWASP "CSV injection"); a leading apostrophe makes it text again. Names and
// IDs come from other people, so they are never trusted with a formula.
std::string defuse(std::string value) {
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos) {
        value.insert(value.begin(), '\'');
    }
    return value;
}

// RFC 4180: quoted only when needed, quotes doubled.
std::string quote(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string format_cell(const Cell& cell) {
    if (const auto* s = std::get_if<std::string>(&cell)) {
        return csv_text_cell(*s);
    }
    if (const auto* d = std::get_if<double>(&cell)) {
        return csv_number(*d);
    }
    return {};
}

} // namespace

std::string detail_header() {
    std::string header;
    for (const std::string_view field : model::kDetailFields) {
        header.append(",detail_").append(field);
    }
    return header;
}

std::string detail_cells(const std::optional<model::Json>& details) {
    std::string cells;
    for (const std::string_view field : model::kDetailFields) {
        cells += ',';
        if (!details || !details->is_object()) {
            continue;
        }
        const auto it = details->find(std::string(field));
        if (it == details->end()) {
            continue;
        }
        if (it->is_string()) {
            cells += csv_text_cell(it->get<std::string>());
        } else if (it->is_number()) {
            cells += csv_number(it->get<double>());
        } else if (it->is_boolean()) {
            cells += it->get<bool>() ? "true" : "false";
        }
    }
    return cells;
}

// Integers without a decimal point; others with at most 6 decimals, enough
// for every unit here (kbps, ms, %) without printing binary noise such as
// 0.30000000000000004.
std::string csv_number(double value) {
    return std::isfinite(value) ? text::decimal(value, 6) : std::string();
}

std::string csv_text_cell(std::string_view value) {
    return quote(defuse(text::printable(value)));
}

namespace {

// `tail`: cells after the schema's (the detail columns), with their commas.
void write_line(std::ostream& out, const CsvColumns& picked,
                const std::function<std::string(const Column&)>& cell, const std::string& tail) {
    std::string line;
    const auto& all = columns();
    const std::size_t count = picked.empty() ? all.size() : picked.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            line += ',';
        }
        line += cell(all[picked.empty() ? i : picked[i]]);
    }
    out << line << tail << "\r\n";
}

// "basic": who and when, the six main streams and CPU, without the Cloud
// Room Connector and web-gateway paths.
CsvColumns basic_columns() {
    CsvColumns picked;
    const auto& all = columns();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string& name = all[i].name;
        const bool extra_path =
            name.find("_crc_") != std::string::npos || name.find("_rwg_") != std::string::npos;
        if (!extra_path) {
            picked.push_back(i);
        }
    }
    return picked;
}

} // namespace

void csv_header(std::ostream& out, const CsvColumns& picked, bool details) {
    write_line(
        out, picked, [](const Column& column) { return column.name; },
        details ? detail_header() : std::string());
}

void csv_rows(std::ostream& out, const Subject& subject, const model::Participant& participant,
              const CsvColumns& picked, bool details) {
    const std::string tail = details ? detail_cells(participant.details) : std::string();
    for (const model::Sample& sample : participant.user_qos) {
        const RowContext row{subject, participant, sample};
        write_line(
            out, picked, [&row](const Column& column) { return format_cell(column.cell(row)); },
            tail);
    }
}

std::vector<std::string> csv_column_names() {
    std::vector<std::string> names;
    for (const Column& column : columns()) {
        names.push_back(column.name);
    }
    return names;
}

Result<CsvColumns> parse_csv_columns(std::string_view list) {
    CsvColumns picked;
    const auto add = [&picked](std::size_t index) {
        if (std::find(picked.begin(), picked.end(), index) == picked.end()) {
            picked.push_back(index);
        }
    };
    const auto names = csv_column_names();
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string name(text::trim(list.substr(start, comma - start)));
        start = comma + 1;
        if (name == "basic") {
            for (const std::size_t index : basic_columns()) {
                add(index);
            }
            continue;
        }
        const auto found = std::find(names.begin(), names.end(), name);
        if (found == names.end()) {
            // The valid names on lines of at most 100 columns after the
            // message, which a usage error prints whole.
            std::string message =
                name.empty() ? std::string("--columns: an empty column name")
                             : "--columns: unknown column '" + text::printable(name, 60) + "'";
            std::string line = "  valid: basic";
            for (const std::string& each : names) {
                if (line.size() + 2 + each.size() > 100) {
                    message += "\n" + line + ",";
                    line = "  " + each;
                } else {
                    line += ", " + each;
                }
            }
            message += "\n" + line;
            return make_error(ErrorKind::Usage, std::move(message));
        }
        add(static_cast<std::size_t>(found - names.begin()));
    }
    return picked;
}

} // namespace zoomqos::render
