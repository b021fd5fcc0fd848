#pragma once

#include <vector>

#include "zoomqos/api/event_lists.hpp"

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// The Dashboard event lists: GET /v2/metrics/webinars and /v2/metrics/meetings
// over a date range, page by page, refusing the ranges Zoom refuses.
namespace zoomqos::mock {

// The account's event history the lists serve: fixed dates from October to
// December 2026 (dataset.hpp names the UUIDs), the --participants webinar
// when `generated_participants` >= 0 (`generated_webinars` of them, a minute
// apart), the --live-participants one when `generated_live_participants` >= 0,
// and one ended webinar whose QoS data is not ready (its participants answer
// 404 / 3001).
std::vector<ListedEvent> standard_listing(int generated_participants, int generated_webinars = 1,
                                          int generated_live_participants = -1);

// `today`: the mock's clock (--today), for the six-month limit on meetings.
void handle_event_list(const Dataset& dataset, api::Date today, const httplib::Request& req,
                       httplib::Response& res, EventKind kind);

} // namespace zoomqos::mock
