#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "zoomqos/config/settings.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/retry.hpp"
#include "zoomqos/process/secret.hpp"
#include "zoomqos/render/render.hpp"

#include "streams.hpp"

// The option groups commands share, each registered by one function, so that
// the same option means the same thing (name, range, help text) everywhere.
namespace zoomqos::cli {

// Options every command that talks to Zoom shares.
struct ConnectionOptions {
    std::string api_url = "https://api.zoom.us/v2";
    std::optional<std::string> token_file;
    double timeout_seconds = 30;
    bool verbose = false;
    // The network policy (http/retry.hpp): --retries, --max-wait, --max-body, --cacert.
    int retries = 3;
    double max_wait_seconds = 60;
    std::size_t max_body = std::size_t{64} * 1024U * 1024U;
    std::string cacert;
    // Server-to-Server OAuth and the config file.
    std::string oauth_url = "https://zoom.us";
    std::string account_id;
    std::string client_id;
    std::optional<std::string> client_secret_file;
    bool no_cache = false;
    std::optional<std::string> config_file;
    // Filled by resolve_settings() after parsing.
    process::Secret client_secret; // the one copy: never printed, wiped at the end
    std::vector<config::Setting> settings;
    bool api_url_given = false; // by flag, env or config: the token's api_url does not override it
};
// --api-url, --token-file, --timeout, --retries, --max-wait, --max-body,
// --cacert, -v, and the credential options (--oauth-url, --account-id,
// --client-id, --client-secret-file, --no-cache, --config).
void add_connection_options(CLI::App& command, ConnectionOptions& options);

// Who set a setting, for messages about its value: "--api-url",
// "ZOOM_API_URL", or "api-url in <config path>".
std::string setting_origin(const ConnectionOptions& options, const std::string& name);

// What every request of a command takes from the connection options: the
// retry policy, and timeout, size cap and CA file on `request`.
http::RetryPolicy retry_policy(const ConnectionOptions& options);
void apply_connection_options(const ConnectionOptions& options, http::Request& request);

// How a command that may make many requests paces and reports them.
struct PacingOptions {
    double rate = 10;    // requests per second: Zoom's Heavy limit on Pro accounts
    int concurrency = 4; // requests in flight at once, where a command runs several
    bool quiet = false;  // no progress display
};
// --rate and -q/--quiet; --concurrency too when `concurrent`.
void add_pacing_options(CLI::App& command, PacingOptions& options, bool concurrent);

// How list walks pages: --page-size, --limit.
struct PageOptions {
    int page_size = 10;
    std::optional<long long> limit;
};
void add_page_options(CLI::App& command, PageOptions& options);

// A progress display on stderr is for a person watching a terminal.
bool show_progress(const PacingOptions& options, const Streams& streams);

// An option whose value is one of a few words, bound to an enum: CLI11 checks
// the word and the callback stores the enum, so nothing parses it again. The
// word (not the enum) is what `config show` and the help text show.
template <typename Enum>
using Choices = std::vector<std::pair<std::string, Enum>>;

template <typename Enum>
CLI::Option* add_choice(CLI::App& command, const std::string& names, Enum& target,
                        const Choices<Enum>& choices, const std::string& description) {
    std::vector<std::string> words;
    std::string current;
    for (const auto& [word, value] : choices) {
        words.push_back(word);
        if (value == target) {
            current = word;
        }
    }
    return command
        .add_option_function<std::string>(
            names,
            [&target, choices](const std::string& word) {
                for (const auto& [name, value] : choices) {
                    if (name == word) {
                        target = value;
                    }
                }
            },
            description)
        ->check(CLI::IsMember(words))
        ->default_str(current);
}

// -o/--output with the formats a command prints, and --json for -o json.
struct OutputChoice {
    std::vector<render::Format> formats;
    std::string description = "Output format";
    bool json_flag = false;
};
void add_output_option(CLI::App& command, render::Format& format, const OutputChoice& choice);
// What get and list print.
inline const OutputChoice kParticipantOutput{
    {render::Format::Table, render::Format::Json, render::Format::Ndjson, render::Format::Csv,
     render::Format::Raw},
    "Output format (raw: the body as received; list: each page's on a line)",
    true};

// A check for floating-point options: CLI::Range alone lets "nan" through.
CLI::Validator finite_number();

// An ID that could not name anything (blank, or longer than any Zoom ID) is
// refused before any request. `what`: "webinar", "participant", ...
Status check_id(const std::string& id, std::string_view what);

// The exit codes, for the --help footers.
std::string exit_codes_help();

} // namespace zoomqos::cli
