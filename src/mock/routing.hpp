#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"

// Which handler a request target goes to, and what its path says: decoded
// from the raw target, because httplib's own req.path is decoded before any
// split, which would turn an encoded '/' inside an ID into a separator.
namespace zoomqos::mock {

struct Target {
    std::string_view path;  // raw, before '?'
    std::string_view query; // raw, after '?'
};

Target split_target(std::string_view target);

enum class Destination {
    Control, // /_mock/*: the test-only plane
    Token,   // /oauth/token
    Api,     // everything else: the Zoom API, or its 401 / 404
};

Destination destination(const Target& target);

struct EventId {
    std::string id;
    bool reachable = true; // false: a UUID Zoom cannot route because it was encoded once
};

// /v2/metrics/{webinars|meetings}/{id}/participants/{pid}/qos,
// /v2/metrics/{webinars|meetings}/{id}/participants/qos and
// /v2/metrics/{webinars|meetings}/{id}/participants (details)
struct Route {
    EventKind kind = EventKind::Webinar;
    EventId event;                          // after Zoom's double decoding
    std::optional<std::string> participant; // decoded once; none: a list endpoint
    bool details = false;                   // the participants' details list
};

struct ApiPath {
    std::optional<std::vector<std::string>> segments; // decoded once; none if undecodable
    std::optional<Route> route;                       // none: no QoS endpoint here
    // /v2/metrics/webinars or /v2/metrics/meetings: the event lists.
    std::optional<EventKind> event_list;
};

ApiPath parse_api_path(std::string_view raw_path);

} // namespace zoomqos::mock
