#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Text helpers every module shares: one notion of blank, one trim, one
// case-insensitive compare, one decimal format, one UTF-8 decoder and one way
// to make untrusted text printable. The bottom module: it uses
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

// One code point of UTF-8 text. Strict (RFC 3629): no overlong forms, no
// surrogates, nothing above U+10FFFF. Anything else is one invalid byte
// (`valid` false, `length` 1), so that decoding resumes at the next byte.
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;
    bool valid = false;
};

// The code point starting at byte `at` (< text.size()).
CodePoint decode_utf8(std::string_view text, std::size_t at);

// C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F): they move the cursor or
// start an escape sequence rather than print.
bool is_control(char32_t cp);

// Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069):
// printed raw they reorder the rest of the line.
bool is_bidi_control(char32_t cp);

constexpr std::size_t kNoLimit = std::string_view::npos;

// The lines of `text`, without their '\n': a final newline ends the last
// line rather than starting an empty one; an empty text is one empty line.
std::vector<std::string_view> split_lines(std::string_view text);

// Text that came from a server, a cache file, a config file or stdin, made
// safe for a terminal, a table or a spreadsheet cell: every control
// character, bidi control and invalid UTF-8 byte becomes `replacement` (one
// per code point or invalid byte, so the damage stays visible where it was);
// valid printable UTF-8 is unchanged. Output longer than `max_bytes` is cut at
// a code point boundary and ends in "..." (ASCII, readable in any locale);
// the cut keeps the result within `max_bytes` + 3 bytes.
std::string printable(std::string_view text, std::size_t max_bytes = kNoLimit,
                      std::string_view replacement = "?");

// printable() line by line, for a message whose line breaks are part of its
// layout (a caret under a bad character on the line below): each line ends in
// '\n', including the last.
std::string printable_lines(std::string_view text, std::size_t max_line_bytes = kNoLimit);

// RFC 4648 base64 with padding. base64_encode writes base64_size(bytes)
// characters at `out`, no NUL, so that the caller chooses where encoded
// credentials go (a buffer that is wiped, for the Basic auth header).
std::size_t base64_size(std::size_t bytes) noexcept;
void base64_encode(std::string_view bytes, char* out) noexcept;
std::string base64(std::string_view bytes);

} // namespace zoomqos::text
