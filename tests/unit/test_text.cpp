#include <cfloat>
#include <cmath>
#include <limits>
#include <string>

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
