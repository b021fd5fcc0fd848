#include "zoomqos/api/url.hpp"

#include <optional>

#include "zoomqos/api/event_lists.hpp"
#include "zoomqos/http/url.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::api {

namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

std::string_view event_noun(EventKind kind) {
    return kind == EventKind::Meeting ? "meeting" : "webinar";
}

std::string_view qos_type_name(QosType type) {
    return type == QosType::Past ? "past" : "live";
}

std::string encode_segment(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    // "." and ".." are dot-segments that URL normalisation removes; encoded,
    // they stay an ordinary segment.
    const bool only_dots = !text.empty() && text.find_first_not_of('.') == std::string_view::npos;
    std::string out;
    out.reserve(text.size() * 3);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) && !(only_dots && c == '.')) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4U];
            out += kHex[c & 0x0FU];
        }
    }
    return out;
}

std::string encode_event_id(std::string_view id) {
    const bool needs_double =
        (!id.empty() && id.front() == '/') || id.find("//") != std::string_view::npos;
    std::string once = encode_segment(id);
    return needs_double ? encode_segment(once) : once;
}

Result<std::string> validate_base_url(std::string_view url, std::string_view what) {
    // The URL may come from a token response, a config file or the
    // environment, and is quoted in the message: printable, and cut.
    constexpr std::size_t kMaxShown = 200;
    const auto shown = [](std::string_view part) {
        return text::printable(part, kMaxShown);
    };
    const std::string label = shown(what);
    auto usage = [&](const std::string& why) {
        return make_error(ErrorKind::Usage, label + ": " + why);
    };
    if (url.empty()) {
        return usage("empty URL");
    }
    // parse_url never assumes a scheme, which is what we want: "api.zoom.us/v2"
    // is a mistake, not a shorthand.
    auto parsed = http::parse_url(url);
    if (!parsed) {
        if (parsed.error().kind != ErrorKind::Usage) {
            return parsed.error();
        }
        return usage("not a valid URL: '" + shown(url) + "'");
    }
    const http::ParsedUrl& parts = *parsed;
    if (parts.scheme != "https" && parts.scheme != "http") {
        return usage("unsupported scheme '" + shown(parts.scheme) + "' (use https://)");
    }
    if (parts.scheme == "http" && !http::is_loopback_host(parts.host)) {
        return usage("refusing plain http:// to '" + shown(parts.host) +
                     "': the access token would travel unencrypted (use https://; http:// is "
                     "allowed only for 127.0.0.1, localhost and ::1)");
    }
    if (parts.user || parts.password) {
        return usage("credentials in the URL are not allowed");
    }
    if (parts.query || parts.fragment) {
        return usage("the URL must not have a query or fragment: '" + shown(url) + "'");
    }
    std::string base(url);
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    return base;
}

namespace {

// {base}/metrics/{webinars|meetings}/{event}/participants/
std::string participants_path(std::string_view base, EventKind kind, std::string_view event_id) {
    std::string url(base);
    url += kind == EventKind::Meeting ? "/metrics/meetings/" : "/metrics/webinars/";
    url += encode_event_id(event_id);
    url += "/participants/";
    return url;
}

} // namespace

std::string participant_qos_url(std::string_view base, EventKind kind, std::string_view event_id,
                                std::string_view participant_id, QosType type) {
    std::string url = participants_path(base, kind, event_id);
    url += encode_segment(participant_id);
    url += "/qos?type=";
    url += qos_type_name(type);
    return url;
}

namespace {

// The dates an event listing covers, "YYYY-MM-DD" each.
struct DateWindow {
    std::string_view from;
    std::string_view to;
};

// "?type=past[&from=…&to=…]&page_size=N[&next_page_token=…]": the query of
// every paged endpoint, in the order Zoom documents it.
std::string with_page_query(std::string url, QosType type, int page_size,
                            std::string_view next_page_token,
                            const std::optional<DateWindow>& window = std::nullopt) {
    url += "?type=";
    url += qos_type_name(type);
    if (window) {
        url += "&from=";
        url += encode_segment(window->from);
        url += "&to=";
        url += encode_segment(window->to);
    }
    url += "&page_size=";
    url += std::to_string(page_size);
    if (!next_page_token.empty()) {
        url += "&next_page_token=";
        url += encode_segment(next_page_token);
    }
    return url;
}

} // namespace

std::string participants_qos_url(std::string_view base, EventKind kind, std::string_view event_id,
                                 QosType type, int page_size, std::string_view next_page_token) {
    return with_page_query(participants_path(base, kind, event_id) + "qos", type, page_size,
                           next_page_token);
}

std::string participants_details_url(std::string_view base, EventKind kind,
                                     std::string_view event_id, QosType type, int page_size,
                                     std::string_view next_page_token) {
    std::string path = participants_path(base, kind, event_id);
    path.pop_back(); // no trailing '/': the details endpoint is .../participants itself
    return with_page_query(std::move(path), type, page_size, next_page_token);
}

std::string event_list_url(std::string_view base, EventKind kind, QosType type,
                           std::string_view from, std::string_view to, int page_size,
                           std::string_view next_page_token) {
    std::string url(base);
    url += "/metrics/";
    url += event_noun(kind);
    url += 's';
    return with_page_query(std::move(url), type, page_size, next_page_token, DateWindow{from, to});
}

} // namespace zoomqos::api
