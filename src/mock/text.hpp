#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// Byte-level text work that the mock's parsers and its log share; ASCII only,
// so that no locale can change what a request means.
namespace zoomqos::mock {

// 0-15 for a hex digit of either case, else -1.
int hex_digit(char c);

// `value`'s lowest `digits` hex digits, lower case, zero-padded.
std::string hex(std::uint32_t value, int digits);

std::string lowercase(std::string_view text);

// Control characters shown as \xNN, so that a raw target cannot garble the log.
std::string printable(std::string_view text);

} // namespace zoomqos::mock
