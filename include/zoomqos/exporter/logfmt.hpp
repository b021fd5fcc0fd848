#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoomqos/text/time.hpp"

// The exporter's log: one logfmt line per event on stderr,
//   ts=2026-12-01T09:00:00Z level=info msg="poll done" events=1 participants=2
// so that journald, Loki or grep read it alike. Values pass text::printable;
// a value with a space, '=', '"' or nothing in it is quoted.
namespace zoomqos::exporter {

using LogFields = std::vector<std::pair<std::string_view, std::string>>;

std::string logfmt_value(std::string_view value);
std::string logfmt_line(text::WallTime when, std::string_view level, std::string_view message,
                        const LogFields& fields);

} // namespace zoomqos::exporter
