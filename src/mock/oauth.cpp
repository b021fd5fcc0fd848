#include "oauth.hpp"

#include <random>
#include <utility>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "reply.hpp"
#include "text.hpp"

// The mock's Server-to-Server OAuth: the token endpoint and the credential check.
namespace zoomqos::mock {

namespace {

// Zoom's OAuth errors are not its API errors: {"reason", "error"}, not
// {"code", "message"}.
TokenIssuer::Reply oauth_error(int status, const char* reason, const char* error) {
    return {status, Json{{"reason", reason}, {"error", error}}.dump()};
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

// Random so that a token from one mock run never works against another.
std::string random_hex(std::size_t digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::random_device device;
    std::string out;
    for (std::size_t i = 0; i < digits; ++i) {
        out += kDigits[device() % 16U];
    }
    return out;
}

// The scheme name is case-insensitive (RFC 9110); the token is not.
bool has_token(const httplib::Request& req, const std::string& token) {
    const std::string value = req.get_header_value("Authorization");
    const std::string prefix = "bearer ";
    return value.size() == prefix.size() + token.size() &&
           lowercase(std::string_view(value).substr(0, prefix.size())) == prefix &&
           value.compare(prefix.size(), std::string::npos, token) == 0;
}

// The credential after "Bearer ", or "" when there is none.
std::string bearer_token(const httplib::Request& req) {
    const std::string value = req.get_header_value("Authorization");
    const std::string prefix = "bearer ";
    if (value.size() <= prefix.size() || lowercase(value.substr(0, prefix.size())) != prefix) {
        return {};
    }
    return value.substr(prefix.size());
}

} // namespace

std::optional<std::string> base64_decode(const std::string& text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out;
    unsigned bits = 0;
    int count = 0;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=') {
            // Padding only at the very end, at most two.
            if (i + 2 < text.size()) {
                return std::nullopt;
            }
            ++padding;
            continue;
        }
        if (padding > 0) {
            return std::nullopt;
        }
        const int value = base64_value(text[i]);
        if (value < 0) {
            return std::nullopt;
        }
        bits = (bits << 6U) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> static_cast<unsigned>(count)) & 0xFFU);
        }
    }
    return out;
}

TokenIssuer::TokenIssuer(OAuthOptions options) : options_(std::move(options)) {}

TokenIssuer::Reply TokenIssuer::mint(const std::optional<std::string>& authorization,
                                     const std::string& grant_type, const std::string& account_id,
                                     const std::string& api_root) {
    const std::string prefix = "Basic ";
    std::optional<std::string> credentials;
    if (authorization && authorization->compare(0, prefix.size(), prefix) == 0) {
        credentials = base64_decode(authorization->substr(prefix.size()));
    }
    if (!credentials || *credentials != options_.client_id + ":" + options_.client_secret) {
        return oauth_error(401, "Invalid client_id or client_secret", "invalid_client");
    }
    if (grant_type != "account_credentials") {
        return oauth_error(400, "unsupported grant type", "unsupported_grant_type");
    }
    if (account_id != options_.account_id) {
        return oauth_error(400, "Invalid account_id", "invalid_request");
    }
    const std::lock_guard lock(mutex_);
    ++minted_;
    std::string token = "mock-s2s-" + std::to_string(minted_) + "-" + random_hex(24);
    tokens_[token] = Issued{
        std::chrono::steady_clock::now() + std::chrono::seconds(options_.token_ttl_seconds), false};
    const Json body{{"access_token", token},
                    {"token_type", "bearer"},
                    {"expires_in", options_.token_ttl_seconds},
                    {"scope", options_.scopes},
                    {"api_url", api_root}};
    return {200, body.dump()};
}

TokenCheck TokenIssuer::check(const std::string& token) const {
    const std::lock_guard lock(mutex_);
    const auto found = tokens_.find(token);
    if (found == tokens_.end()) {
        return TokenCheck::Unknown;
    }
    if (found->second.revoked || std::chrono::steady_clock::now() >= found->second.expires) {
        return TokenCheck::Expired;
    }
    return TokenCheck::Valid;
}

void TokenIssuer::revoke_all() {
    const std::lock_guard lock(mutex_);
    for (auto& [token, issued] : tokens_) {
        if (!issued.revoked) {
            issued.revoked = true;
            ++revoked_;
        }
    }
}

std::size_t TokenIssuer::minted() const {
    const std::lock_guard lock(mutex_);
    return minted_;
}

std::size_t TokenIssuer::revoked() const {
    const std::lock_guard lock(mutex_);
    return revoked_;
}

// Zoom reads the grant from the form body or the query string alike;
// httplib puts both into req.params.
void serve_token(TokenIssuer& issuer, const httplib::Request& req, httplib::Response& res,
                 const std::string& api_root) {
    if (req.method != "POST") {
        send_method_not_allowed(res, req);
        return;
    }
    const TokenIssuer::Reply reply =
        issuer.mint(header(req, "Authorization"), req.get_param_value("grant_type"),
                    req.get_param_value("account_id"), api_root);
    send_json(res, reply.status, reply.body);
}

bool check_credentials(const httplib::Request& req, const std::string& static_token,
                       const TokenIssuer& issuer, httplib::Response& res) {
    if (has_token(req, static_token)) {
        return true;
    }
    const TokenCheck minted = issuer.check(bearer_token(req));
    if (minted == TokenCheck::Expired) {
        send_error(res, 401, 124, "Access token is expired.");
        return false;
    }
    if (minted != TokenCheck::Valid) {
        send_error(res, 401, 124, "Invalid access token.");
        return false;
    }
    return true;
}

std::optional<std::string> authorization_scheme(const httplib::Request& req) {
    const auto value = header(req, "Authorization");
    if (!value) {
        return std::nullopt;
    }
    const std::size_t space = value->find(' ');
    const std::string scheme = space == std::string::npos ? "" : lowercase(value->substr(0, space));
    if (scheme == "bearer") {
        return "Bearer";
    }
    if (scheme == "basic") {
        return "Basic";
    }
    return "other";
}

} // namespace zoomqos::mock
