#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// The list endpoint's pages: page_size, next_page_token and the envelope that
// carries one slice of an event's participants.
namespace zoomqos::mock {

// The request's page_size (`default_size` when absent, at most `max_size`),
// or none after answering 400 / 300 for one that is not a positive integer.
std::optional<int> requested_page_size(const httplib::Request& req, httplib::Response& res,
                                       int default_size, int max_size);

// Page tokens are bound to a scope (the event and type, or the list's range),
// so that a token replayed elsewhere fails as Zoom's would.
std::string page_token(const std::string& scope, std::size_t offset);

// Where the page starts: 0 without a next_page_token, or none after answering
// HTTP 300 / 300 for a token not issued for `scope`.
std::optional<std::size_t> first_index(const httplib::Request& req, httplib::Response& res,
                                       const std::string& scope, std::size_t total);

// Answers GET .../participants/qos for `event` (already found, of `type`).
void serve_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                const std::string& type);

} // namespace zoomqos::mock
