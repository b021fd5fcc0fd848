#include "routing.hpp"

#include <cstddef>
#include <utility>

#include "text.hpp"

// Which handler a request target goes to, and what its path says.
namespace zoomqos::mock {

namespace {

// Strict: a '%' not followed by two hex digits makes the whole text invalid,
// so a sloppy client shows up as a 404 instead of being silently "fixed".
std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const int high = hex_digit(text[i + 1]);
        const int low = hex_digit(text[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

// The raw path's segments after the leading '/', each decoded exactly once.
struct Segments {
    std::optional<std::vector<std::string>> decoded; // none if an escape is malformed
    bool well_formed = true;                         // false: an empty, "." or ".." segment
};

Segments parse_segments(std::string_view raw_path) {
    Segments result;
    std::vector<std::string> decoded;
    for (const std::string_view raw : split(raw_path.substr(1), '/')) {
        if (raw.empty() || raw == "." || raw == "..") {
            result.well_formed = false;
        }
        auto segment = percent_decode(raw);
        if (!segment) {
            result.well_formed = false;
            return result;
        }
        decoded.push_back(std::move(*segment));
    }
    result.decoded = std::move(decoded);
    return result;
}

// Zoom decodes the ID segment a second time when, decoded once, it still holds
// an encoded '/' at the start or an encoded "//". A UUID like "/abc==" encoded
// only once arrives as "/abc==" and Zoom answers 3001, so the mock does too.
EventId resolve_event_id(const std::string& once) {
    const std::string lower = lowercase(once);
    if (lower.rfind("%2f", 0) == 0 || lower.find("%2f%2f") != std::string::npos) {
        if (auto twice = percent_decode(once)) {
            return {std::move(*twice), true};
        }
        return {once, false};
    }
    if (once.rfind('/', 0) == 0 || once.find("//") != std::string::npos) {
        return {once, false};
    }
    return {once, true};
}

std::optional<Route> match_route(const std::vector<std::string>& s) {
    if (s.size() < 5 || s.size() > 7) {
        return std::nullopt;
    }
    const bool details = s.size() == 5;
    if (s[0] != "v2" || s[1] != "metrics" || s[4] != "participants" ||
        (!details && s.back() != "qos")) {
        return std::nullopt;
    }
    Route route;
    if (s[2] == "webinars") {
        route.kind = EventKind::Webinar;
    } else if (s[2] == "meetings") {
        route.kind = EventKind::Meeting;
    } else {
        return std::nullopt;
    }
    route.event = resolve_event_id(s[3]);
    route.details = details;
    if (s.size() == 7) {
        route.participant = s[5];
    }
    return route;
}

std::optional<EventKind> match_event_list(const std::vector<std::string>& s) {
    if (s.size() != 3 || s[0] != "v2" || s[1] != "metrics") {
        return std::nullopt;
    }
    if (s[2] == "webinars") {
        return EventKind::Webinar;
    }
    if (s[2] == "meetings") {
        return EventKind::Meeting;
    }
    return std::nullopt;
}

} // namespace

Target split_target(std::string_view target) {
    const std::size_t question = target.find('?');
    if (question == std::string_view::npos) {
        return {target, {}};
    }
    return {target.substr(0, question), target.substr(question + 1)};
}

Destination destination(const Target& target) {
    if (target.path.rfind("/_mock/", 0) == 0) {
        return Destination::Control;
    }
    if (target.path == "/oauth/token") {
        return Destination::Token;
    }
    return Destination::Api;
}

ApiPath parse_api_path(std::string_view raw_path) {
    Segments segments = parse_segments(raw_path);
    ApiPath path;
    if (segments.well_formed && segments.decoded) {
        path.route = match_route(*segments.decoded);
        path.event_list = match_event_list(*segments.decoded);
    }
    path.segments = std::move(segments.decoded);
    return path;
}

} // namespace zoomqos::mock
