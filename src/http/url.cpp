#include "zoomqos/http/url.hpp"

#include <array>
#include <charconv>
#include <memory>

#include <curl/curl.h>

namespace zoomqos::http {

namespace {

struct UrlDeleter {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
    void operator()(char* text) const noexcept { curl_free(text); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// The part of a parsed URL, or nullopt when it is absent.
std::optional<std::string> url_part(CURLU* url, CURLUPart part) {
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || raw == nullptr) {
        return std::nullopt;
    }
    CurlString owned(raw);
    return std::string(owned.get());
}

bool is_ipv4_loopback(std::string_view host) {
    // Exactly four decimal octets, the first 127: "127.1" style shorthands
    // are refused rather than guessed at.
    std::array<int, 4> octets{};
    std::size_t index = 0;
    const char* cursor = host.data();
    const char* end = host.data() + host.size();
    while (index < octets.size()) {
        auto [next, ec] = std::from_chars(cursor, end, octets[index]);
        if (ec != std::errc{} || next == cursor || next - cursor > 3 || octets[index] > 255) {
            return false;
        }
        cursor = next;
        ++index;
        if (index < octets.size()) {
            if (cursor == end || *cursor != '.') {
                return false;
            }
            ++cursor;
        }
    }
    return cursor == end && octets[0] == 127;
}

} // namespace

Result<ParsedUrl> parse_url(std::string_view url) {
    UrlHandle handle(curl_url());
    if (!handle) {
        return make_error(ErrorKind::Internal, "out of memory");
    }
    const std::string text(url);
    // Flags 0: without CURLU_DEFAULT_SCHEME or CURLU_GUESS_SCHEME a URL with
    // no scheme is refused rather than completed.
    if (const CURLUcode code = curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0);
        code != CURLUE_OK) {
        return make_error(ErrorKind::Usage, curl_url_strerror(code));
    }
    ParsedUrl parts;
    parts.scheme = url_part(handle.get(), CURLUPART_SCHEME).value_or("");
    parts.user = url_part(handle.get(), CURLUPART_USER);
    parts.password = url_part(handle.get(), CURLUPART_PASSWORD);
    parts.host = url_part(handle.get(), CURLUPART_HOST).value_or("");
    parts.port = url_part(handle.get(), CURLUPART_PORT);
    parts.path = url_part(handle.get(), CURLUPART_PATH).value_or("");
    parts.query = url_part(handle.get(), CURLUPART_QUERY);
    parts.fragment = url_part(handle.get(), CURLUPART_FRAGMENT);
    return parts;
}

bool is_loopback_host(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host == "localhost" || host == "localhost." || host == "::1") {
        return true;
    }
    return is_ipv4_loopback(host);
}

} // namespace zoomqos::http
