#pragma once

#include <ostream>
#include <string>

#include "zoomqos/report/report.hpp"

#include "analysis.hpp"

// The page's sections in their order, one file each; page.cpp puts them
// together.
namespace zoomqos::report {

// Topic, ID, times, host, count, thresholds, version.
void header_section(std::ostream& out, const EventInfo& info, const Event& event,
                    const ReportOptions& options);
// The verdict sentence, breaches by stream and the per-minute timeline.
void overview_section(std::ostream& out, const Event& event, const ReportOptions& options);
// heatmap.hpp: heatmap_section.
// Each participant's worst latency, jitter, loss; lowest bitrate and frame rate.
void distributions_section(std::ostream& out, const Event& event, const ReportOptions& options);
// The share of participants with a breach by device and by location; with
// `details` (report --details) by network type and data center too.
void breakdowns_section(std::ostream& out, const Event& event, bool details);
// Every participant with a breach, worst first (at most kMaxDrilldowns).
void drilldown_section(std::ostream& out, const Event& event, const ReportOptions& options);
// All participants, one row each; sortable when scripts run.
void table_section(std::ostream& out, const Event& event);

// A participant's name for people: escaped, "(no name)" when Zoom sent none.
std::string display_name(const model::Participant& participant);
// A text field escaped, or "unknown".
std::string field(const std::optional<std::string>& value);

} // namespace zoomqos::report
