#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"

// A URL taken apart by libcurl's own parser, so that a URL accepted here is
// read the same way when a request is sent to it.
namespace zoomqos::http {

// The parts as libcurl returns them; an optional part the URL lacks is nullopt.
// `host` keeps an IPv6 address's brackets ("[::1]"); `path` is "/" at least.
struct ParsedUrl {
    std::string scheme;
    std::optional<std::string> user;
    std::optional<std::string> password;
    std::string host;
    std::optional<std::string> port;
    std::string path;
    std::optional<std::string> query;
    std::optional<std::string> fragment;
};

// libcurl's RFC 3986 parsing, without a default or guessed scheme: "host/path"
// is refused, not read as http. A URL libcurl refuses is ErrorKind::Usage with
// libcurl's reason; running out of memory is ErrorKind::Internal.
Result<ParsedUrl> parse_url(std::string_view url);

// 127.0.0.0/8 (four decimal octets, no shorthands), localhost and ::1, with or
// without IPv6 brackets: hosts whose traffic never leaves the machine.
bool is_loopback_host(std::string_view host);

} // namespace zoomqos::http
