#pragma once

#include <string>
#include <string_view>

// The one way text from Zoom (names, locations, devices, anything) enters the
// report's HTML and SVG: valid for element content and quoted attribute
// values alike.
namespace zoomqos::report {

// `text` with & < > " ' as character references, and every control
// character, bidi control and invalid UTF-8 byte as U+FFFD (text::printable):
// no element, attribute or reordering can come out of it.
std::string escape(std::string_view text);

} // namespace zoomqos::report
