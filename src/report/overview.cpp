#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "zoomqos/report/html.hpp"
#include "zoomqos/report/svg.hpp"

#include "heatmap.hpp"
#include "sections.hpp"

namespace zoomqos::report {

namespace {

constexpr const char* kStreams[] = {"audio_input", "audio_output", "video_input", "video_output",
                                    "as_input",    "as_output",    "cpu_usage"};

std::string people(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " participant" : " participants");
}

// Breaches in several minutes, never more than one participant in five (and
// at least one) at once: trouble of their own, not shared.
bool scattered(const Event& event) {
    std::size_t peak = 0;
    std::size_t minutes = 0;
    for (const std::size_t n : event.breaching) {
        peak = std::max(peak, n);
        minutes += n > 0 ? 1U : 0U;
    }
    return minutes >= 2 && (peak <= 1 || peak * 5 <= event.people.size());
}

// Participants with a breach, but none in `minute`.
std::size_t breached_elsewhere(const Event& event, std::size_t minute) {
    std::size_t n = 0;
    for (const Person& person : event.people) {
        const auto& cell = person.minutes[minute];
        n += person.worst > 0 && !(cell && cell->ratio > 1) ? 1U : 0U;
    }
    return n;
}

std::string verdict_sentence(const Event& event) {
    if (event.people.empty()) {
        return "No participant data: Zoom returned no participants for this event.";
    }
    // As `list` and --fail-on count them: a participant without data is
    // neither clean nor in breach.
    const std::size_t judged = event.people.size() - event.without_data;
    if (judged == 0) {
        return "No participant data: Zoom returned no QoS samples for the " +
               people(event.people.size()) + " of this event.";
    }
    const std::string not_judged =
        event.without_data > 0
            ? " (" + std::to_string(event.without_data) + " without data not judged)"
            : std::string();
    if (event.breached == 0) {
        return (judged == event.people.size() ? std::string("No participant")
                                              : "None of the " + people(judged) + " with data") +
               " breached a threshold" + not_judged + ".";
    }
    std::string sentence = std::to_string(event.breached) + " of " + people(judged) +
                           (event.without_data > 0 ? " with data" : "") + " breached a threshold" +
                           not_judged;
    if (const auto spike = find_spike(event)) {
        sentence +=
            "; at " +
            clock_time(*event.first_minute + static_cast<long long>(spike->minute) * 60,
                       event.zone) +
            " " + event.zone_name + " " + std::to_string(spike->people) + " of the " +
            std::to_string(spike->present) +
            " participants then present did at once, which points at Zoom's platform or the "
            "host rather than their own networks";
        if (const std::size_t others = breached_elsewhere(event, spike->minute); others > 0) {
            sentence += " (" + people(others) + " breached only at other times)";
        }
    } else if (scattered(event)) {
        sentence += ", at scattered times: their own networks or devices are the likelier cause";
    }
    return sentence + ".";
}

// Per stream, who breached it (each person once, with their worst breach of
// that stream), worst first; equally bad in the people's order.
struct StreamBreaches {
    std::vector<std::pair<double, const Person*>> who;
    const quality::Breach* worst = nullptr;
};

// "Ana, Bo and 3 more": the first kMaxNames names, escaped.
std::string names(const std::vector<std::pair<double, const Person*>>& who) {
    constexpr std::size_t kMaxNames = 5;
    std::string text;
    for (std::size_t i = 0; i < who.size() && i < kMaxNames; ++i) {
        if (i > 0) {
            text.append(i + 1 == who.size() ? " and " : ", ");
        }
        text.append(display_name(*who[i].second->participant));
    }
    if (who.size() > kMaxNames) {
        text.append(" and ").append(std::to_string(who.size() - kMaxNames)).append(" more");
    }
    return text;
}

void by_stream(std::ostream& out, const Event& event) {
    std::map<std::string, StreamBreaches> streams;
    for (const Person& person : event.people) {
        std::map<std::string, double> worst_of_person;
        for (const quality::Breach& breach : person.breaches) {
            const double severity = quality::severity(breach);
            auto& stream = streams[breach.stream];
            if (stream.worst == nullptr || severity > quality::severity(*stream.worst)) {
                stream.worst = &breach;
            }
            auto [it, added] = worst_of_person.emplace(breach.stream, severity);
            if (!added) {
                it->second = std::max(it->second, severity);
            }
        }
        for (const auto& [stream, severity] : worst_of_person) {
            streams[stream].who.emplace_back(severity, &person);
        }
    }
    out << "<table class=\"streams\"><caption>Participants with a breach, by stream</caption>"
           "<thead><tr><th scope=\"col\">Stream</th><th scope=\"col\">Participants</th>"
           "<th scope=\"col\">Who, worst first</th><th scope=\"col\">Worst breach</th></tr>"
           "</thead><tbody>";
    std::set<std::string> shown;
    const auto row = [&](const std::string& name) {
        auto found = streams.find(name);
        out << "<tr><th scope=\"row\">" << escape(stream_label(name)) << " <small>" << escape(name)
            << "</small></th>";
        if (found == streams.end()) {
            out << "<td>0</td><td>\u2014</td><td>\u2014</td></tr>";
        } else {
            auto& who = found->second.who;
            std::stable_sort(who.begin(), who.end(),
                             [](const auto& a, const auto& b) { return a.first > b.first; });
            out << "<td>" << who.size() << "</td><td>" << names(who) << "</td><td>"
                << escape(quality::describe(*found->second.worst)) << "</td></tr>";
        }
        shown.insert(name);
    };
    for (const char* stream : kStreams) {
        row(stream);
    }
    for (const auto& [stream, breaches] : streams) {
        if (!shown.contains(stream)) {
            row(stream);
        }
    }
    out << "</tbody></table>";
}

void timeline(std::ostream& out, const Event& event) {
    if (!event.first_minute) {
        return;
    }
    const Columns columns = plan_columns(event.minutes, kMaxColumns);
    svg::ColumnChart chart;
    chart.title =
        "Timeline: how many participants breached a threshold in each " +
        std::string(columns.minutes_per_column == 1
                        ? "minute"
                        : "bucket of " + std::to_string(columns.minutes_per_column) + " minutes") +
        " (" + event.zone_name + ").";
    chart.unit = "people";
    const auto spike = find_spike(event);
    for (std::size_t c = 0; c < columns.count; ++c) {
        std::size_t most = 0;
        bool marked = false;
        for (std::size_t m = c * columns.minutes_per_column;
             m < std::min(event.minutes, (c + 1) * columns.minutes_per_column); ++m) {
            most = std::max(most, event.breaching[m]);
            marked = marked || (spike && spike->minute == m);
        }
        const std::string when = clock_time(
            *event.first_minute + static_cast<long long>(c * columns.minutes_per_column) * 60,
            event.zone);
        chart.columns.push_back(
            {when, static_cast<double>(most),
             when + " " + event.zone_name + ": " + people(most) + " beyond a threshold", marked});
    }
    out << "<figure>";
    svg::column_chart(out, chart);
    out << "<figcaption>" << escape(chart.title);
    if (columns.minutes_per_column > 1) {
        out << " Each column shows the highest count of its minutes.";
    }
    out << "</figcaption></figure>";
}

} // namespace

void overview_section(std::ostream& out, const Event& event, const ReportOptions& /*options*/) {
    out << "<section id=\"verdict\"><h2>Verdict</h2><p class=\"verdict\">"
        << escape(verdict_sentence(event)) << "</p>";
    by_stream(out, event);
    timeline(out, event);
    out << "</section>";
}

} // namespace zoomqos::report
