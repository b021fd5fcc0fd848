#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zoomqos/api/url.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/text/time.hpp"

// Reading QoS at a glance: thresholds that mark values, --fail-on rules that
// make a run exit 8, the JSON breaches annotation and --watch's interval.
namespace zoomqos::cli {

struct GlanceOptions {
    bool samples = false;               // the per-sample table instead of the summary
    std::string thresholds;             // rules changing the default thresholds
    std::optional<std::string> fail_on; // rules that make the run exit 8
    bool annotate = false;              // -o json: a "breaches" array
    std::optional<double> watch_seconds;
    std::optional<std::string> csv_columns; // -o csv: --columns LIST
    bool bom = false;                       // -o csv: a UTF-8 byte order mark first
    std::optional<std::string> tz;          // --tz: UTC, local or an IANA name
};

// --thresholds and --fail-on alone (report, which writes no chosen format).
void add_threshold_options(CLI::App& command, GlanceOptions& options);

// --tz ZONE, with the command's own words for what it shows in the zone.
void add_tz_option(CLI::App& command, GlanceOptions& options, const std::string& help);

// --thresholds, --fail-on, --annotate, CSV's --columns and --bom, --tz; with
// `one_participant` also --samples and --watch (get).
void add_glance_options(CLI::App& command, GlanceOptions& options, bool one_participant);

// What those options resolve to, checked against each other, the output
// format and the event type before any request (a bad combination or rule is
// a usage error).
struct Glance {
    std::vector<quality::Rule> thresholds;
    std::optional<std::vector<quality::Rule>> fail_on;
    std::optional<std::chrono::milliseconds> watch_interval;
    bool samples = false;
    bool annotate = false;
    render::CsvColumns csv_columns; // empty: every column
    bool bom = false;
    // The zone participants' times are shown in: --tz, else local time for
    // the table; none (Zoom's UTC strings unchanged) for machine formats
    // unless --tz asks.
    std::optional<text::Zone> zone;
};
Result<Glance> resolve_glance(const GlanceOptions& options, render::Format format,
                              api::QosType type);

// The participant as shown: its times in the glance's zone, if any.
model::Participant in_zone(const Glance& glance, const model::Participant& participant);

// What the table calls the glance's zone for this participant's times:
// "CET", "UTC" (also without a zone, Zoom's own).
std::string zone_label(const Glance& glance, const model::Participant& participant);

// The participant as typed JSON, with a "breaches" array under --annotate.
model::Json participant_json(const Glance& glance, const model::Participant& participant);

// With --fail-on: lists every breached rule on `err`, each line after
// "breach: " starting with `who` ("participant 123: " when there are many),
// and returns a Threshold error (exit 8); Ok otherwise.
Status check_fail_on(const Glance& glance, const model::Participant& participant, std::ostream& err,
                     const std::string& who = "");

// "participant 30R7kT7bTIKSNUFEuH_Qlg (Zoë Åkesson)": who a line about one of
// many participants is about, both parts made printable and cut.
inline constexpr std::size_t kIdBytes = 64;
inline constexpr std::size_t kNameBytes = 40;
std::string participant_label(const std::string& participant_id,
                              const model::Participant& participant);

// --fail-on over many participants: each judged as it is printed, one exit
// status at the end ("3 of 200 participants with data breached --fail-on
// rules"). A participant without data is noted and counted in neither.
class FailOnTally {
public:
    FailOnTally(const Glance& glance, std::ostream& err) : glance_(glance), err_(err) {}

    void judge(const model::Participant& participant, const std::string& participant_id);
    Status status(std::size_t participants) const;

private:
    const Glance& glance_;
    std::ostream& err_;
    std::size_t breached_ = 0;
    std::size_t no_data_ = 0;
};

} // namespace zoomqos::cli
