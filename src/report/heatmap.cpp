#include "heatmap.hpp"

#include <algorithm>
#include <string>

#include "zoomqos/report/html.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::report {

namespace {

constexpr int kRowHeight = 11;
constexpr int kLabelWidth = 170;
constexpr int kPlotWidth = 600;
constexpr int kAxis = 16;

std::string name_of(const Person& person) {
    const auto& name = person.participant->user_name;
    return name && !text::is_blank(*name) ? *name : "(no name)";
}

std::string span(const Event& event, const Columns& columns, std::size_t column) {
    const long long start =
        *event.first_minute + static_cast<long long>(column * columns.minutes_per_column) * 60;
    if (columns.minutes_per_column == 1) {
        return clock_time(start, event.zone);
    }
    return clock_time(start, event.zone) + "\u2013" +
           clock_time(start + static_cast<long long>(columns.minutes_per_column - 1) * 60,
                      event.zone);
}

void legend(std::ostream& out) {
    static const char* const kWords[] = {
        "no data",
        "under half the threshold",
        "under 80 % of it",
        "up to the threshold",
        "beyond, up to 1.5×",
        "beyond, up to 3×",
        "beyond 3×",
    };
    out << "<ul class=\"legend\">";
    for (int l = 0; l <= 6; ++l) {
        out << "<li><span class=\"swatch l" << l << "\"></span>" << kWords[l] << "</li>";
    }
    out << "</ul>";
}

} // namespace

Columns plan_columns(std::size_t minutes, std::size_t max_columns) {
    if (minutes == 0 || max_columns == 0) {
        return {1, 0};
    }
    const std::size_t per = (minutes + max_columns - 1) / max_columns;
    return {per, (minutes + per - 1) / per};
}

int level(const std::optional<Worst>& worst) {
    if (!worst) {
        return 0;
    }
    const double r = worst->ratio;
    if (r < 0.5) {
        return 1;
    }
    if (r < 0.8) {
        return 2;
    }
    if (r <= 1) {
        return 3;
    }
    if (r <= 1.5) {
        return 4;
    }
    return r <= 3 ? 5 : 6;
}

std::vector<Run> runs(const std::vector<int>& levels) {
    std::vector<Run> result;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (!result.empty() && result.back().level == levels[i]) {
            ++result.back().count;
        } else {
            result.push_back({i, 1, levels[i]});
        }
    }
    return result;
}

std::vector<std::optional<Worst>> bucket(const std::vector<std::optional<Worst>>& minutes,
                                         const Columns& columns) {
    std::vector<std::optional<Worst>> cells(columns.count);
    for (std::size_t m = 0; m < minutes.size(); ++m) {
        auto& cell = cells[std::min(m / columns.minutes_per_column, columns.count - 1)];
        if (minutes[m] && (!cell || minutes[m]->ratio > cell->ratio)) {
            cell = minutes[m];
        }
    }
    return cells;
}

void heatmap_section(std::ostream& out, const Event& event) {
    out << "<section id=\"heatmap\"><h2>Heatmap</h2>";
    if (!event.first_minute || event.people.empty()) {
        out << "<p>No participant has a sample with a time: nothing to map.</p></section>";
        return;
    }
    const Columns columns = plan_columns(event.minutes, kMaxColumns);
    const std::size_t rows = std::min(event.people.size(), kMaxRows);
    out << "<p>One row per participant, worst first; one column per "
        << (columns.minutes_per_column == 1
                ? std::string("minute")
                : std::to_string(columns.minutes_per_column) + " minutes (the event's " +
                      std::to_string(event.minutes) +
                      " minutes are bucketed; each cell shows its bucket's worst value)")
        << ", " << event.zone_name
        << ". Each cell is coloured by its worst value relative to its threshold; hover a "
           "cell for the values.";
    if (rows < event.people.size()) {
        out << " Only the " << rows << " worst of " << event.people.size()
            << " participants are shown; the table below lists all.";
    }
    out << "</p>";
    legend(out);
    const double cell_width = static_cast<double>(kPlotWidth) / static_cast<double>(columns.count);
    const int width = kLabelWidth + kPlotWidth + 4;
    const int height = static_cast<int>(rows) * kRowHeight + kAxis;
    out << "<figure><svg class=\"chart heatmap\" viewBox=\"0 0 " << width << ' ' << height
        << "\" width=\"" << width << "\" height=\"" << height
        << "\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>Heatmap of " << rows
        << " participants by " << columns.count
        << " time columns: the darker a cell, the further beyond a threshold that participant "
           "was then.</title>";
    for (std::size_t r = 0; r < rows; ++r) {
        const Person& person = event.people[r];
        const auto cells = bucket(person.minutes, columns);
        std::vector<int> levels;
        levels.reserve(cells.size());
        for (const auto& cell : cells) {
            levels.push_back(level(cell));
        }
        const std::string name = escape(name_of(person));
        const int y = static_cast<int>(r) * kRowHeight;
        out << "<g><text class=\"rowname\" x=\"" << kLabelWidth - 4 << "\" y=\"" << y + 9
            << "\" text-anchor=\"end\">" << escape(text::printable(name_of(person), 28))
            << "</text>";
        for (const Run& run : runs(levels)) {
            // The worst cell of the run speaks for it.
            std::size_t worst = run.first;
            for (std::size_t c = run.first; c < run.first + run.count; ++c) {
                if (cells[c] && (!cells[worst] || cells[c]->ratio > cells[worst]->ratio)) {
                    worst = c;
                }
            }
            std::string when = span(event, columns, run.first);
            if (run.count > 1) {
                const std::string last = span(event, columns, run.first + run.count - 1);
                when = when.substr(0, 5) + "\u2013" + last.substr(last.size() - 5);
            }
            out << "<rect class=\"l" << run.level << "\" x=\""
                << text::decimal(kLabelWidth + static_cast<double>(run.first) * cell_width, 1)
                << "\" y=\"" << y << "\" width=\""
                << text::decimal(static_cast<double>(run.count) * cell_width, 1) << "\" height=\""
                << kRowHeight - 1 << "\"><title>" << name << ", " << when << " " << event.zone_name
                << ": "
                << (cells[worst] ? (run.count > 1 ? "worst " : "") + escape(cells[worst]->text)
                                 : std::string("no data"))
                << "</title></rect>";
        }
        out << "</g>";
    }
    const int axis_y = static_cast<int>(rows) * kRowHeight + 12;
    out << "<g class=\"axis\"><text x=\"" << kLabelWidth << "\" y=\"" << axis_y << "\">"
        << span(event, columns, 0).substr(0, 5) << "</text><text x=\"" << width - 4 << "\" y=\""
        << axis_y << "\" text-anchor=\"end\">"
        << clock_time(*event.first_minute + static_cast<long long>(event.minutes - 1) * 60,
                      event.zone)
        << " " << event.zone_name << "</text></g></svg></figure></section>";
}

} // namespace zoomqos::report
