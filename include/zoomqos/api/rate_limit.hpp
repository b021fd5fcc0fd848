#pragma once

#include "zoomqos/http/retry.hpp"

// Zoom's rate limits as the retry policy needs to see them. Zoom limits
// requests per second per account (what --rate and http::Pacer keep under)
// and per day. The per-second 429s are worth waiting out; one whose
// X-RateLimit-Type is "Daily-limit" lifts only when the daily quota resets
// (at midnight UTC, or when its Retry-After, an ISO-8601 date-time, says),
// so waiting for it would only hold the run up.
namespace zoomqos::api {

// The classifier for http::RetryPolicy::rate_limit: for a Daily-limit 429,
// the note that ends the call ("Zoom's daily rate limit is used up; it resets
// at …", in local time); for any other response, nothing.
http::RateLimitClassifier zoom_rate_limit_classifier();

// For http::RetryPolicy::per_second_limit: a 429 whose X-RateLimit-Type is
// "QPS" (Zoom's per-second limit), which the pacer answers by slowing down.
bool zoom_per_second_limit(const http::Response& response);

} // namespace zoomqos::api
