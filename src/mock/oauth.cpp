#include "oauth.hpp"

#include <random>
#include <utility>

#include <nlohmann/json.hpp>

namespace zoomqos::mock {

namespace {

using Json = nlohmann::ordered_json;

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

} // namespace zoomqos::mock
