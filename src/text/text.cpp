#include "zoomqos/text/text.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace zoomqos::text {

namespace {

constexpr std::string_view kWhitespace = " \t\n\v\f\r";

// Not std::tolower: that one follows the C locale.
char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

bool is_blank(std::string_view text) {
    return text.find_first_not_of(kWhitespace) == std::string_view::npos;
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(kWhitespace) - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b,
                              [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string decimal(double value, int decimals) {
    char buffer[400]; // fixed notation of DBL_MAX needs 309 digits
    const auto result = std::to_chars(std::begin(buffer), std::end(buffer), value,
                                      std::chars_format::fixed, decimals);
    if (result.ec != std::errc{}) {
        return {};
    }
    std::string text(std::begin(buffer), result.ptr);
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    if (text == "-0") { // a tiny negative rounds to "-0", which reads as a defect
        text = "0";
    }
    return text;
}

} // namespace zoomqos::text
