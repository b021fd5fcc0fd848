#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zoomqos::term {

// Columns a UTF-8 string takes in a terminal: East Asian wide and fullwidth
// characters count 2, combining marks and zero-width characters 0, invalid
// bytes 1 each (they print as a replacement character). Control characters
// count 0: they do not advance the cursor (text::printable() replaces them anyway).
// Per code point, not per grapheme cluster: an emoji ZWJ sequence counts as
// the sum of its parts, as older terminals draw it.
std::size_t display_width(std::string_view utf8);

// Left-aligns `text` in `width` columns by display width (never truncates).
std::string pad_right(std::string_view text, std::size_t width);

// Right-aligns `text` in `width` columns by display width (never truncates).
std::string pad_left(std::string_view text, std::size_t width);

} // namespace zoomqos::term
