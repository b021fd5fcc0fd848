#pragma once

#include <charconv>
#include <iterator>
#include <string>
#include <string_view>

// Text helpers every module shares: one notion of blank, one trim, one
// decimal format.
namespace zoomqos::text {

inline bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

inline std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\n\v\f\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\n\v\f\r") - first + 1);
}

inline std::string decimal(double value, int decimals) {
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
