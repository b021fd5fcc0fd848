#include "metrics.hpp"

#include <httplib.h>

#include "details.hpp"
#include "fixtures.hpp"
#include "pages.hpp"
#include "reply.hpp"

// The Dashboard QoS endpoints behind the credential check.
namespace zoomqos::mock {

namespace {

void serve_participant(const MetricsSource& source, httplib::Response& res, const Event& event,
                       const std::string& participant_id) {
    const std::optional<Json> participant = find_participant(event, participant_id);
    if (!participant) {
        send_no_event(res, event.kind, event.id);
        return;
    }
    if (event.state == EventState::Live && source.live.enabled()) {
        source.live.serve(res, event, *participant);
        return;
    }
    send_json(res, 200, serialize(*participant), kZoomData);
}

} // namespace

void handle_metrics(MetricsSource& source, const httplib::Request& req, httplib::Response& res,
                    const std::optional<Route>& route) {
    if (req.method != "GET" && req.method != "HEAD") {
        send_method_not_allowed(res, req);
        return;
    }
    if (!route) {
        send_error(res, 404, 404, "No API endpoint at this path.");
        return;
    }
    const std::string type = req.has_param("type") ? req.get_param_value("type") : "live";
    if (type != "live" && type != "past") {
        send_invalid_field(res, "type");
        return;
    }
    const EventId& event_id = route->event;
    if (!event_id.reachable) {
        send_no_event(res, route->kind, event_id.id);
        return;
    }
    if (event_id.id == "fixture" && !source.fixtures_dir.empty()) {
        serve_fixture(res, source.fixtures_dir, *route);
        return;
    }
    const Event* event = source.dataset.find_event(route->kind, event_id.id);
    // Zoom answers 3001 both for an ended event asked with type=live and
    // for a running one asked with type=past.
    const EventState wanted = type == "past" ? EventState::Ended : EventState::Live;
    if (event == nullptr || event->state != wanted) {
        send_no_event(res, route->kind, event_id.id);
        return;
    }
    std::optional<Event> present; // a live event without those who left
    if (event->state == EventState::Live) {
        if (!route->participant && !route->details &&
            req.get_param_value("next_page_token").empty()) {
            source.live.walk_begins();
        }
        present = source.live.present(*event);
        event = &*present;
    }
    if (route->participant) {
        serve_participant(source, res, *event, *route->participant);
        return;
    }
    if (route->details) {
        serve_details_page(req, res, *event, type);
        return;
    }
    serve_page(req, res, *event, type);
}

} // namespace zoomqos::mock
