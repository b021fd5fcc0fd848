// The --fail-on / --thresholds grammar reads what a user typed. Whatever it
// gets, the parser must not crash; a list it accepts, printed back rule by
// rule with rule_text, must parse to the same rules; and a list it refuses
// must say where, at a character inside the text (or just past its end).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/quality/rules.hpp"

namespace quality = zoomqos::quality;

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// N of "... at character N" on the message's first line, 0 when absent.
std::size_t error_position(const std::string& message) {
    const std::string_view first_line = std::string_view(message).substr(0, message.find('\n'));
    constexpr std::string_view kMarker = " at character ";
    const std::size_t at = first_line.rfind(kMarker);
    if (at == std::string_view::npos) {
        return 0;
    }
    std::size_t position = 0;
    for (const char c : first_line.substr(at + kMarker.size())) {
        if (c < '0' || c > '9' || position > 1'000'000'000) {
            return 0;
        }
        position = position * 10 + static_cast<std::size_t>(c - '0');
    }
    return position;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<quality::Rule> defaults = quality::default_rules();
    auto rules = quality::parse_rules(text, "--fail-on", defaults);
    if (!rules) {
        require(rules.error().kind == zoomqos::ErrorKind::Usage);
        const std::string& message = rules.error().message;
        require(message.starts_with("--fail-on: "));
        const std::size_t position = error_position(message);
        require(position >= 1 && position <= size + 1);
        require(message.ends_with("^"));
        return 0;
    }
    require(!rules->empty());
    std::string printed;
    for (const quality::Rule& rule : *rules) {
        require(std::isfinite(rule.value) && rule.value >= 0);
        if (!printed.empty()) {
            printed += ',';
        }
        printed += quality::rule_text(rule);
    }
    auto again = quality::parse_rules(printed, "--fail-on", defaults);
    require(again.ok());
    require(*again == *rules);
    return 0;
}
