#include "zoomqos/api/response.hpp"

#include <nlohmann/json.hpp>

#include "zoomqos/text/text.hpp"

namespace zoomqos::api {

namespace {

// Zoom's message, its tracking ID and a redirect's Location end up on the
// user's terminal: made printable so that they cannot rewrite the screen or
// forge extra lines, and bounded so that a huge header does not flood it.
std::string from_server(std::string_view text) {
    constexpr std::size_t kMaxBytes = 500;
    return text::printable(text, kMaxBytes);
}

bool is_uuid_like(std::string_view id) {
    // Numeric IDs name the latest instance; anything else is an instance UUID.
    return id.find_first_not_of("0123456789") != std::string_view::npos;
}

std::string what_for_status(long status, const RequestContext& context) {
    const std::string noun(event_noun(context.kind));
    switch (status) {
    case 300:
        if (context.next_page) {
            return "Zoom rejected the next page token";
        }
        return "cannot access the " + noun + "'s information";
    case 400:
        return "Zoom rejected the request";
    case 401:
        return "access token rejected";
    case 403:
        return "access denied";
    case 404:
        return noun + " or participant not found";
    case 429:
        return "rate limit reached";
    default:
        break;
    }
    if (status >= 300 && status < 400) {
        return "unexpected redirect (not followed)";
    }
    if (status >= 500) {
        return "Zoom server error";
    }
    return "unexpected response from Zoom";
}

ErrorKind kind_for(long status, std::optional<long> code) {
    if (code == 4700 || code == 124) {
        return ErrorKind::Auth;
    }
    if (code == 3001 || code == 300 || status == 404 || status == 300) {
        return ErrorKind::NotFound;
    }
    if (status == 401 || status == 403) {
        return ErrorKind::Auth;
    }
    if (status == 429) {
        return ErrorKind::RateLimited;
    }
    if (status >= 500) {
        return ErrorKind::Network;
    }
    return ErrorKind::Api;
}

std::string hint_for(long status, std::optional<long> code, const RequestContext& context,
                     const http::Response& response) {
    const std::string noun(event_noun(context.kind));
    if (code == 3001 || status == 404) {
        if (context.type == QosType::Live) {
            return "if the " + noun +
                   " has ended, its QoS is only available with --type past; otherwise check "
                   "the " +
                   noun + " and participant IDs";
        }
        std::string hint = "check the IDs; --type past works only once the " + noun + " has ended";
        if (is_uuid_like(context.event_id)) {
            hint += "; for an instance UUID, pass it exactly as Zoom shows it";
        }
        return hint;
    }
    if (code == 4700 || (status == 403 && !code)) {
        return std::string("the token lacks the scope for QoS data: add ") +
               (context.kind == EventKind::Meeting ? "dashboard_meetings:read:admin"
                                                   : "dashboard_webinars:read:admin") +
               " (or the granular dashboard:read:* scope) to the app";
    }
    if (status == 401 || code == 124) {
        return context.static_token
                   ? "the token is invalid or expired (they last one hour): set a fresh "
                     "ZOOM_ACCESS_TOKEN or --token-file"
                   : "check the Server-to-Server OAuth credentials";
    }
    if (code == 200) {
        return "this API needs a Business or higher plan with the Dashboard feature";
    }
    if (code == 12702) {
        return "Zoom keeps QoS data for one year; this event is older";
    }
    if ((status == 300 || code == 300) && context.next_page) {
        return "a next page token lives 15 minutes: run the list again (a slow reader, or a "
               "low --rate, can outlast it)";
    }
    if (status == 300 || code == 300) {
        return "check that the account can see this " + noun + "'s dashboard data";
    }
    if (!response.retry_note.empty()) {
        return response.retry_note; // why the retries stopped, and when to come back
    }
    if (status == 429) {
        return "wait and try again; the limit is per account, shared by all its apps";
    }
    if (status >= 300 && status < 400) {
        const auto location = response.header("Location");
        return location.empty()
                   ? "check --api-url"
                   : "the server redirects to " + from_server(location) + "; check --api-url";
    }
    return {};
}

} // namespace

ZoomError parse_zoom_error(std::string_view body) {
    ZoomError error;
    // Error pages from proxies and load balancers are HTML: not an error here.
    const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
        return error;
    }
    if (const auto it = json.find("code"); it != json.end() && it->is_number_integer()) {
        error.code = it->get<long>();
    }
    if (const auto it = json.find("message"); it != json.end() && it->is_string()) {
        error.message = from_server(it->get<std::string>());
    }
    return error;
}

Error error_from_response(const http::Response& response, const RequestContext& context) {
    const ZoomError zoom = parse_zoom_error(response.body);
    Error error =
        make_error(kind_for(response.status, zoom.code), what_for_status(response.status, context));
    error.http_status = response.status;
    error.zoom_code = zoom.code;
    error.zoom_message = zoom.message;
    error.tracking_id = from_server(response.header("x-zm-trackingid"));
    error.hint = hint_for(response.status, zoom.code, context, response);
    return error;
}

} // namespace zoomqos::api
