#pragma once

#include <charconv>
#include <iterator>
#include <string>

namespace zoomqos::render::detail {

// `value` with at most `decimals` decimals and no trailing zeros ("23",
// "0.3", "27.15"): never exponent notation, always '.' whatever the C or C++
// locale says, because both people and spreadsheets read these numbers.
// Callers pass finite values only.
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

} // namespace zoomqos::render::detail
