#pragma once

#include <cstddef>
#include <functional>
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

// What one of the Dashboard's paged lists serves: `total` items, the one at
// an index made on request, page sizes from `default_page_size` up to
// `max_page_size`, and page tokens bound to `scope`.
struct Listing {
    std::string scope;
    std::size_t total = 0;
    int default_page_size = 1;
    int max_page_size = 10;
    std::function<nlohmann::ordered_json(std::size_t)> item;
};
// Answers one page of `listing` ({page_count, page_size, total_records,
// next_page_token, participants}), or 400 / 300 for a bad page_size or token.
void serve_listing(const httplib::Request& req, httplib::Response& res, const Listing& listing);

} // namespace zoomqos::mock
