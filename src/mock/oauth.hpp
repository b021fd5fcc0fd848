#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "httplib_fwd.hpp"

// The mock's Server-to-Server OAuth: POST /oauth/token and the bearer-token
// check in front of the API. TokenIssuer itself works without the HTTP.
namespace zoomqos::mock {

struct OAuthOptions {
    std::string account_id = "mock-account";
    std::string client_id = "mock-client";
    std::string client_secret = "mock-secret";
    int token_ttl_seconds = 3599; // Zoom's tokens live one hour
    std::string scopes = "dashboard_webinars:read:admin dashboard_meetings:read:admin";
};

enum class TokenCheck { Valid, Unknown, Expired };

class TokenIssuer {
public:
    struct Reply {
        int status = 200;
        std::string body; // JSON
    };

    explicit TokenIssuer(OAuthOptions options);

    // POST /oauth/token. `authorization` is the raw header value (if any),
    // `api_root` what the reply's api_url should say.
    Reply mint(const std::optional<std::string>& authorization, const std::string& grant_type,
               const std::string& account_id, const std::string& api_root);

    TokenCheck check(const std::string& token) const;

    // Every token minted so far is answered 401 / 124 from now on, as Zoom
    // does for an expired or revoked one.
    void revoke_all();

    std::size_t minted() const;
    std::size_t revoked() const;

private:
    struct Issued {
        std::chrono::steady_clock::time_point expires;
        bool revoked = false;
    };
    OAuthOptions options_;
    mutable std::mutex mutex_;
    std::map<std::string, Issued> tokens_;
    std::size_t minted_ = 0;
    std::size_t revoked_ = 0;
};

// RFC 4648 base64 decoding; none for malformed input.
std::optional<std::string> base64_decode(const std::string& text);

// Answers POST /oauth/token; other methods get 405.
void serve_token(TokenIssuer& issuer, const httplib::Request& req, httplib::Response& res,
                 const std::string& api_root);

// Whether the request's bearer token is `static_token` (--token) or one the
// issuer minted and still honours; answers 401 / 124 when it is neither.
bool check_credentials(const httplib::Request& req, const std::string& static_token,
                       const TokenIssuer& issuer, httplib::Response& res);

// "Bearer", "Basic" or "other": the Authorization header's scheme, for the
// request log. Only the scheme's name is ever recorded, and only a known one:
// a malformed header could be nothing but the credential itself.
std::optional<std::string> authorization_scheme(const httplib::Request& req);

} // namespace zoomqos::mock
