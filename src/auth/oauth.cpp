#include "zoomqos/auth/oauth.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "zoomqos/api/url.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::auth {

namespace {

// Zoom's "reason" goes into our one-line message: keep it printable, short,
// and free of the secret should a server ever echo it back.
std::string sanitize(std::string text, const S2SCredentials& credentials) {
    if (!credentials.client_secret.empty()) {
        for (auto at = text.find(credentials.client_secret); at != std::string::npos;
             at = text.find(credentials.client_secret)) {
            text.replace(at, credentials.client_secret.size(), "***");
        }
    }
    constexpr std::size_t kMaxBytes = 200;
    return text::printable(text, kMaxBytes);
}

bool has_control_characters(const std::string& text) {
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<std::string> api_url_problem(std::string_view api_url) {
    if (api_url.empty()) {
        return std::nullopt;
    }
    std::string url(api_url);
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    auto base = api::validate_base_url(url + "/v2", "api_url");
    if (!base) {
        return base.error().message;
    }
    return std::nullopt;
}

std::string token_request_body(std::string_view account_id) {
    return "grant_type=account_credentials&account_id=" + api::encode_segment(account_id);
}

http::Request token_request(const S2SCredentials& credentials, std::chrono::milliseconds timeout) {
    http::Request request;
    request.method = http::Method::Post;
    request.url = credentials.oauth_url + "/oauth/token";
    request.basic_auth = http::BasicAuth{credentials.client_id, credentials.client_secret};
    request.form_body = token_request_body(credentials.account_id);
    request.timeout = timeout;
    request.max_body = std::size_t{1024} * 1024U;
    return request;
}

Result<MintedToken> parse_token_response(const http::Response& response,
                                         const S2SCredentials& credentials, std::int64_t now) {
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(response.body.view());
    } catch (const nlohmann::json::exception&) {
        body = nullptr;
    }
    // Zoom's OAuth server answers a refusal with {"reason", "error"}. A 404,
    // or a 401 in another shape (the API's {"code", "message"} when the URL
    // points at the API host), means the request reached something else.
    const bool oauth_shaped =
        body.is_object() && body.contains("error") && body["error"].is_string();
    if (response.status == 404 || (response.status == 401 && !oauth_shaped)) {
        Error error = make_error(ErrorKind::Auth, "the token request to " + credentials.oauth_url +
                                                      "/oauth/token was not answered by an "
                                                      "OAuth server");
        error.http_status = response.status;
        error.hint = "check the OAuth URL (ZOOM_OAUTH_URL or --oauth-url): it is Zoom's OAuth "
                     "host, https://zoom.us by default, not the API URL";
        return error;
    }
    if (response.status == 400 || response.status == 401) {
        std::string reason;
        std::string code;
        if (body.is_object()) {
            if (body.contains("reason") && body["reason"].is_string()) {
                reason = body["reason"].get<std::string>();
            }
            if (body.contains("error") && body["error"].is_string()) {
                code = body["error"].get<std::string>();
            }
        }
        std::string message = "the token request to " + credentials.oauth_url + " was refused";
        if (!reason.empty()) {
            message += ": " + sanitize(reason, credentials);
        }
        Error error = make_error(ErrorKind::Auth, std::move(message));
        error.http_status = response.status;
        // Zoom says invalid_client for a wrong client ID or secret and
        // invalid_request for an unknown account.
        if (code == "invalid_client" || response.status == 401) {
            error.hint = "check the client ID (" + credentials.client_id +
                         ") and the client secret (from " + credentials.secret_source + ")";
        } else {
            error.hint = "check the account ID (" + credentials.account_id +
                         ") and that the Server-to-Server OAuth app is activated";
        }
        return error;
    }
    if (response.status != 200) {
        Error error = make_error(response.status >= 500 ? ErrorKind::Network : ErrorKind::Api,
                                 "the token request to " + credentials.oauth_url + " failed");
        error.http_status = response.status;
        return error;
    }
    auto invalid = [&](const std::string& what) {
        Error error = make_error(ErrorKind::InvalidResponse,
                                 "the token response from " + credentials.oauth_url + " " + what);
        error.http_status = response.status;
        return error;
    };
    if (!body.is_object()) {
        return invalid("is not a JSON object");
    }
    const auto token = body.find("access_token");
    if (token == body.end() || !token->is_string() || token->get<std::string>().empty()) {
        return invalid("has no access_token");
    }
    MintedToken minted;
    minted.access_token = token->get<std::string>();
    // A bearer token is one word (RFC 6750); the cache refuses anything else.
    if (has_control_characters(minted.access_token) ||
        minted.access_token.find(' ') != std::string::npos) {
        return invalid("has an access_token with spaces or control characters");
    }
    const auto expires_in = body.find("expires_in");
    if (expires_in == body.end() || !expires_in->is_number_integer() ||
        expires_in->get<std::int64_t>() < 0 ||
        expires_in->get<std::int64_t>() > std::int64_t{366} * 86400) {
        return invalid("has no valid expires_in");
    }
    minted.expires_at = now + expires_in->get<std::int64_t>();
    if (const auto scope = body.find("scope"); scope != body.end() && scope->is_string()) {
        minted.scope = scope->get<std::string>();
    }
    if (const auto api = body.find("api_url"); api != body.end()) {
        if (!api->is_string()) {
            return invalid("has an api_url that is not a string");
        }
        minted.api_url = api->get<std::string>();
        // Checked here, before the token is cached: a cached token with an
        // unusable api_url would fail every run until it expires.
        if (auto why = api_url_problem(minted.api_url)) {
            return invalid("has an unusable " + sanitize(*why, credentials));
        }
    }
    return minted;
}

Result<MintedToken> mint_token(http::Client& client, const S2SCredentials& credentials,
                               std::chrono::milliseconds timeout, std::int64_t now,
                               const http::RetryPolicy& policy, std::ostream* log) {
    auto response =
        http::perform_with_retries(client, token_request(credentials, timeout), policy, log);
    if (!response) {
        return std::move(response).error();
    }
    return parse_token_response(*response, credentials, now);
}

} // namespace zoomqos::auth

namespace zoomqos::auth {

bool has_qos_scope(std::string_view scope) {
    std::size_t start = 0;
    while (start < scope.size()) {
        const std::size_t end = std::min(scope.find(' ', start), scope.size());
        const std::string_view word = scope.substr(start, end - start);
        if (word == "dashboard_webinars:read:admin" || word == "dashboard_meetings:read:admin" ||
            word.rfind("dashboard:read:", 0) == 0) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

} // namespace zoomqos::auth
