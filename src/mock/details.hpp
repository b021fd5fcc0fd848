#pragma once

#include <string>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// GET /metrics/{webinars|meetings}/{id}/participants: the participants'
// details, one entry per session, paged (page_size up to 300).
namespace zoomqos::mock {

// Answers for `event` (already found, of `type`).
void serve_details_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                        const std::string& type);

// The details session made from a QoS participant (the `index`th of its
// event): the same id, user_id, user_name, device, location, join and leave
// time, plus network, data center, quality ratings and devices.
nlohmann::ordered_json details_session(const nlohmann::ordered_json& participant, std::size_t index,
                                       EventKind kind);

} // namespace zoomqos::mock
