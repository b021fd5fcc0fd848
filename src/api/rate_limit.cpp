#include "zoomqos/api/rate_limit.hpp"

#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::api {

namespace {

std::optional<std::string> daily_limit_note(const http::Response& response,
                                            std::optional<text::WallTime> resets_at) {
    if (response.status != 429 ||
        !text::iequals(text::trim(response.header("X-RateLimit-Type")), "Daily-limit")) {
        return std::nullopt;
    }
    std::string note = "Zoom's daily rate limit is used up";
    note += resets_at ? "; it resets at " + text::format_local_time(*resets_at)
                      : "; it resets at midnight UTC";
    return note;
}

} // namespace

http::RateLimitClassifier zoom_rate_limit_classifier() {
    return daily_limit_note;
}

bool zoom_per_second_limit(const http::Response& response) {
    return response.status == 429 &&
           text::iequals(text::trim(response.header("X-RateLimit-Type")), "QPS");
}

} // namespace zoomqos::api
