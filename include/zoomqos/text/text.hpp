#pragma once

#include <string>
#include <string_view>

// Text helpers every module shares: one notion of blank, one trim, one
// case-insensitive compare, one decimal format. The bottom module: it uses
// nothing else of zoomqos, so that every other module may use it.
namespace zoomqos::text {

// Whitespace is the ASCII set " \t\n\v\f\r", whatever the locale says:
// what a header, a config line or a token file means must not depend on it.
bool is_blank(std::string_view text);
std::string_view trim(std::string_view text);

// Equal but for the case of ASCII letters; other bytes (UTF-8 included) must
// match exactly, in any locale.
bool iequals(std::string_view a, std::string_view b);

// `value` with at most `decimals` decimals and no trailing zeros ("23",
// "0.3", "27.15"): never exponent notation, always '.' whatever the C or C++
// locale says, because both people and spreadsheets read these numbers.
// Callers pass finite values only.
std::string decimal(double value, int decimals);

} // namespace zoomqos::text
