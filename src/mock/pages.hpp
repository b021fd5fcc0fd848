#pragma once

#include <string>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// The list endpoint's pages: page_size, next_page_token and the envelope that
// carries one slice of an event's participants.
namespace zoomqos::mock {

// Answers GET .../participants/qos for `event` (already found, of `type`).
void serve_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                const std::string& type);

} // namespace zoomqos::mock
