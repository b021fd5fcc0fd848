#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// The list endpoint's pages: page_size, next_page_token and the envelope that
// carries one slice of an event's participants.
namespace zoomqos::mock {

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
