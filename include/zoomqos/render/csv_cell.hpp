#pragma once

#include <string>
#include <string_view>

// One CSV text cell as every CSV writer here makes it (csv.cpp).
namespace zoomqos::render {

// printable, a leading formula character defused with an apostrophe, quoted
// (RFC 4180) when needed.
std::string csv_text_cell(std::string_view value);

} // namespace zoomqos::render
