#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/body.hpp"

// The only module that talks to libcurl. It knows HTTP, no API's rules: a response
// of any status is a success here; the api module decides what a status means.
namespace zoomqos::http {

enum class Method { Get, Post };

// Why a transfer failed, for the retry policy: a failure that may be repeated
// safely (refused, reset, timed out, empty reply, partial body), one that
// would fail the same way again (DNS, TLS, size cap), or an interrupt
// (process/interrupt.hpp: every transfer and wait polls it).
enum class Failure { None, Retryable, Permanent, Interrupted };

struct BasicAuth {
    std::string user;
    // Never logged, never copied: it points into the caller's one buffer
    // (process::Secret), which outlives the request.
    std::string_view password;
};

struct Request {
    Method method = Method::Get;
    std::string url;
    std::string bearer_token; // sent through libcurl's bearer auth, never logged
    std::optional<BasicAuth> basic_auth;
    std::string form_body; // POST only: application/x-www-form-urlencoded, never logged
    std::chrono::milliseconds timeout{30'000}; // of one attempt (see perform_with_retries)
    // A transfer slower than kLowSpeedBytes per second for this long is cut
    // off; 0 = a third of `timeout`, between 1 and 20 seconds.
    std::chrono::seconds low_speed_time{0};
    std::size_t max_body = std::size_t{64} * 1024U * 1024U;
    std::string ca_file; // --cacert; "" = CURL_CA_BUNDLE, SSL_CERT_FILE, else libcurl's bundle
};

// The low-speed limit's rate (bytes per second).
inline constexpr long kLowSpeedBytes = 1024;

// The low-speed window perform() uses for a request with this timeout and
// low_speed_time 0.
std::chrono::seconds default_low_speed_time(std::chrono::milliseconds timeout);

struct Response {
    long status = 0;
    Body body;
    std::vector<std::pair<std::string, std::string>> headers; // of the final response, in order
    std::chrono::milliseconds elapsed{0};
    int attempts = 1;       // set by perform_with_retries
    std::string retry_note; // why retries stopped on this response, for a hint; or ""

    // The first header with this name (case-insensitive), or "".
    std::string header(std::string_view name) const;
};

// "zoomqos/<version> libcurl/<version>"
std::string user_agent();

// libcurl and TLS library versions, for --version.
std::string library_versions();

// One libcurl easy handle, reused across requests so that keep-alive
// connections are reused too. Not copyable or movable: libcurl keeps pointers
// into it (error buffer, write targets).
class Client {
public:
    // `log`, when set, receives one line per request and response (-v). The
    // Authorization header is never written to it.
    explicit Client(std::ostream* log = nullptr);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;
    Client(Client&&) = delete;
    Client& operator=(Client&&) = delete;

    // One request. Errors are transport failures only (ErrorKind::Network),
    // or a body over the size cap (ErrorKind::InvalidResponse).
    Result<Response> perform(const Request& request);
    // The same, also saying whether a failure is worth repeating.
    Result<Response> perform(const Request& request, Failure& failure);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace zoomqos::http
