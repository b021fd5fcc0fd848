#include "options.hpp"

#include <chrono>
#include <cmath>

#include "zoomqos/api/rate_limit.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

// Zoom's IDs are numbers or 22-to-44-character UUIDs; anything this long is
// a mistake (a pasted file, say) and would only earn an HTTP 414.
constexpr std::size_t kMaxIdLength = 512;

void add_credential_options(CLI::App& command, ConnectionOptions& options) {
    command
        .add_option("--oauth-url", options.oauth_url,
                    "Zoom OAuth base URL for Server-to-Server OAuth (env ZOOM_OAUTH_URL)")
        ->type_name("URL")
        ->capture_default_str();
    command
        .add_option("--account-id", options.account_id,
                    "Server-to-Server OAuth account ID (env ZOOM_ACCOUNT_ID)")
        ->type_name("ID");
    command
        .add_option("--client-id", options.client_id,
                    "Server-to-Server OAuth client ID (env ZOOM_CLIENT_ID)")
        ->type_name("ID");
    command
        .add_option("--client-secret-file", options.client_secret_file,
                    "Read the client secret from the first line of this file "
                    "(default: env ZOOM_CLIENT_SECRET, or client-secret in the config file)")
        ->type_name("PATH");
    command.add_flag("--no-cache", options.no_cache,
                     "Neither read nor write the token cache (~/.cache/zoomqos)");
    command
        .add_option("--config", options.config_file,
                    "Config file (default: $XDG_CONFIG_HOME/zoomqos/config.toml)")
        ->type_name("PATH");
}

} // namespace

CLI::Validator finite_number() {
    // CLI::Range lets NaN through (every comparison with it is false).
    return CLI::Validator(
        [](std::string& input) -> std::string {
            double value = 0;
            if (CLI::detail::lexical_cast(input, value) && !std::isfinite(value)) {
                return "not a finite number: " + input;
            }
            return {};
        },
        "", "FINITE");
}

std::string setting_origin(const ConnectionOptions& options, const std::string& name) {
    const config::Setting* setting = config::find_setting(options.settings, name);
    if (setting == nullptr) {
        return "--" + name;
    }
    switch (setting->source.kind) {
    case config::SourceKind::Env:
        return setting->source.detail;
    case config::SourceKind::Config:
        return name + " in " + setting->source.detail;
    default:
        return "--" + name;
    }
}

void add_connection_options(CLI::App& command, ConnectionOptions& options) {
    // No CLI11 envname(): resolve_settings() applies ZOOM_API_URL so that the
    // environment beats the config file.
    command
        .add_option("--api-url", options.api_url,
                    "Zoom API base URL (env ZOOM_API_URL; default: the api_url of a minted "
                    "token, else this)")
        ->type_name("URL")
        ->capture_default_str();
    command
        .add_option("--token-file", options.token_file,
                    "Read the access token from the first line of this file "
                    "(default: env ZOOM_ACCESS_TOKEN)")
        ->type_name("PATH");
    command
        .add_option("--timeout", options.timeout_seconds,
                    "Seconds allowed for the whole request, all attempts and backoff waits "
                    "included (Retry-After waits are bounded by --max-wait instead)")
        ->check(finite_number())
        ->check(CLI::Range(0.1, 86400.0))
        ->type_name("SECONDS")
        ->capture_default_str();
    command
        .add_option("--retries", options.retries,
                    "Retries after a 429, a 5xx or a failed connection; 0 disables them")
        ->check(CLI::Range(0, 10))
        ->type_name("N")
        ->capture_default_str();
    command
        .add_option("--max-wait", options.max_wait_seconds,
                    "Longest Retry-After to wait out; a longer one ends with exit 5 at once")
        ->check(finite_number())
        ->check(CLI::Range(0.0, 86400.0))
        ->type_name("SECONDS")
        ->capture_default_str();
    command
        .add_option("--max-body", options.max_body,
                    "Largest response body accepted, in bytes (a plain count); larger ones are "
                    "cut off while downloading (exit 7)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40U))
        ->type_name("BYTES")
        ->capture_default_str();
    command
        .add_option("--cacert", options.cacert,
                    "PEM file of the CA certificates to trust instead of the system's (default: "
                    "env CURL_CA_BUNDLE, then SSL_CERT_FILE)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE");
    command.add_flag("-v,--verbose", options.verbose,
                     "Log requests, responses and timing to stderr (tokens redacted)");
    add_credential_options(command, options);
}

http::RetryPolicy retry_policy(const ConnectionOptions& options) {
    http::RetryPolicy policy;
    policy.retries = options.retries;
    policy.max_wait =
        std::chrono::milliseconds(static_cast<long long>(options.max_wait_seconds * 1000.0));
    policy.rate_limit = api::zoom_rate_limit_classifier();
    policy.per_second_limit = api::zoom_per_second_limit;
    return policy;
}

void apply_connection_options(const ConnectionOptions& options, http::Request& request) {
    request.timeout =
        std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000.0));
    request.max_body = options.max_body;
    request.ca_file = options.cacert;
}

void add_pacing_options(CLI::App& command, PacingOptions& options, bool concurrent) {
    command
        .add_option("--rate", options.rate,
                    "Requests per second, for all requests of the run together (10: Zoom's "
                    "Heavy limit on Pro accounts; Business and up allow 40)")
        ->check(finite_number())
        ->check(CLI::Range(0.1, 1000.0))
        ->type_name("N")
        ->capture_default_str();
    if (concurrent) {
        command
            .add_option("--concurrency", options.concurrency,
                        "Requests in flight at once: several participants (get) or events (sweep)")
            ->check(CLI::Range(1, 32))
            ->type_name("N")
            ->capture_default_str();
    }
    command.add_flag("-q,--quiet", options.quiet,
                     "No progress or status line on stderr (shown only on a terminal: on long "
                     "runs, and while a watch waits)");
}

void add_page_options(CLI::App& command, PageOptions& options) {
    command
        .add_option("--page-size", options.page_size,
                    "Participants per request (Zoom documents at most 10)")
        ->check(CLI::Range(1, 300))
        ->type_name("N")
        ->capture_default_str();
    command.add_option("--limit", options.limit, "Stop after N participants")
        ->check(CLI::Range(1LL, 1LL << 40U))
        ->type_name("N");
}

bool show_progress(const PacingOptions& options, const Streams& streams) {
    return !options.quiet && streams.err_tty;
}

void add_output_option(CLI::App& command, render::Format& format, const OutputChoice& choice) {
    Choices<render::Format> choices;
    for (const render::Format each : choice.formats) {
        choices.emplace_back(std::string(render::format_name(each)), each);
    }
    CLI::Option* output = add_choice(command, "-o,--output", format, choices, choice.description);
    if (choice.json_flag) {
        command
            .add_flag_callback(
                "--json", [&format] { format = render::Format::Json; }, "Short for --output json")
            ->excludes(output);
    }
}

Status check_id(const std::string& id, std::string_view what) {
    if (text::is_blank(id)) {
        return make_error(ErrorKind::Usage, std::string(what) + " ID is empty");
    }
    if (id.size() > kMaxIdLength) {
        return make_error(ErrorKind::Usage, std::string(what) + " ID is " +
                                                std::to_string(id.size()) +
                                                " bytes long; Zoom IDs are far shorter (at most " +
                                                std::to_string(kMaxIdLength) + " accepted)");
    }
    return Ok{};
}

std::string exit_codes_help() {
    return "Exit codes: 0 ok, 1 Zoom API or internal error, 2 usage, 3 authentication, "
           "4 not found, 5 rate limited, 6 network, 7 invalid response, 8 a --fail-on rule "
           "breached, 129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM, 141 output closed.\n";
}

} // namespace zoomqos::cli
