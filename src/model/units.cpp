#include "zoomqos/model/units.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <string>
#include <system_error>

#include "zoomqos/text/text.hpp"

namespace zoomqos::model::units {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// ASCII-only trim and compare (text.hpp) on purpose: a no-break space or a
// full-width digit is not something Zoom sends, and the answer must not
// depend on the locale.
using text::iequals;
using text::trim;

std::size_t leading_digits(std::string_view text) {
    return static_cast<std::size_t>(std::ranges::find_if_not(text, is_digit) - text.begin());
}

// A unit's size relative to the default unit, as a power of ten, so that the scaling is done
// by from_chars on the decimal text: "1.005 Mbps" is exactly 1005, which 1.005 * 1000 is not.
struct Unit {
    std::string_view name;
    int exponent;
};

constexpr Unit kBitrateUnits[] = {{"bps", -3}, {"kbps", 0}, {"mbps", 3}, {"gbps", 6}};
constexpr Unit kDurationUnits[] = {{"ms", 0}, {"s", 3}};
constexpr Unit kPercentUnits[] = {{"%", 0}};
constexpr Unit kFpsUnits[] = {{"fps", 0}};

std::optional<double> decimal_to_double(std::string_view decimal, int exponent) {
    std::string text(decimal);
    if (exponent != 0) {
        text += 'e';
        text += std::to_string(exponent);
    }
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// The number must be plain decimal digits with an optional fraction ("27.15"). Zoom never
// sends signs, exponents, hex, inf or nan, so those are garbage rather than something to guess
// at; from_chars alone would accept "-1", "1e3", "inf" and "nan".
std::optional<double> parse_quantity(std::string_view text, std::span<const Unit> units) {
    text = trim(text);
    std::size_t end = leading_digits(text);
    if (end == 0) {
        return std::nullopt;
    }
    if (end < text.size() && text[end] == '.') {
        const std::size_t fraction = leading_digits(text.substr(end + 1));
        if (fraction == 0) {
            return std::nullopt;
        }
        end += 1 + fraction;
    }
    const std::string_view unit = trim(text.substr(end));
    int exponent = 0;
    if (!unit.empty()) {
        const auto found =
            std::ranges::find_if(units, [unit](const Unit& u) { return iequals(u.name, unit); });
        if (found == units.end()) {
            return std::nullopt;
        }
        exponent = found->exponent;
    }
    return decimal_to_double(text.substr(0, end), exponent);
}

std::optional<long> parse_dimension(std::string_view digits) {
    long value = 0;
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    if (ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

template <typename Parse>
std::optional<double> quantity_from_json(const Json& value, Parse parse) {
    if (value.is_string()) {
        return parse(value.get_ref<const std::string&>());
    }
    if (value.is_number()) {
        const double number = value.get<double>();
        if (!std::isfinite(number) || number < 0) {
            return std::nullopt;
        }
        // -0.0 passes the sign test; it would print as "-0.0", which nobody measured.
        return number == 0 ? 0.0 : number;
    }
    return std::nullopt;
}

} // namespace

std::optional<double> parse_bitrate_kbps(std::string_view text) {
    return parse_quantity(text, kBitrateUnits);
}

std::optional<double> parse_duration_ms(std::string_view text) {
    return parse_quantity(text, kDurationUnits);
}

std::optional<double> parse_percent(std::string_view text) {
    return parse_quantity(text, kPercentUnits);
}

std::optional<double> parse_fps(std::string_view text) {
    return parse_quantity(text, kFpsUnits);
}

std::optional<Resolution> parse_resolution(std::string_view text) {
    text = trim(text);
    const std::size_t width_digits = leading_digits(text);
    if (width_digits == 0) {
        return std::nullopt;
    }
    std::string_view rest = trim(text.substr(width_digits));
    if (rest.empty() || (rest.front() != '*' && rest.front() != 'x' && rest.front() != 'X')) {
        return std::nullopt;
    }
    rest = trim(rest.substr(1));
    const std::size_t height_digits = leading_digits(rest);
    if (height_digits == 0 || height_digits != rest.size()) {
        return std::nullopt;
    }
    const auto width = parse_dimension(text.substr(0, width_digits));
    const auto height = parse_dimension(rest);
    if (!width || !height) {
        return std::nullopt;
    }
    return Resolution{*width, *height};
}

std::optional<double> bitrate_kbps(const Json& value) {
    return quantity_from_json(value, parse_bitrate_kbps);
}

std::optional<double> duration_ms(const Json& value) {
    return quantity_from_json(value, parse_duration_ms);
}

std::optional<double> percent(const Json& value) {
    return quantity_from_json(value, parse_percent);
}

std::optional<double> fps(const Json& value) {
    return quantity_from_json(value, parse_fps);
}

// Only text: a bare JSON number cannot say which dimension it is.
std::optional<Resolution> resolution(const Json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    return parse_resolution(value.get_ref<const std::string&>());
}

} // namespace zoomqos::model::units
