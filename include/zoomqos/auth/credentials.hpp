#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "zoomqos/auth/oauth.hpp"
#include "zoomqos/auth/token.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/retry.hpp"

// Which credential a run uses, and the token it yields: --token-file beats
// ZOOM_ACCESS_TOKEN beats Server-to-Server OAuth credentials. Only one source
// is ever used.
namespace zoomqos::auth {

// The S2S parts as the config module resolved them; empty = not set.
struct S2SInputs {
    std::string oauth_url;
    std::string account_id;
    std::string client_id;
    std::string_view client_secret; // borrowed from the caller's process::Secret
    std::string account_id_source;  // "flag", "env ZOOM_ACCOUNT_ID", "config PATH"
    std::string client_id_source;
    std::string secret_source;
};

struct Credentials {
    std::optional<Token> static_token; // set: a static token is used
    S2SCredentials s2s;                // otherwise these
    std::string source;                // for -v and auth status; never a value
};

Result<Credentials> resolve_credentials(const std::optional<std::string>& token_file,
                                        const char* env_token, const S2SInputs& s2s);

// A usable access token and where it came from.
struct AccessToken {
    std::string value;
    std::string source;                // "env ZOOM_ACCESS_TOKEN", "cache", "minted", ...
    bool refreshable = false;          // minted or cached: a 401 may be answered by minting anew
    std::optional<MintedToken> minted; // expiry, scope, api_url when known
};

struct TokenProviderOptions {
    std::string cache_directory; // "" = no cache
    bool use_cache = true;       // --no-cache
    std::chrono::milliseconds timeout{30'000};
    http::RetryPolicy retry; // the token request retries like every other request
};

// Gives out the token for one run: a static one as is; for S2S the cached
// token while it is fresh, else a newly minted one (then cached).
class TokenProvider {
public:
    TokenProvider(Credentials credentials, TokenProviderOptions options, http::Client& client,
                  std::ostream* log);

    Result<AccessToken> token();

    // After a 401: forget the cached token and mint one new token. Only for
    // refreshable tokens; callers retry their request once with it.
    Result<AccessToken> refresh();

    const Credentials& credentials() const noexcept { return credentials_; }
    // Tokens this provider has minted (not those read from the cache).
    long minted() const noexcept { return minted_; }

private:
    Result<AccessToken> mint();
    std::string cache_path() const;

    Credentials credentials_;
    TokenProviderOptions options_;
    http::Client& client_;
    std::ostream* log_;
    long minted_ = 0;
};

std::int64_t unix_now();

} // namespace zoomqos::auth
