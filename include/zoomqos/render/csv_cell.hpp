#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/model/qos.hpp"

// How every CSV writer here writes a cell (csv.cpp: per sample; rank.cpp: per
// participant; events.cpp: events and sweep lines), so that all read alike in
// a sheet.
namespace zoomqos::render {

// printable, a leading formula character defused with an apostrophe, quoted
// (RFC 4180) when needed.
std::string csv_text_cell(std::string_view value);

// Integers without a decimal point, others with at most 6 decimals; empty when not finite.
std::string csv_number(double value);

// ",detail_id,detail_user_id,...": the list --details columns, each with its leading comma.
std::string detail_header();
// The cells under detail_header() for a participant's details (all empty when none).
std::string detail_cells(const std::optional<model::Json>& details);

} // namespace zoomqos::render
