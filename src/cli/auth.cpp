#include <cstdlib>
#include <ctime>
#include <sstream>

#include <nlohmann/json.hpp>

#include "zoomqos/api/url.hpp"
#include "zoomqos/auth/cache.hpp"
#include "zoomqos/http/client.hpp"

#include "commands.hpp"

namespace zoomqos::cli {

namespace {

std::string source_of(const ConnectionOptions& options, const char* name) {
    const config::Setting* setting = config::find_setting(options.settings, name);
    return setting != nullptr ? setting->source.describe() : "default";
}

std::string iso_utc(std::int64_t seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::gmtime_r(&time, &parts);
    char text[32];
    if (std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) {
        return "(unknown time)";
    }
    return text;
}

std::vector<std::string> split_scopes(const std::string& scope) {
    std::vector<std::string> scopes;
    std::istringstream words(scope);
    for (std::string word; words >> word;) {
        scopes.push_back(word);
    }
    return scopes;
}

} // namespace

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

Result<auth::Credentials> resolve_run_credentials(const ConnectionOptions& options) {
    auth::S2SInputs inputs;
    inputs.account_id = options.account_id;
    inputs.client_id = options.client_id;
    inputs.client_secret = options.client_secret;
    inputs.account_id_source = source_of(options, "account-id");
    inputs.client_id_source = source_of(options, "client-id");
    inputs.secret_source = source_of(options, "client-secret");
    if (inputs.secret_source == "flag" && options.client_secret_file) {
        inputs.secret_source = "--client-secret-file " + *options.client_secret_file;
    }
    auto credentials =
        auth::resolve_credentials(options.token_file, std::getenv("ZOOM_ACCESS_TOKEN"), inputs);
    if (credentials && !credentials->static_token) {
        // Only checked when it is used: a static token needs no OAuth URL.
        auto oauth_url =
            api::validate_base_url(options.oauth_url, setting_origin(options, "oauth-url"));
        if (!oauth_url) {
            return std::move(oauth_url).error();
        }
        credentials->s2s.oauth_url = std::move(oauth_url).value();
    }
    return credentials;
}

auth::TokenProviderOptions token_provider_options(const ConnectionOptions& options) {
    auth::TokenProviderOptions provider;
    provider.cache_directory =
        auth::cache_directory(std::getenv("XDG_CACHE_HOME"), std::getenv("HOME"));
    provider.use_cache = !options.no_cache;
    provider.retry = retry_policy(options);
    provider.timeout =
        std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000.0));
    return provider;
}

Result<std::string> api_base_url(const ConnectionOptions& options, const auth::AccessToken& token) {
    if (!options.api_url_given && token.minted && !token.minted->api_url.empty()) {
        std::string url = token.minted->api_url;
        while (!url.empty() && url.back() == '/') {
            url.pop_back();
        }
        return api::validate_base_url(url + "/v2", "the api_url of the token response");
    }
    return api::validate_base_url(options.api_url, setting_origin(options, "api-url"));
}

CLI::App* add_auth_command(CLI::App& app, AuthStatusOptions& options) {
    CLI::App* auth = app.add_subcommand("auth", "Check credentials");
    auth->require_subcommand(1);
    CLI::App* status = auth->add_subcommand(
        "status", "Say where credentials come from, get a token (from the cache or minted) and "
                  "show its expiry, API URL and scopes; exit 3 when it cannot read QoS");
    status->add_option("-o,--output", options.output, "Output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    add_connection_options(*status, options.connection);
    return status;
}

Status run_auth_status(const AuthStatusOptions& options, const Streams& streams) {
    auto credentials = resolve_run_credentials(options.connection);
    if (!credentials) {
        return std::move(credentials).error();
    }
    std::ostream* log = options.connection.verbose ? &streams.err : nullptr;
    http::Client client(log);
    auth::TokenProvider provider(credentials.value(), token_provider_options(options.connection),
                                 client, log);
    auto token = provider.token();
    if (!token) {
        return std::move(token).error();
    }
    auto base = api_base_url(options.connection, *token);
    if (!base) {
        return std::move(base).error();
    }

    const bool known_scopes = token->minted.has_value();
    const std::vector<std::string> scopes =
        known_scopes ? split_scopes(token->minted->scope) : std::vector<std::string>{};
    const bool qos_scope = known_scopes && auth::has_qos_scope(token->minted->scope);
    const std::int64_t now = auth::unix_now();

    if (options.output == "json") {
        nlohmann::ordered_json json;
        json["credentials"] = credentials->source;
        json["token_source"] = token->source;
        json["expires_at"] = known_scopes
                                 ? nlohmann::ordered_json(iso_utc(token->minted->expires_at))
                                 : nlohmann::ordered_json(nullptr);
        json["expires_in_seconds"] = known_scopes
                                         ? nlohmann::ordered_json(token->minted->expires_at - now)
                                         : nlohmann::ordered_json(nullptr);
        json["api_url"] = *base;
        json["scopes"] =
            known_scopes ? nlohmann::ordered_json(scopes) : nlohmann::ordered_json(nullptr);
        json["qos_scope"] =
            known_scopes ? nlohmann::ordered_json(qos_scope) : nlohmann::ordered_json(nullptr);
        streams.out << json.dump(2) << "\n";
    } else {
        streams.out << "Credentials  " << credentials->source << "\n";
        streams.out << "Token        " << token->source << "\n";
        if (known_scopes) {
            streams.out << "Expires      " << iso_utc(token->minted->expires_at) << " (in "
                        << (token->minted->expires_at - now) << " s)\n";
        } else {
            streams.out << "Expires      unknown (a static token)\n";
        }
        streams.out << "API URL      " << *base << "\n";
        if (known_scopes) {
            streams.out << "Scopes       " << (scopes.empty() ? "(none)" : token->minted->scope)
                        << "\n";
            streams.out << "QoS scope    "
                        << (qos_scope ? "yes"
                                      : "MISSING: add dashboard_webinars:read:admin, "
                                        "dashboard_meetings:read:admin or a "
                                        "dashboard:read:* scope to the app")
                        << "\n";
        } else {
            streams.out << "Scopes       unknown (a static token)\n";
        }
    }
    if (known_scopes && !qos_scope) {
        Error error = make_error(ErrorKind::Auth,
                                 "the token lacks the dashboard scope the QoS endpoints need");
        error.hint = "add dashboard_webinars:read:admin (meetings: dashboard_meetings:read:admin) "
                     "to the Server-to-Server OAuth app, then run with --no-cache";
        return error;
    }
    return Ok{};
}

} // namespace zoomqos::cli
