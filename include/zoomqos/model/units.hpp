#pragma once

#include <optional>
#include <string_view>

#include "zoomqos/model/qos.hpp"

// Zoom sends measurements as text with units, and not consistently:
// "23 kbps", "27.15kbps", "126 ms", "0ms", "0.3%", "1280*720", "12 fps", "".
// Each parser returns nullopt for anything it cannot read with certainty
// (empty, garbage, negative, NaN, a unit of another dimension): unknown, never 0.
namespace zoomqos::model::units {

std::optional<double>
parse_bitrate_kbps(std::string_view text); // bps/kbps/Mbps/Gbps; bare number = kbps
std::optional<double> parse_duration_ms(std::string_view text);    // ms, s; bare number = ms
std::optional<double> parse_percent(std::string_view text);        // "0.3%", "0.3 %", bare number
std::optional<double> parse_fps(std::string_view text);            // "12 fps", "12fps", bare number
std::optional<Resolution> parse_resolution(std::string_view text); // "1280*720", "1280x720"

// The same, for a JSON value: strings are parsed, non-negative finite numbers
// are taken as they are, anything else (null, bool, object, array) is nullopt.
std::optional<double> bitrate_kbps(const Json& value);
std::optional<double> duration_ms(const Json& value);
std::optional<double> percent(const Json& value);
std::optional<double> fps(const Json& value);
std::optional<Resolution> resolution(const Json& value);

} // namespace zoomqos::model::units
