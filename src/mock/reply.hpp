#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// Zoom's answer shapes, shared by every handler: JSON bodies, its error body
// {"code", "message"} and the headers that go with its rate limit.
namespace zoomqos::mock {

using Json = nlohmann::ordered_json;

inline constexpr const char* kJson = "application/json";
// What Zoom labels its data with. httplib compresses only bodies labelled
// exactly "application/json", and brotli at its default quality costs ~150 ms
// per participant here, so data responses also stay fast this way.
inline constexpr const char* kZoomData = "application/json;charset=UTF-8";

std::optional<std::string> header(const httplib::Request& req, const char* name);

// IDs come from the request and may be any bytes; invalid UTF-8 must not turn
// an answer into an exception (nlohmann throws by default).
std::string serialize(const Json& json);

void send_json(httplib::Response& res, int status, const std::string& body,
               const char* content_type = kJson);

// Zoom's error body: {"code": N, "message": "..."} and, for validation
// failures, "errors": [{"field", "message"}].
void send_error(httplib::Response& res, int status, int code, const std::string& message,
                Json errors = nullptr);

void send_method_not_allowed(httplib::Response& res, const httplib::Request& req);

void send_invalid_field(httplib::Response& res, const char* field);

// "Webinar" or "Meeting", as Zoom's messages begin.
std::string event_title(EventKind kind);

void send_no_event(httplib::Response& res, EventKind kind, const std::string& id);

// What Zoom answers past its per-second limit on the Metrics (Heavy) APIs.
void send_rate_limited(httplib::Response& res, int limit);

// What Zoom answers once the account's daily quota is used up: Retry-After is
// the ISO-8601 date-time it resets at (`resets_at`), not a number of seconds.
void send_daily_limited(httplib::Response& res, long limit, const std::string& resets_at);

} // namespace zoomqos::mock
