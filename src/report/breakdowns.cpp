#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "zoomqos/model/details.hpp"
#include "zoomqos/report/html.hpp"
#include "zoomqos/report/svg.hpp"
#include "zoomqos/text/text.hpp"

#include "sections.hpp"

namespace zoomqos::report {

namespace {

constexpr std::size_t kMaxGroups = 15;

struct Group {
    std::size_t people = 0;
    std::size_t breached = 0;
};

// `key`: the participant's group, nullopt or blank for "unknown".
template <class Key>
void breakdown(std::ostream& out, const Event& event, const std::string& noun, const Key& key) {
    std::map<std::string, Group> groups;
    for (const Person& person : event.people) {
        const std::optional<std::string> value = key(*person.participant);
        Group& group = groups[value && !text::is_blank(*value) ? *value : "unknown"];
        ++group.people;
        group.breached += person.breaches.empty() ? 0U : 1U;
    }
    std::vector<std::pair<std::string, Group>> sorted(groups.begin(), groups.end());
    // The biggest groups first: a share of 1 in 2 says less than 30 in 60.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second.people > b.second.people;
    });
    std::vector<svg::Bar> bars;
    for (std::size_t i = 0; i < sorted.size() && i < kMaxGroups; ++i) {
        const auto& [name, group] = sorted[i];
        const double share =
            static_cast<double>(group.breached) / static_cast<double>(group.people);
        const std::string counts =
            std::to_string(group.breached) + " of " + std::to_string(group.people);
        std::string title = name;
        title.append(": ").append(counts).append(" participants with a breach");
        bars.push_back({text::printable(name, 30), share, counts, std::move(title)});
    }
    out << "<figure><h3>By " << noun << "</h3>";
    svg::bar_chart(out,
                   "Share of participants with a breach by " + noun + ", largest groups first" +
                       (sorted.size() > kMaxGroups
                            ? " (the " + std::to_string(kMaxGroups) + " largest of " +
                                  std::to_string(sorted.size()) + ")"
                            : std::string()) +
                       ".",
                   bars);
    if (sorted.size() > kMaxGroups) {
        out << "<figcaption>The " << kMaxGroups << " largest of " << sorted.size() << ' ' << noun
            << " groups.</figcaption>";
    }
    out << "</figure>";
}

} // namespace

void breakdowns_section(std::ostream& out, const Event& event, bool details) {
    out << "<section id=\"breakdowns\"><h2>Breakdowns</h2><div class=\"grid\">";
    breakdown(out, event, "device", [](const model::Participant& p) { return p.device; });
    breakdown(out, event, "location", [](const model::Participant& p) { return p.location; });
    if (details) {
        breakdown(out, event, "network type", [](const model::Participant& p) {
            return model::detail_text(p, "network_type");
        });
        breakdown(out, event, "data center",
                  [](const model::Participant& p) { return model::detail_text(p, "data_center"); });
    }
    out << "</div></section>";
}

} // namespace zoomqos::report
