#include "transfer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>

#include "zoomqos/http/url.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/process/secret.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::http::detail {

namespace {

bool is_loopback_url(const std::string& url) {
    const auto parts = parse_url(url);
    return parts.ok() && is_loopback_host(parts->host);
}

constexpr long kConnectTimeoutMs = 10'000;

// Called by libcurl many times a second while a transfer runs (and at once
// when a signal interrupts its poll): a non-zero return aborts the transfer.
int on_progress(void* /*user*/, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/,
                curl_off_t /*ultotal*/, curl_off_t /*ulnow*/) {
    return process::interrupted() ? 1 : 0;
}

// libcurl reads CURL_CA_BUNDLE only in the curl tool, and with a built-in
// bundle path OpenSSL never looks at SSL_CERT_FILE: both are honoured here.
std::string ca_file_for(const Request& request) {
    if (!request.ca_file.empty()) {
        return request.ca_file;
    }
    for (const char* name : {"CURL_CA_BUNDLE", "SSL_CERT_FILE"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') {
            return value;
        }
    }
    return {};
}

Failure failure_for(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return Failure::Retryable;
    case CURLE_ABORTED_BY_CALLBACK:
        return Failure::Interrupted;
    default:
        return Failure::Permanent;
    }
}

// "Authorization: Basic base64(user:password)", in a buffer that is wiped.
process::Secret basic_authorization(const BasicAuth& auth) {
    constexpr std::string_view kPrefix = "Authorization: Basic ";
    process::Secret pair = process::Secret::of_size(auth.user.size() + 1 + auth.password.size());
    auth.user.copy(pair.data(), auth.user.size());
    pair.data()[auth.user.size()] = ':';
    auth.password.copy(pair.data() + auth.user.size() + 1, auth.password.size());
    process::Secret header =
        process::Secret::of_size(kPrefix.size() + text::base64_size(pair.size()));
    kPrefix.copy(header.data(), kPrefix.size());
    text::base64_encode(pair.view(), header.data() + kPrefix.size());
    return header;
}

struct SlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct EasyDeleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

// What one transfer accumulates; libcurl's callbacks write into it.
struct Received {
    Response response;
    std::size_t max_body = 0;
    bool body_too_large = false;
    bool out_of_memory = false;
    // Content-Length, when the server announced one (CURLOPT_MAXFILESIZE has
    // refused it if over the cap): the body's buffer is sized to it once.
    std::optional<std::size_t> announced;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Received*>(user);
    const std::size_t bytes = size * count;
    if (transfer->response.body.size() + bytes > transfer->max_body) {
        // Returning a short count aborts the transfer with CURLE_WRITE_ERROR:
        // the cap holds while streaming, not after buffering everything.
        transfer->body_too_large = true;
        return 0;
    }
    Body& body = transfer->response.body;
    const std::size_t needed = body.size() + bytes;
    if (body.empty() && transfer->announced && *transfer->announced >= needed &&
        *transfer->announced <= transfer->max_body) {
        // Once, at the first bytes: the announced length, so no growth at all. Without it the
        // body doubles as bytes arrive (memory follows what was received, however large the
        // cap), and growing remaps pages instead of copying them.
        (void)body.try_reserve(*transfer->announced);
    }
    if (!body.try_append(data, bytes)) {
        transfer->out_of_memory = true;
        return 0; // aborts the transfer, as the cap does
    }
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Received*>(user);
    const std::size_t bytes = size * count;
    const std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) {
        // A new status line: headers of an interim (1xx) response are dropped.
        transfer->response.headers.clear();
        transfer->announced.reset();
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        const std::string_view name = text::trim(line.substr(0, colon));
        const std::string_view value = text::trim(line.substr(colon + 1));
        if (text::iequals(name, "Content-Length")) {
            std::size_t length = 0;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), length);
            if (error == std::errc() && end == value.data() + value.size()) {
                transfer->announced = length;
            }
        }
        transfer->response.headers.emplace_back(std::string(name), std::string(value));
    }
    return bytes;
}

// Names the cause in words a user can act on; curl's own text follows.
std::string describe(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return "could not resolve host (DNS)";
    case CURLE_COULDNT_RESOLVE_PROXY:
        return "could not resolve proxy (DNS)";
    case CURLE_COULDNT_CONNECT:
        return "could not connect (connection refused or unreachable)";
    case CURLE_OPERATION_TIMEDOUT:
        return "request timed out";
    case CURLE_ABORTED_BY_CALLBACK:
        return "interrupted";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return "TLS certificate problem";
    case CURLE_SSL_CONNECT_ERROR:
        return "TLS handshake failed";
    case CURLE_GOT_NOTHING:
        return "server closed the connection without a reply";
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return "connection broken during the response";
    case CURLE_UNSUPPORTED_PROTOCOL:
        return "protocol not allowed";
    default:
        return "network error";
    }
}

} // namespace

void global_init_once() {
    // curl_global_init is not thread-safe and must run exactly once before any
    // other libcurl call; the process never calls curl_global_cleanup because
    // handles may outlive static destruction order.
    static std::once_flag once;
    // libcurl's copies of the Authorization header are wiped as it frees
    // them (process/secret.hpp).
    std::call_once(once, [] {
        curl_global_init_mem(CURL_GLOBAL_DEFAULT, ::malloc, process::wiping_free,
                             process::wiping_realloc, ::strdup, ::calloc);
    });
}

struct Transfer::Impl {
    std::unique_ptr<CURL, EasyDeleter> easy;
    char error_buffer[CURL_ERROR_SIZE] = {};
    std::ostream* log = nullptr;
    std::string agent = user_agent();
    // Of the transfer in progress.
    Received received;
    Slist headers;
    const Request* request = nullptr;
};

Transfer::Transfer(std::ostream* log) : impl_(std::make_unique<Impl>()) {
    global_init_once();
    impl_->easy.reset(curl_easy_init());
    impl_->log = log;
}

Transfer::~Transfer() = default;

CURL* Transfer::handle() const noexcept {
    return impl_->easy.get();
}

Status Transfer::prepare(const Request& request) {
    CURL* easy = impl_->easy.get();
    if (easy == nullptr) {
        return make_error(ErrorKind::Internal, "could not initialise libcurl");
    }
    curl_easy_reset(easy);
    impl_->received = Received{};
    impl_->received.max_body = request.max_body;
    impl_->request = &request;
    impl_->error_buffer[0] = '\0';

    impl_->headers.reset(curl_slist_append(nullptr, "Accept: application/json"));
    if (!impl_->headers) {
        return make_error(ErrorKind::Internal, "out of memory");
    }
    if (request.basic_auth) {
        // A header built in a wiped buffer rather than CURLOPT_PASSWORD, whose
        // encoded copy libcurl keeps until the handle is cleaned up; the list's
        // copy is freed, and so wiped, when the transfer finishes.
        const process::Secret header = basic_authorization(*request.basic_auth);
        if (curl_slist_append(impl_->headers.get(), header.c_str()) == nullptr) {
            return make_error(ErrorKind::Internal, "out of memory");
        }
    }
    const bool https = request.url.starts_with("https://");
    const long total_ms = std::max(1L, static_cast<long>(request.timeout.count()));
    const long low_speed_s = static_cast<long>((request.low_speed_time.count() > 0
                                                    ? request.low_speed_time
                                                    : default_low_speed_time(request.timeout))
                                                   .count());
    const std::string ca_file = ca_file_for(request);

    // Every option in one place. An option that fails to set is a bug or an
    // unsupported libcurl, reported rather than ignored.
    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption option, auto value) {
        if (rc == CURLE_OK) {
            rc = curl_easy_setopt(easy, option, value);
        }
    };
    set(CURLOPT_URL, request.url.c_str());
    if (request.method == Method::Post) {
        set(CURLOPT_POST, 1L);
        set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.form_body.size()));
        set(CURLOPT_POSTFIELDS, request.form_body.c_str());
    } else {
        set(CURLOPT_HTTPGET, 1L);
    }
    set(CURLOPT_ERRORBUFFER, impl_->error_buffer);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_NOPROGRESS, 0L);
    set(CURLOPT_XFERINFOFUNCTION, on_progress);
    // The base URL was validated: http only reaches loopback. Nothing else
    // (file://, ftp://, ...) is ever spoken, and redirects are not followed,
    // so a token is never re-sent anywhere.
    set(CURLOPT_PROTOCOLS_STR, https ? "https" : "http");
    // libcurl takes proxies from the environment (http_proxy, ALL_PROXY, ...).
    // A proxy sees a cleartext request whole, bearer token included, so plain
    // http (loopback only) never goes through one, and neither does anything
    // else on loopback. An https request through a proxy is a CONNECT tunnel.
    if (!https || is_loopback_url(request.url)) {
        set(CURLOPT_NOPROXY, "*");
    }
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_UNRESTRICTED_AUTH, 0L);
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    if (!ca_file.empty()) {
        set(CURLOPT_CAINFO, ca_file.c_str());
    }
    if (https) {
        // On a multi handle, wait for a connection being set up rather than
        // open another: if it speaks HTTP/2, requests share it.
        set(CURLOPT_PIPEWAIT, 1L);
    }
    // Keep the path exactly as encoded: no dot-segment squashing.
    set(CURLOPT_PATH_AS_IS, 1L);
    set(CURLOPT_CONNECTTIMEOUT_MS, std::min(kConnectTimeoutMs, total_ms));
    set(CURLOPT_TIMEOUT_MS, total_ms);
    // A server that trickles bytes is cut off long before the total timeout.
    set(CURLOPT_LOW_SPEED_LIMIT, kLowSpeedBytes);
    set(CURLOPT_LOW_SPEED_TIME, low_speed_s);
    set(CURLOPT_USERAGENT, impl_->agent.c_str());
    set(CURLOPT_HTTPHEADER, impl_->headers.get());
    set(CURLOPT_ACCEPT_ENCODING, ""); // whatever this libcurl can decode
    // A body announced (Content-Length) as larger than the cap is refused
    // before any of it is read; on_body enforces the cap for the rest.
    set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body));
    set(CURLOPT_WRITEFUNCTION, on_body);
    set(CURLOPT_WRITEDATA, &impl_->received);
    set(CURLOPT_HEADERFUNCTION, on_header);
    set(CURLOPT_HEADERDATA, &impl_->received);
    if (!request.basic_auth && !request.bearer_token.empty()) {
        set(CURLOPT_HTTPAUTH, static_cast<unsigned long>(CURLAUTH_BEARER));
        set(CURLOPT_XOAUTH2_BEARER, request.bearer_token.c_str());
    }
    if (rc != CURLE_OK) {
        return make_error(ErrorKind::Internal,
                          std::string("could not configure libcurl: ") + curl_easy_strerror(rc));
    }

    if (impl_->log != nullptr) {
        *impl_->log << (request.method == Method::Post ? "> POST " : "> GET ") << request.url
                    << "\n";
        if (request.basic_auth) {
            *impl_->log << "> Authorization: Basic [redacted]\n";
        } else if (!request.bearer_token.empty()) {
            *impl_->log << "> Authorization: Bearer [redacted]\n";
        }
        *impl_->log << "> User-Agent: " << impl_->agent << "\n" << std::flush;
    }
    return Ok{};
}

Result<Response> Transfer::finish(CURLcode result, Failure& failure) {
    CURL* easy = impl_->easy.get();
    Received& transfer = impl_->received;
    const std::size_t max_body = transfer.max_body;
    impl_->request = nullptr;
    // The request's headers, a Basic auth one among them, are not needed past
    // the transfer: freed now, and so wiped (global_init_once).
    (void)curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    impl_->headers.reset();
    double seconds = 0;
    if (curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &seconds) == CURLE_OK) {
        transfer.response.elapsed = std::chrono::milliseconds(std::llround(seconds * 1000.0));
    }

    if (result != CURLE_OK) {
        failure = failure_for(result);
        if (transfer.out_of_memory) {
            failure = Failure::Permanent;
            return make_error(ErrorKind::InvalidResponse,
                              "response body of more than " +
                                  std::to_string(transfer.response.body.size()) +
                                  " bytes does not fit in memory; transfer aborted");
        }
        if (transfer.body_too_large || result == CURLE_FILESIZE_EXCEEDED) {
            failure = Failure::Permanent;
            return make_error(ErrorKind::InvalidResponse, "response body larger than the " +
                                                              std::to_string(max_body) +
                                                              "-byte limit; transfer aborted");
        }
        std::string detail =
            impl_->error_buffer[0] != '\0' ? impl_->error_buffer : curl_easy_strerror(result);
        if (impl_->log != nullptr) {
            *impl_->log << "< failed after " << transfer.response.elapsed.count()
                        << " ms: " << detail << "\n"
                        << std::flush;
        }
        if (failure == Failure::Interrupted) {
            return make_error(ErrorKind::Network, "interrupted");
        }
        return make_error(ErrorKind::Network, describe(result) + ": " + detail);
    }
    failure = Failure::None;

    if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &transfer.response.status) != CURLE_OK) {
        return make_error(ErrorKind::Internal, "libcurl did not report a status");
    }
    if (impl_->log != nullptr) {
        *impl_->log << "< HTTP " << transfer.response.status << " in "
                    << transfer.response.elapsed.count() << " ms, " << transfer.response.body.size()
                    << " bytes\n"
                    << std::flush;
    }
    return std::move(transfer.response);
}

} // namespace zoomqos::http::detail
