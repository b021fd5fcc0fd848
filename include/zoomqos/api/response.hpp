#pragma once

#include <optional>
#include <string>

#include "zoomqos/api/url.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"

// What a non-success HTTP response from Zoom means, in exit-code terms.
namespace zoomqos::api {

// Zoom's error body {"code": N, "message": "..."}, when the body is one.
struct ZoomError {
    std::optional<long> code;
    std::string message;
};
ZoomError parse_zoom_error(std::string_view body);

// What the request was about, so that hints can be specific.
struct RequestContext {
    EventKind kind = EventKind::Webinar;
    QosType type = QosType::Live;
    std::string event_id;
    std::string participant_id;
    bool static_token = true; // the token came from ZOOM_ACCESS_TOKEN or --token-file
    bool next_page = false;   // a list request that carried a next_page_token
};

// Turns any status other than 200 into an Error: kind from the HTTP status and
// Zoom's code (see README, "Exit codes"), Zoom's message, x-zm-trackingid, and
// a hint where one helps.
Error error_from_response(const http::Response& response, const RequestContext& context);

} // namespace zoomqos::api
