#include "zoomqos/render/events.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "zoomqos/render/csv_cell.hpp"
#include "zoomqos/term/width.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::render {

namespace {

constexpr std::size_t kTopicWidth = 32;
constexpr std::size_t kMaxCell = 60;
constexpr const char* kUnknown = "-";

std::string cell(const std::optional<std::string>& value, std::size_t max = kMaxCell) {
    return value ? text::printable(*value, max) : std::string(kUnknown);
}

// "2026-11-20 14:00Z": minutes are what a list of events needs.
std::string start_text(const model::Event& event) {
    if (!event.start_time) {
        return kUnknown;
    }
    std::string iso =
        text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(*event.start_time));
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + "Z";
}

std::string id_text(const model::Event& event) {
    return event.id ? std::to_string(*event.id) : std::string(kUnknown);
}

std::string count_text(const std::optional<long long>& count) {
    return count ? std::to_string(*count) : std::string(kUnknown);
}

std::string iso_or_empty(const std::optional<text::WallTime>& when) {
    return when ? text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(*when))
                : std::string();
}

// Cuts to `width` columns with "..." (ASCII, so any terminal shows it).
std::string fit(const std::string& value, std::size_t width) {
    if (term::display_width(value) <= width) {
        return term::pad_right(value, width);
    }
    std::string cut = text::printable(value, width - 3);
    while (term::display_width(cut) > width) {
        cut = text::printable(cut, cut.size() - 4);
    }
    return term::pad_right(cut, width);
}

} // namespace

std::string duration_text(std::optional<long long> seconds) {
    if (!seconds) {
        return kUnknown;
    }
    const long long h = *seconds / 3600;
    const long long m = *seconds / 60 % 60;
    const long long s = *seconds % 60;
    // Appended piece by piece: GCC 12 at -O3 misreads "literal" + string.
    std::string out = std::to_string(h);
    out += ':';
    if (m < 10) {
        out += '0';
    }
    out += std::to_string(m);
    out += ':';
    if (s < 10) {
        out += '0';
    }
    out += std::to_string(s);
    return out;
}

void event_table(std::ostream& out, const std::vector<model::Event>& events) {
    std::map<std::string, std::size_t> instances;
    for (const model::Event& event : events) {
        ++instances[id_text(event)];
    }
    const bool uuids = std::any_of(instances.begin(), instances.end(),
                                   [](const auto& each) { return each.second > 1; });
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header{"START", "ID"};
    if (uuids) {
        header.emplace_back("UUID");
    }
    for (const char* name : {"TOPIC", "DURATION", "PARTICIPANTS", "HOST"}) {
        header.emplace_back(name);
    }
    rows.push_back(header);
    for (const model::Event& event : events) {
        std::vector<std::string> row{start_text(event), id_text(event)};
        if (uuids) {
            row.push_back(text::printable(event.uuid, kMaxCell));
        }
        row.push_back(cell(event.topic));
        row.push_back(duration_text(event.duration_seconds));
        row.push_back(count_text(event.participants));
        row.push_back(cell(event.host));
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], term::display_width(row[i]));
        }
    }
    const std::size_t duration_column = uuids ? 4 : 3;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool number = i == duration_column || i == duration_column + 1;
            const bool last = i + 1 == row.size();
            line += number ? term::pad_left(row[i], widths[i])
                           : (last ? row[i] : term::pad_right(row[i], widths[i]));
            if (!last) {
                line += "  ";
            }
        }
        out << line << '\n';
    }
}

void event_csv_header(std::ostream& out) {
    out << "start_time,end_time,id,uuid,topic,host,email,duration_seconds,participants\r\n";
}

void event_csv_row(std::ostream& out, const model::Event& event) {
    const auto text_or_empty = [](const std::optional<std::string>& value) {
        return value ? csv_text_cell(*value) : std::string();
    };
    out << iso_or_empty(event.start_time) << ',' << iso_or_empty(event.end_time) << ','
        << (event.id ? std::to_string(*event.id) : std::string()) << ','
        << csv_text_cell(event.uuid) << ',' << text_or_empty(event.topic) << ','
        << text_or_empty(event.host) << ',' << text_or_empty(event.email) << ','
        << (event.duration_seconds ? std::to_string(*event.duration_seconds) : std::string()) << ','
        << (event.participants ? std::to_string(*event.participants) : std::string()) << "\r\n";
}

std::string sweep_table_header() {
    return "START              ID           " + term::pad_right("TOPIC", kTopicWidth) +
           "  PARTICIPANTS  BREACHED  WORST";
}

std::string sweep_table_row(const SweepLine& line) {
    std::string row = term::pad_right(start_text(line.event), 17) + "  " +
                      term::pad_right(id_text(line.event), 11) + "  " +
                      fit(cell(line.event.topic), kTopicWidth) + "  " +
                      term::pad_left(std::to_string(line.participants), 12) + "  " +
                      term::pad_left(std::to_string(line.participants_breached), 8) + "  " +
                      text::printable(line.worst, kMaxCell * 2);
    return row;
}

std::string sweep_ndjson_row(const SweepLine& line) {
    const model::Json row{
        {"start_time", iso_or_empty(line.event.start_time)},
        {"id", line.event.id ? model::Json(*line.event.id) : model::Json(nullptr)},
        {"uuid", line.event.uuid},
        {"topic", line.event.topic ? model::Json(*line.event.topic) : model::Json(nullptr)},
        {"participants", line.participants},
        {"participants_breached", line.participants_breached},
        {"worst", line.worst}};
    return row.dump(-1, ' ', false, model::Json::error_handler_t::replace);
}

void sweep_csv_header(std::ostream& out) {
    out << "start_time,id,uuid,topic,participants,participants_breached,worst\r\n";
}

void sweep_csv_row(std::ostream& out, const SweepLine& line) {
    out << iso_or_empty(line.event.start_time) << ','
        << (line.event.id ? std::to_string(*line.event.id) : std::string()) << ','
        << csv_text_cell(line.event.uuid) << ','
        << (line.event.topic ? csv_text_cell(*line.event.topic) : std::string()) << ','
        << line.participants << ',' << line.participants_breached << ','
        << csv_text_cell(line.worst) << "\r\n";
}

} // namespace zoomqos::render
