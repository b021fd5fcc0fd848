#include "zoomqos/auth/credentials.hpp"

#include <vector>

#include "zoomqos/auth/cache.hpp"

namespace zoomqos::auth {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Result<Credentials> resolve_credentials(const std::optional<std::string>& token_file,
                                        const char* env_token, const S2SInputs& s2s) {
    const bool env_token_set =
        env_token != nullptr &&
        std::string_view(env_token).find_first_not_of(" \t\r\n") != std::string_view::npos;
    if (token_file || env_token_set) {
        auto token = resolve_static_token(token_file, env_token);
        if (!token) {
            return std::move(token).error();
        }
        Credentials credentials;
        credentials.source = token->source;
        credentials.static_token = std::move(token).value();
        return credentials;
    }
    const bool any =
        !s2s.account_id.empty() || !s2s.client_id.empty() || !s2s.client_secret.empty();
    if (!any) {
        Error error =
            make_error(ErrorKind::Auth, "no credentials: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and "
                                        "ZOOM_CLIENT_SECRET (or the same in the config file), "
                                        "or ZOOM_ACCESS_TOKEN, or pass --token-file PATH");
        error.hint = "a Server-to-Server OAuth app with the dashboard_webinars:read:admin scope "
                     "gives these";
        return error;
    }
    std::vector<std::string> missing;
    if (s2s.account_id.empty()) {
        missing.emplace_back("the account ID (--account-id, ZOOM_ACCOUNT_ID or account-id)");
    }
    if (s2s.client_id.empty()) {
        missing.emplace_back("the client ID (--client-id, ZOOM_CLIENT_ID or client-id)");
    }
    if (s2s.client_secret.empty()) {
        missing.emplace_back("the client secret (ZOOM_CLIENT_SECRET, client-secret or "
                             "--client-secret-file)");
    }
    if (!missing.empty()) {
        std::string message = "incomplete Server-to-Server OAuth credentials: missing ";
        for (std::size_t i = 0; i < missing.size(); ++i) {
            message += (i == 0 ? "" : ", ") + missing[i];
        }
        return make_error(ErrorKind::Auth, message);
    }
    Credentials credentials;
    credentials.s2s = S2SCredentials{s2s.oauth_url, s2s.account_id, s2s.client_id,
                                     s2s.client_secret, s2s.secret_source};
    credentials.source = "Server-to-Server OAuth (account ID from " + s2s.account_id_source +
                         ", client ID from " + s2s.client_id_source + ", client secret from " +
                         s2s.secret_source + ")";
    return credentials;
}

TokenProvider::TokenProvider(Credentials credentials, TokenProviderOptions options,
                             http::Client& client, std::ostream* log)
    : credentials_(std::move(credentials)), options_(std::move(options)), client_(client),
      log_(log) {}

std::string TokenProvider::cache_path() const {
    if (!options_.use_cache || options_.cache_directory.empty()) {
        return {};
    }
    const S2SCredentials& s2s = credentials_.s2s;
    return options_.cache_directory + "/" +
           cache_file_name(s2s.oauth_url, s2s.account_id, s2s.client_id);
}

Result<AccessToken> TokenProvider::token() {
    if (credentials_.static_token) {
        return AccessToken{credentials_.static_token->value, credentials_.static_token->source,
                           false, std::nullopt};
    }
    if (const std::string path = cache_path(); !path.empty()) {
        CacheLookup cached = load_cached_token(path, cache_key_for(credentials_.s2s), unix_now());
        if (cached.token) {
            if (log_ != nullptr) {
                *log_ << "* access token from the cache " << path << "\n";
            }
            std::string value = cached.token->access_token;
            return AccessToken{std::move(value), "cache " + path, true, std::move(cached.token)};
        }
        if (log_ != nullptr) {
            *log_ << "* token cache: " << cached.reason << "\n";
        }
    }
    return mint();
}

Result<AccessToken> TokenProvider::refresh() {
    if (credentials_.static_token) {
        return make_error(ErrorKind::Internal, "a static token cannot be refreshed");
    }
    if (const std::string path = cache_path(); !path.empty()) {
        drop_cached_token(path);
    }
    return mint();
}

Result<AccessToken> TokenProvider::mint() {
    const S2SCredentials& s2s = credentials_.s2s;
    if (log_ != nullptr) {
        *log_ << "* minting an access token at " << s2s.oauth_url << "/oauth/token\n";
    }
    auto minted = mint_token(client_, s2s, options_.timeout, unix_now(), options_.retry, log_);
    if (!minted) {
        return std::move(minted).error();
    }
    if (const std::string path = cache_path(); !path.empty()) {
        // A token that is about to expire is not worth a file.
        if (minted->expires_at - kCacheMarginSeconds > unix_now()) {
            auto stored = store_cached_token(options_.cache_directory, path,
                                             cache_key_for(credentials_.s2s), *minted);
            // The run can go on without a cache; say why only when asked.
            if (!stored && log_ != nullptr) {
                *log_ << "* token cache: not written: " << stored.error().message << "\n";
            }
        }
    }
    std::string value = minted->access_token;
    return AccessToken{std::move(value), "minted at " + s2s.oauth_url, true,
                       std::move(minted).value()};
}

} // namespace zoomqos::auth
