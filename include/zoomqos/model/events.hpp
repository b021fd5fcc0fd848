#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"

// The Dashboard's event listing (GET /metrics/webinars?type=live, and
// /metrics/meetings): which events run now. nlohmann exceptions stop here.
namespace zoomqos::model {

struct EventSummary {
    std::string id;   // the number shared by every instance; Zoom sends it as a number
    std::string uuid; // the instance
    std::string topic;
};

// One page of the listing: the events under `list_key` ("webinars" or
// "meetings") and where the next page starts (empty: the last page). An event
// with neither a usable id nor a uuid is skipped: nothing could be asked
// about it. Errors: not JSON, not an object, the list not an array, an entry
// that is not an object (ErrorKind::InvalidResponse).
struct EventPage {
    std::vector<EventSummary> events;
    std::string next_page_token;
};
Result<EventPage> parse_event_page(std::string_view body, std::string_view list_key);

} // namespace zoomqos::model
