#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zoomqos::term {

// Columns a UTF-8 string takes in a terminal: East Asian wide and fullwidth
// characters count 2, combining marks and zero-width characters 0, invalid
// bytes 1 each (they print as a replacement character). Control characters
// count 0: they do not advance the cursor (printable() replaces them anyway).
// Per code point, not per grapheme cluster: an emoji ZWJ sequence counts as
// the sum of its parts, as older terminals draw it.
std::size_t display_width(std::string_view utf8);

// Left-aligns `text` in `width` columns by display width (never truncates).
std::string pad_right(std::string_view text, std::size_t width);

// Right-aligns `text` in `width` columns by display width (never truncates).
std::string pad_left(std::string_view text, std::size_t width);

// Text from the network made safe to print in a terminal: every control
// character (which could move the cursor or start an escape sequence), every
// bidirectional override (which could reorder the rest of the line) and every
// invalid byte becomes `replacement`. Valid printable UTF-8 is unchanged.
std::string printable(std::string_view utf8, std::string_view replacement);

} // namespace zoomqos::term
