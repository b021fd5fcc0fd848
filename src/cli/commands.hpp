#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zoomqos/auth/credentials.hpp"
#include "zoomqos/config/settings.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/http/retry.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"
#include "zoomqos/render/render.hpp"

// One subcommand a file: each registers its options on the parser and runs
// from the options it was given. Private to the cli module.
namespace zoomqos::cli {

// Where a command writes: data to `out`, diagnostics (-v, warnings) to `err`.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

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
    // Server-to-Server OAuth (auth.cpp) and the config file (config.cpp).
    std::string oauth_url = "https://zoom.us";
    std::string account_id;
    std::string client_id;
    std::optional<std::string> client_secret_file;
    bool no_cache = false;
    std::optional<std::string> config_file;
    // Filled by resolve_settings() after parsing.
    std::string client_secret; // never printed
    std::vector<config::Setting> settings;
    bool api_url_given = false; // by flag, env or config: the token's api_url does not override it
};
void add_connection_options(CLI::App& command, ConnectionOptions& options);

// A check for floating-point options: CLI::Range alone lets "nan" through.
CLI::Validator finite_number();

// Who set a setting, for messages about its value: "--api-url",
// "ZOOM_API_URL", or "api-url in <config path>".
std::string setting_origin(const ConnectionOptions& options, const std::string& name);

// What every request of a command takes from the connection options: the
// retry policy, and timeout, size cap and CA file on `request` (app.cpp).
http::RetryPolicy retry_policy(const ConnectionOptions& options);
void apply_connection_options(const ConnectionOptions& options, http::Request& request);

// --oauth-url, --account-id, --client-id, --client-secret-file, --no-cache,
// --config (auth.cpp); add_connection_options() calls it.
void add_credential_options(CLI::App& command, ConnectionOptions& options);

// After parsing: fills the options of `command` that no flag set from the
// environment, then from the config file (flags > env > config > defaults),
// records each setting's source in options.settings and resolves the client
// secret. Unknown keys and malformed files are usage errors naming file and
// line. Warns on `err` about a config file with a secret that others can read.
Status resolve_settings(const CLI::App& app, CLI::App& command, ConnectionOptions& options,
                        std::ostream& err);

// The credential this run uses (auth.cpp).
Result<auth::Credentials> resolve_run_credentials(const ConnectionOptions& options);
auth::TokenProviderOptions token_provider_options(const ConnectionOptions& options);

// The API base: the one the user set, else the token response's api_url
// (regional accounts) + "/v2", else the default.
Result<std::string> api_base_url(const ConnectionOptions& options, const auth::AccessToken& token);

struct AuthStatusOptions {
    ConnectionOptions connection;
    std::string output = "table";
};
CLI::App* add_auth_command(CLI::App& app, AuthStatusOptions& options);
Status run_auth_status(const AuthStatusOptions& options, const Streams& streams);

// How a command that may make many requests paces and reports them
// (--rate, --concurrency, --quiet).
struct PacingOptions {
    double rate = 10;    // requests per second: Zoom's Heavy limit on Pro accounts
    int concurrency = 4; // get with several participants only
    bool quiet = false;  // no progress display
};
// --rate and --quiet; --concurrency too when `concurrent`.
void add_pacing_options(CLI::App& command, PacingOptions& options, bool concurrent);

// A progress display on stderr is for a person watching a terminal.
bool show_progress(const PacingOptions& options);

struct GetOptions {
    ConnectionOptions connection;
    PacingOptions pacing;
    std::string event_id;
    // As given: IDs, and "-" for IDs read from stdin (read_participant_ids).
    std::vector<std::string> participant_ids;
    std::string type = "live";
    bool meeting = false;
    std::string output = "table";
    bool json = false;
    // At a glance (glance.cpp).
    bool samples = false;               // the per-sample table instead of the summary
    std::string thresholds;             // rules changing the default thresholds
    std::optional<std::string> fail_on; // rules that make the run exit 8
    bool annotate = false;              // -o json: a "breaches" array
    std::optional<double> watch_seconds;
};
// --type, --meeting, -o/--output, --json (get, list, config show).
void add_event_options(CLI::App& command, GetOptions& options);
CLI::App* add_get_command(CLI::App& app, GetOptions& options);
Status run_get(const GetOptions& options, const Streams& streams);

// The participant IDs of `get`: each argument, with "-" replaced by the lines
// of `in` (trimmed; blank lines and '#' comments skipped). Usage errors for an
// empty ID, a second "-", or no IDs at all.
Result<std::vector<std::string>> read_participant_ids(const std::vector<std::string>& arguments,
                                                      std::istream& in);

// --thresholds, --fail-on, --annotate (get and list), and with
// `single_participant` also --samples and --watch (get) (glance.cpp).
void add_glance_options(CLI::App& command, GetOptions& options, bool single_participant);

// What those options resolve to, checked against each other and the output
// format before any request (a bad combination or rule is a usage error).
struct Glance {
    std::vector<quality::Rule> thresholds;
    std::optional<std::vector<quality::Rule>> fail_on;
    std::optional<std::chrono::milliseconds> watch_interval;
};
Result<Glance> resolve_glance(const GetOptions& options, render::Format format);

// Prints the participant in `format` the way `get` does (summary or
// per-sample table, JSON with --annotate, NDJSON, CSV).
void render_participant(const GetOptions& options, const Glance& glance, render::Format format,
                        const render::Subject& subject, const model::Participant& participant,
                        std::ostream& out);

// With --fail-on: lists every breached rule on `err`, each line after
// "breach: " starting with `who` ("participant 123: " when there are many),
// and returns a Threshold error (exit 8); Ok otherwise.
Status check_fail_on(const Glance& glance, const model::Participant& participant, std::ostream& err,
                     const std::string& who = "");

// --watch after the first answer: polls with `fetch` (the same request, retries
// and token refresh as `get`) every interval and prints the samples newer than
// the last one printed, until SIGINT (Ok) or an error such as 404 (returned
// after what was seen is printed).
using FetchParticipant = std::function<Result<model::Participant>()>;
Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch,
             const Streams& streams);

// What get and list check before any credential is used: the event ID,
// the API URL, the output format and the glance options (usage errors).
struct OutputPlan {
    render::Format format;
    Glance glance;
};
Result<OutputPlan> check_run_options(const GetOptions& options);

// The participant as typed JSON, with a "breaches" array under --annotate.
model::Json participant_json(const GetOptions& options, const Glance& glance,
                             const model::Participant& participant);

// `get` with several participants, fetched concurrently (get_many.cpp).
class Session;
Status run_get_many(const GetOptions& options, const Glance& glance, render::Format format,
                    const std::vector<std::string>& participant_ids, Session& session,
                    const Streams& streams);

struct ListOptions {
    // The options list shares with get: --type, --meeting, -o, --json,
    // --thresholds, --fail-on, --annotate, the connection and --rate.
    GetOptions common;
    int page_size = 10;
    std::optional<long long> limit;
};
// --page-size, --limit (list, config show).
void add_page_options(CLI::App& command, ListOptions& options);
CLI::App* add_list_command(CLI::App& app, ListOptions& options);
Status run_list(const ListOptions& options, const Streams& streams);

// `config show` resolves every setting get and list take, as they would.
struct ConfigShowOptions {
    ListOptions run;
};
CLI::App* add_config_command(CLI::App& app, ConfigShowOptions& options);
Status run_config_show(const ConfigShowOptions& options, const Streams& streams);

} // namespace zoomqos::cli
