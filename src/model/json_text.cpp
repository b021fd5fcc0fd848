#include "zoomqos/model/json_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "zoomqos/text/text.hpp"

namespace zoomqos::model {
namespace {

// Text nlohmann writes unchanged between quotes: printable ASCII without a
// quote or backslash, and well-formed UTF-8 (with ensure_ascii = false it
// escapes nothing else but control characters, and its decoder accepts
// exactly what text::decode_utf8 does). Anything else goes through nlohmann's
// own escaping, which also replaces invalid UTF-8 with U+FFFD.
bool needs_no_escaping(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x80) {
            if (byte < 0x20 || byte == 0x7f || byte == '"' || byte == '\\') {
                return false;
            }
            ++at;
            continue;
        }
        const text::CodePoint cp = text::decode_utf8(text, at);
        if (!cp.valid) {
            return false;
        }
        at += cp.length;
    }
    return true;
}

void dump_with_nlohmann(std::string& out, const Json& value, int indent, int depth) {
    nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char>(out), ' ',
                                                  Json::error_handler_t::replace);
    const bool pretty = indent >= 0;
    serializer.dump(value, pretty, false, pretty ? static_cast<unsigned>(indent) : 0U,
                    pretty ? static_cast<unsigned>(depth * indent) : 0U);
}

} // namespace

JsonText::JsonText(std::string& out, int indent, int depth)
    : out_(out), indent_(indent), depth_(depth) {}

void JsonText::indent_to(int depth) {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent_), ' ');
}

void JsonText::begin_object() {
    out_ += '{';
    has_members_.push_back(false);
    ++depth_;
}

void JsonText::end_object() {
    --depth_;
    const bool any = has_members_.back();
    has_members_.pop_back();
    // An empty object is "{}" in both layouts, as nlohmann writes it.
    if (any && indent_ >= 0) {
        indent_to(depth_);
    }
    out_ += '}';
}

void JsonText::key(std::string_view name) {
    if (has_members_.back()) {
        out_ += ',';
    }
    has_members_.back() = true;
    if (indent_ >= 0) {
        indent_to(depth_);
    }
    string(name);
    out_ += indent_ >= 0 ? std::string_view(": ") : std::string_view(":");
}

void JsonText::string(std::string_view value) {
    if (needs_no_escaping(value)) {
        // One append of the quoted text: most values are short, and three
        // appends cost more than the copy.
        const std::size_t at = out_.size();
        out_.resize(at + value.size() + 2);
        char* to = out_.data() + at;
        *to++ = '"';
        to = std::copy(value.begin(), value.end(), to);
        *to = '"';
        return;
    }
    dump_with_nlohmann(out_, Json(value), indent_, depth_);
}

void JsonText::optional_string(const std::optional<std::string>& value) {
    if (value) {
        string(*value);
    } else {
        null();
    }
}

void JsonText::null() {
    out_ += "null";
}

void JsonText::integer(long long value) {
    std::array<char, 24> digits{};
    const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    out_.append(digits.data(), result.ptr);
}

void JsonText::number(std::optional<double> value) {
    constexpr double kInt64Limit = 9223372036854775808.0; // 2^63
    if (!value || !std::isfinite(*value)) {
        null();
        return;
    }
    if (std::trunc(*value) == *value && *value >= -kInt64Limit && *value < kInt64Limit) {
        integer(static_cast<std::int64_t>(*value));
        return;
    }
    // nlohmann's own shortest round-trip form ("0.18", "1e-05"), so that
    // this text equals what dump() writes for the same double.
    std::array<char, 64> digits{};
    char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), *value);
    out_.append(digits.data(), end);
}

void JsonText::value(const Json& value) {
    dump_with_nlohmann(out_, value, indent_, depth_);
}

} // namespace zoomqos::model
