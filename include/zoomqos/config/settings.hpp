#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Resolved settings, each remembering where its value came from, and the
// checks on the config file that CLI11's lenient reader does not make.
// Precedence: flags > environment > config file > defaults.
namespace zoomqos::config {

enum class SourceKind { Flag, Env, Config, Default };

struct Source {
    SourceKind kind = SourceKind::Default;
    std::string detail; // the variable's name, or the config file's path

    // "flag", "env ZOOM_API_URL", "config /home/me/.config/zoomqos/config.toml", "default"
    std::string describe() const;
};

// The highest-precedence source that has a value. An empty variable counts
// as unset, as for ZOOM_ACCESS_TOKEN.
SourceKind pick_source(bool flag_given, const char* env_value, bool in_config);

struct Setting {
    std::string name;  // the long option name, which is also the config key
    std::string value; // for a secret, "***" when it is set: never the secret itself
    Source source;
    bool secret = false; // shown as "***"

    // The value as `config show` prints it: secrets masked, control
    // characters replaced.
    std::string display_value() const;
};

const Setting* find_setting(const std::vector<Setting>& settings, std::string_view name);

// "$XDG_CONFIG_HOME/zoomqos/config.toml", else "$HOME/.config/zoomqos/config.toml";
// "" when neither is usable (relative XDG paths are ignored).
std::string default_config_path(const char* xdg_config_home, const char* home);

// A config file is a few settings: past this size it is refused unread.
constexpr std::size_t kMaxConfigFileBytes = std::size_t{1024} * 1024;

// A value (or key) as an error message echoes it: at most 80 characters,
// then "...", so that a huge value cannot flood the terminal.
std::string shorten_value(std::string_view value);

struct SyntaxProblem {
    int line = 0; // 1-based
    std::string what;
};

// The first line that is not blank, a comment, a [section] or `key = value`
// with a bare key and a complete value (a quoted string or a bare word), or
// that sets a key set before or to an array. CLI11 would read such a line as
// something else, or merge it, instead of refusing it.
std::optional<SyntaxProblem> check_config_syntax(std::string_view text);

// The 1-based line on which `key` is assigned, or 0. CLI11 reports an unknown
// key without its line.
int find_key_line(std::string_view text, std::string_view key);

// Where `key`'s value is in `text` (a file check_config_syntax accepted): the
// characters inside the quotes of a quoted string, else the bare word before
// any comment. The client secret is taken from there and blanked out before
// CLI11 reads the file, so that no copy of it is made on the way.
struct ValueSpan {
    std::size_t offset = 0;
    std::size_t size = 0;
};
std::optional<ValueSpan> find_value(std::string_view text, std::string_view key);

} // namespace zoomqos::config
