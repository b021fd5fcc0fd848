#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/text/text.hpp"

using namespace std::string_view_literals;
using zoomqos::text::decimal;
using zoomqos::text::iequals;
using zoomqos::text::is_blank;
using zoomqos::text::trim;

TEST_CASE("trim removes ASCII whitespace at both ends only", "[text]") {
    CHECK(trim("") == "");
    CHECK(trim(" \t\n\v\f\r") == "");
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\r\nvalue\r\n") == "value");
    CHECK(trim("\v\fvalue\f\v") == "value");
    CHECK(trim("a\tb") == "a\tb"); // inside stays
    // A no-break space (U+00A0) or a NUL is not whitespace: kept, whatever the locale.
    CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
    CHECK(trim("\xA0x") == "\xA0x");
    CHECK(trim(" \0 "sv) == "\0"sv);
}

TEST_CASE("is_blank agrees with trim", "[text]") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\n\v\f\r"));
    CHECK_FALSE(is_blank(" x "));
    CHECK_FALSE(is_blank("\xC2\xA0"));
    for (const std::string_view s : {""sv, " "sv, " a "sv, "\r\n"sv, "\xA0"sv}) {
        CHECK(is_blank(s) == trim(s).empty());
    }
}

TEST_CASE("iequals folds ASCII letters only", "[text]") {
    CHECK(iequals("", ""));
    CHECK(iequals("Daily-limit", "daily-LIMIT"));
    CHECK(iequals("Retry-After", "retry-after"));
    CHECK_FALSE(iequals("Daily-limit", "Daily-limit "));
    CHECK_FALSE(iequals("abc", "abd"));
    CHECK_FALSE(iequals("a", ""));
    // Non-letters next to the letter ranges are not folded onto them.
    CHECK_FALSE(iequals("@", "`"));
    CHECK_FALSE(iequals("[", "{"));
    // UTF-8 bytes match only themselves: "Ä" (C3 84) is not "ä" (C3 A4),
    // and a Latin-1 "Ä" (C4) is not "ä" (E4), in any locale.
    CHECK(iequals("\xC3\x84", "\xC3\x84"));
    CHECK_FALSE(iequals("\xC3\x84", "\xC3\xA4"));
    CHECK_FALSE(iequals("\xC4", "\xE4"));
}

TEST_CASE("decimal: fixed notation, no trailing zeros", "[text]") {
    CHECK(decimal(23.0, 2) == "23");
    CHECK(decimal(0.3, 2) == "0.3");
    CHECK(decimal(27.15, 2) == "27.15");
    CHECK(decimal(100.0, 0) == "100");
    CHECK(decimal(1e-7, 6) == "0");
    CHECK(decimal(1e21, 0) == "1000000000000000000000"); // never exponent notation
    CHECK(decimal(-1.5, 1) == "-1.5");
}

TEST_CASE("decimal rounds the binary value to nearest", "[text]") {
    CHECK(decimal(2.675, 2) == "2.67"); // 2.67499999... in binary
    CHECK(decimal(0.125, 2) == "0.12"); // an exact tie goes to even
    CHECK(decimal(0.375, 2) == "0.38");
    CHECK(decimal(9.996, 2) == "10");
    CHECK(decimal(0.1 + 0.2, 6) == "0.3");
}

TEST_CASE("decimal never writes -0", "[text]") {
    CHECK(decimal(-0.0, 2) == "0");
    CHECK(decimal(-0.001, 2) == "0");
    CHECK(decimal(-0.4, 0) == "0");
    CHECK(decimal(-0.006, 2) == "-0.01");
}

TEST_CASE("decimal of huge and non-finite values", "[text]") {
    const std::string max = decimal(DBL_MAX, 0);
    CHECK(max.size() == 309);
    CHECK(max.substr(0, 6) == "179769");
    CHECK(decimal(-DBL_MAX, 6).size() == 310);
    // More digits than the buffer holds: nothing, rather than a cut number.
    CHECK(decimal(DBL_MAX, 100).empty());
    // Callers pass finite values; these pin what a slip would show.
    CHECK(decimal(std::numeric_limits<double>::quiet_NaN(), 2) == "nan");
    CHECK(decimal(std::numeric_limits<double>::infinity(), 2) == "inf");
    CHECK(decimal(-std::numeric_limits<double>::infinity(), 2) == "-inf");
}

TEST_CASE("printable keeps valid printable UTF-8 as it is", "[text]") {
    using zoomqos::text::printable;
    CHECK(printable("").empty());
    CHECK(printable("Zo\u00eb \u7530\u4e2d \U0001F600") == "Zo\u00eb \u7530\u4e2d \U0001F600");
    CHECK(printable("\u00a0\u00ff\u2029\u2065\u206a") == "\u00a0\u00ff\u2029\u2065\u206a");
}

TEST_CASE("printable replaces what could take over a terminal", "[text]") {
    using zoomqos::text::printable;
    CHECK(printable("Eve\x1b[2J") == "Eve?[2J");          // CSI: clear screen
    CHECK(printable("\x1b]0;title\x07") == "?]0;title?"); // OSC: window title
    CHECK(printable("a\tb\nc\rd\x7f") == "a?b?c?d?");     // C0 and DEL
    CHECK(printable("a\xc2\x9b"
                    "2J\xc2\x80\xc2\x9f") == "a?2J??"); // C1, CSI among them
    CHECK(printable("abc\u202edef") == "abc?def");      // right-to-left override
    CHECK(printable("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069") == "????????");
    CHECK(printable("a\0b"sv) == "a?b");
    CHECK(printable("a\xff"
                    "b") == "a?b");
    CHECK(printable("\xe4\xb8") == "??");           // a truncated sequence: one per byte
    CHECK(printable("\xc0\xaf") == "??");           // overlong '/'
    CHECK(printable("\xed\xa0\x80") == "???");      // a surrogate
    CHECK(printable("\xf4\x90\x80\x80") == "????"); // above U+10FFFF
    CHECK(printable("a\x1b"
                    "b",
                    zoomqos::text::kNoLimit, "\ufffd") == "a\ufffd"
                                                          "b");
}

TEST_CASE("printable cuts long text at a code point boundary", "[text]") {
    using zoomqos::text::printable;
    CHECK(printable("abcdef", 6) == "abcdef");
    CHECK(printable("abcdefg", 6) == "abcdef...");
    CHECK(printable("ab\u00e9", 3) == "ab..."); // U+00E9 is 2 bytes: not split
    CHECK(printable("\u7530\u4e2d", 4) == "\u7530...");
    CHECK(printable("ab\x1b\x1b", 3) == "ab?..."); // counts the output, not the input
    CHECK(printable("abc", 0) == "...");
}

TEST_CASE("printable_lines keeps line breaks and cuts each line", "[text]") {
    using zoomqos::text::printable_lines;
    CHECK(printable_lines("") == "\n");
    CHECK(printable_lines("one") == "one\n");
    CHECK(printable_lines("a\x1b[2J\n  ^") == "a?[2J\n  ^\n");
    CHECK(printable_lines("abcdef\nxy\r", 4) == "abcd...\nxy?\n");
}

TEST_CASE("split_lines: a final newline ends a line, it does not start one", "[text]") {
    using Lines = std::vector<std::string_view>;
    CHECK(zoomqos::text::split_lines("") == Lines{""});
    CHECK(zoomqos::text::split_lines("a") == Lines{"a"});
    CHECK(zoomqos::text::split_lines("a\n") == Lines{"a"});
    CHECK(zoomqos::text::split_lines("a\n\nb") == Lines{"a", "", "b"});
    CHECK(zoomqos::text::split_lines("a\r\nb\n\n") == Lines{"a\r", "b", ""});
}

TEST_CASE("text base64 pads to whole quanta (RFC 4648 section 10)", "[text]") {
    CHECK(zoomqos::text::base64("") == "");
    CHECK(zoomqos::text::base64("f") == "Zg==");
    CHECK(zoomqos::text::base64("fo") == "Zm8=");
    CHECK(zoomqos::text::base64("foo") == "Zm9v");
    CHECK(zoomqos::text::base64("foob") == "Zm9vYg==");
    CHECK(zoomqos::text::base64("fooba") == "Zm9vYmE=");
    CHECK(zoomqos::text::base64("foobar") == "Zm9vYmFy");
    CHECK(zoomqos::text::base64(std::string_view("\xff\xfe\x00", 3)) == "//4A");
    // base64_encode writes exactly base64_size() bytes, and no NUL.
    std::string out(8, '#');
    zoomqos::text::base64_encode("Ma", out.data());
    CHECK(out == "TWE=####");
    CHECK(zoomqos::text::base64_size(0) == 0);
    CHECK(zoomqos::text::base64_size(4) == 8);
}
