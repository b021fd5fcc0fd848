#pragma once

#include <string_view>

#include "connections.hpp"
#include "faults.hpp"
#include "httplib_fwd.hpp"
#include "live.hpp"
#include "oauth.hpp"
#include "rate_limit.hpp"
#include "request_log.hpp"

// The test-only plane under /_mock/, without auth: what the mock saw
// (requests, stats, tokens), and what it should do next (faults, reset,
// revoked tokens).
namespace zoomqos::mock {

// The pieces of the running mock that the control plane reads and resets.
struct ControlState {
    RequestLog& log;
    RateLimiter& rate_limiter;
    DailyLimiter& daily_limiter;
    ConnectionCounter& connections;
    LiveSimulation& live;
    TokenIssuer& issuer;
    FaultQueue& faults;
};

// Answers a request whose raw path begins with /_mock/.
void handle_control(ControlState& state, const httplib::Request& req, httplib::Response& res,
                    std::string_view path);

} // namespace zoomqos::mock
