#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/text/time.hpp"

// `zoomqos report`: one event's participants as one self-contained HTML page
// (inline CSS and SVG, one hashed inline script that sorts the table, a
// Content-Security-Policy that allows nothing else). It takes what is known of
// the event and its participants, from wherever they came; it writes onto a
// stream and does no I/O of its own.
namespace zoomqos::report {

// What is known of the event besides its participants.
struct EventInfo {
    std::string noun = "webinar"; // or "meeting"
    std::string id;               // as asked: a number or an instance UUID
    std::string type = "past";    // or "live"
    std::optional<std::string> topic;
    std::optional<std::string> host;
};

struct ReportOptions {
    std::vector<quality::Rule> thresholds = quality::default_rules();
    std::string version; // "1.2.0"
    // "2026-12-02T14:00:00Z", the one wall-clock time in the page; nullopt
    // leaves it out.
    std::optional<std::string> generated_at;
    // The participants carry their details sessions (report --details): the
    // breakdowns add network type and data center.
    bool details = false;
    // The zone of the page's times (report --tz; apply_zone done for a named
    // one), named where times are shown; participants' own time fields are
    // expected in it already (model::convert_times).
    text::Zone zone;
};

void write(std::ostream& out, const EventInfo& event,
           const std::vector<model::Participant>& participants, const ReportOptions& options);

} // namespace zoomqos::report
