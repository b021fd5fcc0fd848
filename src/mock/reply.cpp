#include "reply.hpp"

#include <utility>

#include <httplib.h>

#include "zoomqos/api/url.hpp"

// Zoom's answer shapes, shared by every handler.
namespace zoomqos::mock {

std::optional<std::string> header(const httplib::Request& req, const char* name) {
    if (!req.has_header(name)) {
        return std::nullopt;
    }
    return req.get_header_value(name);
}

std::string serialize(const Json& json) {
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const std::string& body,
               const char* content_type) {
    res.status = status;
    res.set_content(body, content_type);
}

void send_error(httplib::Response& res, int status, int code, const std::string& message,
                Json errors) {
    Json body{{"code", code}, {"message", message}};
    if (!errors.is_null()) {
        body["errors"] = std::move(errors);
    }
    send_json(res, status, serialize(body));
}

void send_method_not_allowed(httplib::Response& res, const httplib::Request& req) {
    send_error(res, 405, 405, "Method not allowed: " + req.method + ".");
}

void send_invalid_field(httplib::Response& res, const char* field) {
    send_error(res, 400, 300, "Validation Failed.",
               Json::array({Json{{"field", field}, {"message", "Invalid field."}}}));
}

std::string event_title(EventKind kind) {
    std::string title(api::event_noun(kind));
    if (!title.empty() && title.front() >= 'a' && title.front() <= 'z') {
        title.front() = static_cast<char>(title.front() - 'a' + 'A');
    }
    return title;
}

void send_no_event(httplib::Response& res, EventKind kind, const std::string& id) {
    send_error(res, 404, 3001, event_title(kind) + " does not exist: " + id + ".");
}

void send_rate_limited(httplib::Response& res, int limit) {
    send_error(res, 429, 429,
               "You have reached the maximum per-second rate limit for this API. Try again later.");
    res.set_header("X-RateLimit-Category", "Heavy");
    res.set_header("X-RateLimit-Type", "QPS");
    res.set_header("X-RateLimit-Limit", std::to_string(limit));
    res.set_header("X-RateLimit-Remaining", "0");
    res.set_header("Retry-After", "1");
}

void send_daily_limited(httplib::Response& res, long limit, const std::string& resets_at) {
    send_error(res, 429, 429,
               "You have reached the maximum daily rate limit for this API. Refer to the "
               "response header for details on when you can make another request.");
    res.set_header("X-RateLimit-Category", "Heavy");
    res.set_header("X-RateLimit-Type", "Daily-limit");
    res.set_header("X-RateLimit-Limit", std::to_string(limit));
    res.set_header("X-RateLimit-Remaining", "0");
    res.set_header("Retry-After", resets_at);
}

} // namespace zoomqos::mock
