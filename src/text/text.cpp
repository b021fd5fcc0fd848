#include "zoomqos/text/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
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

CodePoint decode_utf8(std::string_view text, std::size_t at) {
    const auto byte_at = [&](std::size_t i) {
        return static_cast<unsigned char>(text[i]);
    };
    const unsigned lead = byte_at(at);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    unsigned low = 0x80; // the allowed range of the second byte
    unsigned high = 0xBF;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0Fu;
        if (lead == 0xE0) {
            low = 0xA0; // overlong below
        } else if (lead == 0xED) {
            high = 0x9F; // surrogates above
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07u;
        if (lead == 0xF0) {
            low = 0x90; // overlong below
        } else if (lead == 0xF4) {
            high = 0x8F; // beyond U+10FFFF above
        }
    } else {
        return {};
    }
    if (at + length > text.size()) {
        return {};
    }
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned byte = byte_at(at + k);
        const unsigned min = k == 1 ? low : 0x80u;
        const unsigned max = k == 1 ? high : 0xBFu;
        if (byte < min || byte > max) {
            return {};
        }
        cp = (cp << 6) | (byte & 0x3Fu);
    }
    return {cp, length, true};
}

bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string printable(std::string_view text, std::size_t max_bytes, std::string_view replacement) {
    std::string out;
    out.reserve(std::min(text.size(), max_bytes));
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode_utf8(text, i);
        const bool safe = cp.valid && !is_control(cp.value) && !is_bidi_control(cp.value);
        const std::string_view piece = safe ? text.substr(i, cp.length) : replacement;
        if (out.size() + piece.size() > max_bytes) {
            out += "...";
            break;
        }
        out += piece;
        i += cp.length;
    }
    return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    do {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    } while (start < text.size());
    return lines;
}

std::string printable_lines(std::string_view text, std::size_t max_line_bytes) {
    std::string out;
    for (const std::string_view line : split_lines(text)) {
        out += printable(line, max_line_bytes);
        out += '\n';
    }
    return out;
}

std::size_t base64_size(std::size_t bytes) noexcept {
    return (bytes + 2) / 3 * 4;
}

void base64_encode(std::string_view bytes, char* out) noexcept {
    constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const auto byte = [&bytes](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]));
    };
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(bytes.size() - i, 3);
        std::uint32_t v = byte(i) << 16U;
        if (n > 1) {
            v |= byte(i + 1) << 8U;
        }
        if (n > 2) {
            v |= byte(i + 2);
        }
        *out++ = kAlphabet[(v >> 18U) & 63U];
        *out++ = kAlphabet[(v >> 12U) & 63U];
        *out++ = n > 1 ? kAlphabet[(v >> 6U) & 63U] : '=';
        *out++ = n > 2 ? kAlphabet[v & 63U] : '=';
    }
}

std::string base64(std::string_view bytes) {
    std::string out(base64_size(bytes.size()), '\0');
    base64_encode(bytes, out.data());
    return out;
}

} // namespace zoomqos::text
