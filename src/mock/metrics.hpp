#pragma once

#include <optional>
#include <string>

#include "dataset.hpp"
#include "httplib_fwd.hpp"
#include "live.hpp"
#include "routing.hpp"

// The Dashboard QoS endpoints a client with valid credentials reaches: one
// participant, a page of them, or a fixture file.
namespace zoomqos::mock {

// What the endpoints answer from.
struct MetricsSource {
    const Dataset& dataset;
    const std::string& fixtures_dir; // empty: the `fixture` event does not exist
    LiveSimulation& live;            // a list walk beginning moves its churn on
};

// Checks run in Zoom's order: method, route, parameters, the event, then the
// participant. `route` is none when the path names no endpoint.
void handle_metrics(MetricsSource& source, const httplib::Request& req, httplib::Response& res,
                    const std::optional<Route>& route);

} // namespace zoomqos::mock
