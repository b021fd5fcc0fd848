#include <string>
#include <string_view>

#include "zoomqos/render/summary.hpp"
#include "zoomqos/report/html.hpp"
#include "zoomqos/report/svg.hpp"
#include "zoomqos/text/text.hpp"

#include "sections.hpp"

namespace zoomqos::report {

namespace {

std::optional<double> highest_of(const model::Participant& p,
                                 render::Stats render::StreamFigures::*stats) {
    std::optional<double> top;
    for (const std::string_view name : model::kMainStreams) {
        const render::StreamFigures figures = render::stream_figures(p, name);
        const std::optional<double> high = (figures.*stats).high;
        if (high && (!top || *high > *top)) {
            top = high;
        }
    }
    return top;
}

// A cell whose data-v the sorting script compares: numbers as numbers, an
// unknown value empty (sorted last).
std::string number_cell(const std::optional<double>& value, const char* unit) {
    if (!value) {
        return "<td class=\"num\" data-v=\"\">\u2014</td>";
    }
    return "<td class=\"num\" data-v=\"" + text::decimal(*value, 3) + "\">" + svg::number(*value) +
           unit + "</td>";
}

} // namespace

void table_section(std::ostream& out, const Event& event) {
    out << "<section id=\"participants\"><h2>All participants</h2><p>Worst first. With scripts "
           "on, a click on a column heading sorts by it.</p><div class=\"scroll\"><table "
           "id=\"all\" class=\"sortable\"><thead><tr>";
    const std::string joined = "Joined (" + event.zone_name + ")";
    for (const std::string_view heading :
         {std::string_view("#"), std::string_view("Name"), std::string_view("Device"),
          std::string_view("Client"), std::string_view("Location"), std::string_view(joined),
          std::string_view("Samples"), std::string_view("Worst latency"),
          std::string_view("Worst jitter"), std::string_view("Worst loss"),
          std::string_view("Breaches"), std::string_view("Verdict")}) {
        out << "<th scope=\"col\">" << heading << "</th>";
    }
    out << "</tr></thead><tbody>";
    std::size_t rank = 0;
    for (const Person& person : event.people) {
        const model::Participant& p = *person.participant;
        const auto text_cell = [&](const std::string& shown) {
            out << "<td data-v=\"" << shown << "\">" << shown << "</td>";
        };
        ++rank;
        out << "<tr" << (person.breaches.empty() ? "" : " class=\"breach\"")
            << "><td class=\"num\" data-v=\"" << rank << "\">" << rank << "</td>";
        text_cell(display_name(p));
        text_cell(field(p.device));
        text_cell(field(p.version));
        text_cell(field(p.location));
        text_cell(field(p.join_time));
        out << "<td class=\"num\" data-v=\"" << p.user_qos.size() << "\">" << p.user_qos.size()
            << "</td>" << number_cell(highest_of(p, &render::StreamFigures::latency), " ms")
            << number_cell(highest_of(p, &render::StreamFigures::jitter), " ms")
            << number_cell(highest_of(p, &render::StreamFigures::avg_loss), " %")
            << "<td class=\"num\" data-v=\"" << person.breaches.size() << "\">"
            << person.breaches.size() << "</td>";
        text_cell(escape(person.verdict));
        out << "</tr>";
    }
    out << "</tbody></table></div></section>";
}

} // namespace zoomqos::report
