#include "session.hpp"

#include <cstdlib>

#include "zoomqos/api/url.hpp"
#include "zoomqos/auth/cache.hpp"

namespace zoomqos::cli {

namespace {

std::string source_of(const ConnectionOptions& options, const char* name) {
    const config::Setting* setting = config::find_setting(options.settings, name);
    return setting != nullptr ? setting->source.describe() : "default";
}

} // namespace

Result<auth::Credentials> resolve_run_credentials(const ConnectionOptions& options) {
    auth::S2SInputs inputs;
    inputs.account_id = options.account_id;
    inputs.client_id = options.client_id;
    inputs.client_secret = options.client_secret.view();
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

Session::Session(const ConnectionOptions& options, double rate, auth::Credentials credentials,
                 std::ostream* log)
    : log_(log), client_(log),
      provider_(std::move(credentials), token_provider_options(options), client_, log),
      pacer_(rate), policy_(retry_policy(options)), options_(options) {}

Session::~Session() = default;

Result<std::unique_ptr<Session>> Session::open(const ConnectionOptions& options, double rate,
                                               std::ostream& err) {
    auto credentials = resolve_run_credentials(options);
    if (!credentials) {
        return std::move(credentials).error();
    }
    std::ostream* log = options.verbose ? &err : nullptr;
    if (log != nullptr) {
        *log << "* credentials: " << credentials->source << "\n";
    }
    std::unique_ptr<Session> session(
        new Session(options, rate, std::move(credentials).value(), log));
    auto token = session->provider_.token();
    if (!token) {
        return std::move(token).error();
    }
    session->token_ = std::move(token).value();
    auto base = api_base_url(options, session->token_);
    if (!base) {
        return std::move(base).error();
    }
    session->base_ = std::move(base).value();
    return session;
}

http::Request Session::request(std::string url) const {
    http::Request request;
    request.url = std::move(url);
    request.bearer_token = token_.value;
    apply_connection_options(options_, request);
    return request;
}

Result<std::string> Session::token_after_401(const std::string& used_token) {
    if (token_.value != used_token) {
        // Another request already replaced the token this one was sent with.
        return token_.value;
    }
    if (log_ != nullptr) {
        *log_ << "* HTTP 401: dropping the cached token, minting a new one, retrying once\n";
    }
    // On failure the old token stays: --watch polls again with it.
    auto refreshed = provider_.refresh();
    if (!refreshed) {
        return std::move(refreshed).error();
    }
    token_ = std::move(refreshed).value();
    return token_.value;
}

Result<http::Response> Session::get(const std::string& url, api::RequestContext context) {
    context.static_token = !token_.refreshable;
    http::Request attempt = request(url);
    auto response = http::perform_with_retries(client_, attempt, policy_, log_, &pacer_);
    if (!response) {
        return std::move(response).error();
    }
    if (response->status == 401 && token_.refreshable) {
        // Revoked or expired early: one fresh token, one more try. A second
        // 401 is reported as it is.
        auto fresh = token_after_401(attempt.bearer_token);
        if (!fresh) {
            return std::move(fresh).error();
        }
        attempt.bearer_token = std::move(fresh).value();
        response = http::perform_with_retries(client_, attempt, policy_, log_, &pacer_);
        if (!response) {
            return std::move(response).error();
        }
    }
    if (response->status != 200) {
        return api::error_from_response(*response, context);
    }
    return response;
}

} // namespace zoomqos::cli
