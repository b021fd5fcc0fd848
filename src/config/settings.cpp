#include "zoomqos/config/settings.hpp"

#include <algorithm>
#include <map>

#include "zoomqos/text/text.hpp"

namespace zoomqos::config {

namespace {

using text::trim;

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

// A quoted string may be followed only by a comment.
bool ends_after_quote(std::string_view value, char quote) {
    std::size_t at = 1;
    while (at < value.size()) {
        if (quote == '"' && value[at] == '\\') {
            at += 2;
            continue;
        }
        if (value[at] == quote) {
            const std::string_view rest = trim(value.substr(at + 1));
            return rest.empty() || rest.front() == '#';
        }
        ++at;
    }
    return false;
}

std::optional<std::string> check_value(std::string_view value) {
    if (value.empty()) {
        return "a key without a value";
    }
    if (value.front() == '"' || value.front() == '\'') {
        if (!ends_after_quote(value, value.front())) {
            return "an unterminated string, or text after it";
        }
        return std::nullopt;
    }
    if (value.front() == '[') {
        const std::string_view body = trim(value.substr(0, value.find('#')));
        if (body.back() != ']') {
            return "an unterminated array";
        }
        return std::nullopt;
    }
    const std::string_view word = trim(value.substr(0, value.find('#')));
    if (word.empty() || word.find_first_of(" \t\"'=[]") != std::string_view::npos) {
        return "a value that is neither a quoted string, an array nor a single word";
    }
    return std::nullopt;
}

} // namespace

std::string Source::describe() const {
    switch (kind) {
    case SourceKind::Flag:
        return "flag";
    case SourceKind::Env:
        return "env " + detail;
    case SourceKind::Config:
        return "config " + detail;
    case SourceKind::Default:
        break;
    }
    return "default";
}

SourceKind pick_source(bool flag_given, const char* env_value, bool in_config) {
    if (flag_given) {
        return SourceKind::Flag;
    }
    if (env_value != nullptr && env_value[0] != '\0') {
        return SourceKind::Env;
    }
    return in_config ? SourceKind::Config : SourceKind::Default;
}

std::string Setting::display_value() const {
    if (secret && !value.empty()) {
        return "***";
    }
    // A value from a config file or the environment is shown on a terminal.
    return text::printable(value);
}

const Setting* find_setting(const std::vector<Setting>& settings, std::string_view name) {
    for (const Setting& setting : settings) {
        if (setting.name == name) {
            return &setting;
        }
    }
    return nullptr;
}

std::string default_config_path(const char* xdg_config_home, const char* home) {
    if (xdg_config_home != nullptr && xdg_config_home[0] == '/') {
        return std::string(xdg_config_home) + "/zoomqos/config.toml";
    }
    if (home != nullptr && home[0] == '/') {
        return std::string(home) + "/.config/zoomqos/config.toml";
    }
    return {};
}

std::string shorten_value(std::string_view value) {
    constexpr std::size_t kMaxEcho = 80;
    return text::printable(value, kMaxEcho);
}

namespace {

// 'key', cut short. Built by appending: GCC 12 at -O3 misreads the
// "'" + std::string form (an insert at the front) as an overlapping memcpy.
std::string quoted_key(std::string_view key) {
    std::string quoted = "'";
    quoted += shorten_value(key);
    quoted += "'";
    return quoted;
}

} // namespace

std::optional<SyntaxProblem> check_config_syntax(std::string_view text) {
    std::map<std::string_view, int> first_line; // key -> line it was first set on
    int number = 0;
    for (const std::string_view raw_line : text::split_lines(text)) {
        const std::string_view line = trim(raw_line);
        ++number;
        if (line.empty() || line.front() == '#' || line.front() == ';') {
            continue;
        }
        if (line.front() == '[') {
            if (line.back() != ']' || !is_bare_key(trim(line.substr(1, line.size() - 2)))) {
                return SyntaxProblem{number, "a malformed [section] line"};
            }
            continue;
        }
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            return SyntaxProblem{number, "expected 'key = value'"};
        }
        const std::string_view key = trim(line.substr(0, equals));
        if (!is_bare_key(key)) {
            return SyntaxProblem{number, "a key must be letters, digits, '-' or '_'"};
        }
        const std::string_view value = trim(line.substr(equals + 1));
        if (auto problem = check_value(value)) {
            return SyntaxProblem{number, *problem};
        }
        // Every option takes one value; CLI11 would merge a repeated key or an
        // array into several values, which some options quietly join.
        if (value.front() == '[') {
            return SyntaxProblem{number, quoted_key(key) + " takes one value, not an array"};
        }
        if (const auto [first, inserted] = first_line.emplace(key, number); !inserted) {
            return SyntaxProblem{number, quoted_key(key) + " is set twice (first on line " +
                                             std::to_string(first->second) + ")"};
        }
    }
    return std::nullopt;
}

int find_key_line(std::string_view text, std::string_view key) {
    int number = 0;
    for (const std::string_view raw_line : text::split_lines(text)) {
        const std::string_view line = trim(raw_line);
        ++number;
        const std::size_t equals = line.find('=');
        if (equals != std::string_view::npos && trim(line.substr(0, equals)) == key) {
            return number;
        }
        if (equals == std::string_view::npos && line == key) {
            return number;
        }
    }
    return 0;
}

std::optional<ValueSpan> find_value(std::string_view text, std::string_view key) {
    for (const std::string_view raw_line : text::split_lines(text)) {
        const std::string_view line = trim(raw_line);
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos || trim(line.substr(0, equals)) != key) {
            continue;
        }
        std::string_view value = trim(line.substr(equals + 1));
        if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
            const std::size_t close = value.find(value.front(), 1);
            value = value.substr(1, close == std::string_view::npos ? close : close - 1);
        } else {
            value = trim(value.substr(0, value.find('#')));
        }
        return ValueSpan{static_cast<std::size_t>(value.data() - text.data()), value.size()};
    }
    return std::nullopt;
}

} // namespace zoomqos::config
