#include "pages.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include <httplib.h>

#include "reply.hpp"
#include "text.hpp"

// The list endpoint's pages: page sizes, page tokens and participant slices.
namespace zoomqos::mock {

namespace {

// Zoom's list endpoints default to one participant per page and documented a
// maximum of 10 (2022). A page_size that is not a positive integer is a
// validation error (400 / 300, as Zoom answers for malformed fields); a larger
// one is clamped to 10 and the envelope's page_size says so, the way Zoom
// quietly clamps oversized pages on its other list endpoints.
constexpr int kDefaultPageSize = 1;
constexpr int kMaxPageSize = 10;

std::optional<int> parse_positive_int(const std::string& text) {
    if (text.empty() || text.size() > 6 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const int value = std::stoi(text);
    return value > 0 ? std::optional<int>(value) : std::nullopt;
}

// Page tokens are opaque to clients but bound to the event and type they were
// issued for, so that a token replayed elsewhere fails as Zoom's would.
std::uint32_t fnv1a(std::string_view text) {
    std::uint32_t hash = 2166136261U;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619U;
    }
    return hash;
}

std::string page_scope(const Event& event, const std::string& type) {
    return event_title(event.kind) + "|" + event.id + "|" + type;
}

} // namespace

std::string page_token(const std::string& scope, std::size_t offset) {
    return "mk" + hex(fnv1a(scope), 8) + hex(static_cast<std::uint32_t>(offset), 6);
}

std::optional<std::size_t> page_offset(const std::string& scope, const std::string& token,
                                       std::size_t total) {
    if (token.size() != 16 || token.compare(0, 10, "mk" + hex(fnv1a(scope), 8)) != 0) {
        return std::nullopt;
    }
    std::size_t offset = 0;
    for (const char c : token.substr(10)) {
        const int digit = hex_digit(c);
        if (digit < 0 || (c >= 'A' && c <= 'F')) {
            return std::nullopt;
        }
        offset = offset * 16 + static_cast<std::size_t>(digit);
    }
    if (offset == 0 || offset >= total) {
        return std::nullopt;
    }
    return offset;
}

std::optional<int> requested_page_size(const httplib::Request& req, httplib::Response& res,
                                       int default_size, int max_size) {
    if (!req.has_param("page_size")) {
        return default_size;
    }
    const auto requested = parse_positive_int(req.get_param_value("page_size"));
    if (!requested) {
        send_invalid_field(res, "page_size");
        return std::nullopt;
    }
    return std::min(*requested, max_size);
}

std::optional<std::size_t> first_index(const httplib::Request& req, httplib::Response& res,
                                       const std::string& scope, std::size_t total) {
    const std::string token = req.get_param_value("next_page_token");
    if (token.empty()) {
        return 0;
    }
    const auto resumed = page_offset(scope, token, total);
    if (!resumed) {
        // Zoom documents HTTP 300 for this one.
        send_error(res, 300, 300, "The next page token is invalid or expired.");
    }
    return resumed;
}

void serve_listing(const httplib::Request& req, httplib::Response& res, const Listing& listing) {
    const std::optional<int> page_size =
        requested_page_size(req, res, listing.default_page_size, listing.max_page_size);
    if (!page_size) {
        return;
    }
    const std::size_t total = listing.total;
    const std::optional<std::size_t> offset = first_index(req, res, listing.scope, total);
    if (!offset) {
        return;
    }
    const auto size = static_cast<std::size_t>(*page_size);
    const std::size_t end = std::min(total, *offset + size);
    Json participants = Json::array();
    for (std::size_t i = *offset; i < end; ++i) {
        participants.push_back(listing.item(i));
    }
    const Json envelope{{"page_count", (total + size - 1) / size},
                        {"page_size", *page_size},
                        {"total_records", total},
                        {"next_page_token", end < total ? page_token(listing.scope, end) : ""},
                        {"participants", std::move(participants)}};
    send_json(res, 200, serialize(envelope), kZoomData);
}

void serve_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                const std::string& type) {
    Listing listing;
    listing.scope = page_scope(event, type);
    listing.total = participant_count(event);
    listing.default_page_size = kDefaultPageSize;
    listing.max_page_size = kMaxPageSize;
    listing.item = [&event](std::size_t i) {
        return participant_at(event, i);
    };
    serve_listing(req, res, listing);
}

} // namespace zoomqos::mock
