#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/auth/oauth.hpp"
#include "zoomqos/errors.hpp"

// The on-disk cache of minted tokens, so that a cron job running every minute
// mints one token an hour instead of sixty. One file per (oauth-url, account,
// client id) in a 0700 directory; each file 0600, replaced atomically, and
// trusted only for the same secret (its digest is in the file).
namespace zoomqos::auth {

// A token is reused only while it has more than this left.
constexpr std::int64_t kCacheMarginSeconds = 60;

// "$XDG_CACHE_HOME/zoomqos", else "$HOME/.cache/zoomqos"; "" when neither is
// set (then nothing is cached). Relative XDG paths are ignored, as the XDG
// spec says.
std::string cache_directory(const char* xdg_cache_home, const char* home);

// "token-<16 hex digits>.json": a hash of the key, so that the file name
// says nothing about the account and no key can escape the directory.
std::string cache_file_name(std::string_view oauth_url, std::string_view account_id,
                            std::string_view client_id);

// SHA-256 (hex) of the account ID, client ID and client secret, for the cache
// file: a token minted with one secret is not handed out after the secret
// changed (`auth status` must not say OK with a wrong secret), and the file
// never holds the secret itself.
std::string credential_digest(std::string_view account_id, std::string_view client_id,
                              std::string_view client_secret);

struct CacheKey {
    std::string oauth_url;
    std::string account_id;
    std::string client_id;
    std::string credential_digest; // credential_digest(account, client ID, secret)
};

// The key of these S2S credentials' cache file.
CacheKey cache_key_for(const S2SCredentials& credentials);

// What load() found, for -v: a token, or why there is none.
struct CacheLookup {
    std::optional<MintedToken> token;
    std::string reason; // "no cache file", "corrupt", "group/world-readable", ... when no token
};

// Trusts the file only if it is a regular file owned by this user, with no
// group/other permission bits, holding valid JSON for this same key, with
// more than kCacheMarginSeconds left at `now`.
CacheLookup load_cached_token(const std::string& path, const CacheKey& key, std::int64_t now);

// Writes to a temporary file in the same directory (0600) and renames it over
// `path`, so a concurrent reader sees the old file or the new one, never half.
// Creates the directory (0700) when missing; refuses one that others can
// write to or that another user owns.
Status store_cached_token(const std::string& directory, const std::string& path,
                          const CacheKey& key, const MintedToken& token);

// Removes the file; a missing file is fine.
void drop_cached_token(const std::string& path);

} // namespace zoomqos::auth
