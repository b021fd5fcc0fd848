// The token response comes from whatever answers at the OAuth URL. Whatever
// its status and body, the parser must not crash; a token it accepts is
// usable (non-empty, no whitespace, an api_url that can be the API base, an
// expiry not before `now`), and no message it makes holds the client secret.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "zoomqos/auth/oauth.hpp"

namespace auth = zoomqos::auth;
namespace http = zoomqos::http;

namespace {

constexpr std::string_view kSecret = "fuzz-client-secret";

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

bool mentions_secret(const std::string& text) {
    return text.find(kSecret) != std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    // The first byte picks the status, the rest is the body.
    constexpr long kStatuses[] = {200, 200, 200, 400, 401, 403, 404, 429, 500, 302};
    const std::size_t pick = data[0] % (sizeof kStatuses / sizeof kStatuses[0]);
    http::Response response;
    response.status = kStatuses[pick];
    response.body = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);

    auth::S2SCredentials credentials;
    credentials.oauth_url = "https://zoom.us";
    credentials.account_id = "acct";
    credentials.client_id = "client";
    credentials.client_secret = kSecret;
    credentials.secret_source = "env ZOOM_CLIENT_SECRET";

    constexpr std::int64_t kNow = 1'795'780'800;
    const auto parsed = auth::parse_token_response(response, credentials, kNow);
    if (parsed) {
        require(response.status == 200);
        require(!parsed->access_token.empty());
        require(parsed->access_token.find_first_of(" \t\r\n") == std::string::npos);
        require(!auth::api_url_problem(parsed->api_url).has_value());
        require(parsed->expires_at >= kNow);
    } else {
        const zoomqos::Error& error = parsed.error();
        require(!mentions_secret(error.message));
        require(!mentions_secret(error.hint));
        require(!mentions_secret(error.zoom_message));
    }
    return 0;
}
