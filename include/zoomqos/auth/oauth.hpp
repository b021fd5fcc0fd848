#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/retry.hpp"

// Server-to-Server OAuth: trading an app's account ID, client ID and client
// secret for a one-hour access token (POST {oauth-url}/oauth/token).
namespace zoomqos::auth {

struct S2SCredentials {
    std::string oauth_url; // validated, no trailing '/', e.g. "https://zoom.us"
    std::string account_id;
    std::string client_id;
    // Never logged, never printed, never copied: it points into the one
    // process::Secret the caller holds for the whole run.
    std::string_view client_secret;
    std::string
        secret_source; // "env ZOOM_CLIENT_SECRET", "config PATH", "--client-secret-file PATH"
};

// A minted (or cached) token and what came with it.
struct MintedToken {
    std::string access_token;
    std::int64_t expires_at = 0; // Unix seconds
    std::string scope;           // space-separated, as Zoom sends it
    std::string api_url;         // the account's API host, "" if Zoom sent none
};

// "grant_type=account_credentials&account_id=<id, percent-encoded>"
std::string token_request_body(std::string_view account_id);

// The request that mints a token; the secret travels only as Basic auth.
http::Request token_request(const S2SCredentials& credentials, std::chrono::milliseconds timeout);

// Why a token response's api_url cannot be the API base ("" is fine: Zoom
// sent none), or nothing when it can.
std::optional<std::string> api_url_problem(std::string_view api_url);

// Reads Zoom's answer to the token request. 200 with a usable access_token
// is a token; 400/401 ({"reason", "error"}) is ErrorKind::Auth naming the
// credential to check; anything else keeps its usual kind. `now` is Unix
// seconds. No message ever holds the secret or a token.
Result<MintedToken> parse_token_response(const http::Response& response,
                                         const S2SCredentials& credentials, std::int64_t now);

// Mints one token over `client`, retried by `policy` like any request.
Result<MintedToken> mint_token(http::Client& client, const S2SCredentials& credentials,
                               std::chrono::milliseconds timeout, std::int64_t now,
                               const http::RetryPolicy& policy, std::ostream* log);

} // namespace zoomqos::auth

namespace zoomqos::auth {

// Whether a space-separated scope list lets a token read QoS:
// dashboard_webinars:read:admin, dashboard_meetings:read:admin or a granular
// dashboard:read:* scope.
bool has_qos_scope(std::string_view scope);

} // namespace zoomqos::auth
