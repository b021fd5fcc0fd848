#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "zoomqos/api/response.hpp"
#include "zoomqos/auth/credentials.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/pacer.hpp"
#include "zoomqos/http/retry.hpp"

#include "options.hpp"
#include "target.hpp"

// What every command that talks to Zoom sets up before its first request,
// in one place: the credential, the HTTP client, the token (cached, minted or
// static), the API base URL and the pacer that --rate sets for the run.
namespace zoomqos::cli {

// The credential this run uses: --token-file > ZOOM_ACCESS_TOKEN > S2S OAuth.
Result<auth::Credentials> resolve_run_credentials(const ConnectionOptions& options);
auth::TokenProviderOptions token_provider_options(const ConnectionOptions& options);

// The API base: the one the user set, else the token response's api_url
// (regional accounts) + "/v2", else the default.
Result<std::string> api_base_url(const ConnectionOptions& options, const auth::AccessToken& token);

class Session {
public:
    // Resolves credentials (exit 3 when there are none), gets a token and
    // the API base URL. `rate`: requests per second for every API request.
    static Result<std::unique_ptr<Session>> open(const ConnectionOptions& options, double rate,
                                                 std::ostream& err);

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    Session(Session&&) = delete;
    Session& operator=(Session&&) = delete;
    ~Session();

    const auth::Credentials& credentials() const noexcept { return provider_.credentials(); }
    const auth::AccessToken& token() const noexcept { return token_; }
    const std::string& base_url() const noexcept { return base_; }
    std::ostream* log() const noexcept { return log_; }
    http::Pacer& pacer() noexcept { return pacer_; }
    const http::RetryPolicy& policy() const noexcept { return policy_; }
    // S2S tokens can be minted again after a 401; static ones cannot.
    bool refreshable() const noexcept { return token_.refreshable; }
    // Access tokens minted so far (the first one, and one per refresh).
    long tokens_minted() const noexcept { return provider_.minted(); }

    // A GET of `url` with the current token and the connection options
    // (timeout, size cap, CA file) applied.
    http::Request request(std::string url) const;

    // After a 401 answered a request sent with `used_token`: a fresh token,
    // minted once however many requests saw the same token fail.
    Result<std::string> token_after_401(const std::string& used_token);

    // One paced, retried GET; a 401 with a refreshable token gets one fresh
    // token and one more try. A status other than 200 becomes the error
    // api::error_from_response makes of it.
    Result<http::Response> get(const std::string& url, api::RequestContext context);

private:
    Session(const ConnectionOptions& options, double rate, auth::Credentials credentials,
            std::ostream* log);

    std::ostream* log_;
    http::Client client_;
    auth::TokenProvider provider_;
    http::Pacer pacer_;
    http::RetryPolicy policy_;
    const ConnectionOptions& options_;
    auth::AccessToken token_;
    std::string base_;
};

} // namespace zoomqos::cli
