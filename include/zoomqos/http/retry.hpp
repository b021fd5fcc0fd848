#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/pacer.hpp"
#include "zoomqos/text/time.hpp"

// The retry policy: which outcomes are worth another attempt, how long to
// wait before it, and when to stop. Every request zoomqos makes goes through
// perform_with_retries, so the policy lives here and nowhere else.
namespace zoomqos::http {

// Tells a 429 that no wait within reach lifts (a quota used up until a reset
// hours away, say) from one worth waiting out, by the rules of the server at
// hand, which this module does not know. For the former, the note the call
// ends with at once (why, and when to come back); for the latter, nothing.
// `resets_at` is the response's Retry-After, when it names a usable instant.
using RateLimitClassifier = std::function<std::optional<std::string>(
    const Response& response, std::optional<text::WallTime> resets_at)>;

struct RetryPolicy {
    int retries = 3; // attempts after the first; 0 = one attempt only
    std::chrono::milliseconds backoff_base{1'000};
    std::chrono::milliseconds backoff_cap{30'000};
    // A Retry-After further away than this is not waited out (--max-wait).
    std::chrono::milliseconds max_wait{60'000};
    // Empty: every 429 is waited out or backed off alike.
    RateLimitClassifier rate_limit;
    // Whether a 429 says a per-second limit was hit, which the run's Pacer
    // answers by lowering its rate. Empty: none says so.
    std::function<bool(const Response& response)> per_second_limit;
};

// Where time and chance come from, so that unit tests are exact.
struct RetryEnvironment {
    std::function<std::chrono::system_clock::time_point()> wall_now; // for HTTP dates
    std::function<std::chrono::steady_clock::time_point()> steady_now;
    // Waits this long; false when the wait was interrupted (SIGINT).
    std::function<bool(std::chrono::milliseconds)> sleep;
    std::function<double()> random; // uniform in [0, 1)

    // The real clocks, an interruptible sleep and a seeded generator.
    static RetryEnvironment system();
};

// Retry-After: a number of seconds, an HTTP-date (text::parse_http_date) or,
// as some servers send, an ISO-8601 date-time with a zone
// (text::parse_iso8601). The instant it names, or nothing when the value is
// none of these.
std::optional<text::WallTime> parse_retry_after(std::string_view value, text::WallTime now);

// Exponential backoff with full jitter: random × min(cap, base × 2^retry),
// retry counting from 0.
std::chrono::milliseconds backoff_delay(int retry, const RetryPolicy& policy, double random);

// One attempt: the response or error, and whether a failed transfer is safe
// to repeat. Client::perform is the real one; tests script their own.
using AttemptFunction = std::function<Result<Response>(const Request&, Failure&)>;

// The retry policy as a state machine, for callers that run attempts
// themselves (the concurrent Batch) as well as for perform_with_retries:
//   sequence.next_attempt() → run it → sequence.after(outcome, failure) →
//   either the final outcome, or a wait before the next attempt.
class RetrySequence {
public:
    RetrySequence(const Request& request, const RetryPolicy& policy, std::ostream* log,
                  const RetryEnvironment& environment);

    // The request for the next attempt: its timeout is what is left of the budget.
    const Request& next_attempt();

    struct Wait {
        std::chrono::milliseconds delay{0};
        bool rate_limited = false;    // the attempt got a 429
        bool server_directed = false; // the delay is the server's Retry-After
        bool per_second = false;      // a 429 that policy.per_second_limit recognised
    };
    struct Step {
        std::optional<Result<Response>> outcome; // set: the sequence has ended
        Wait wait;                               // otherwise: wait this long, then next_attempt()
    };
    Step after(Result<Response> outcome, Failure failure);

    int attempts() const noexcept { return attempts_; }

private:
    Request each_;
    RetryPolicy policy_;
    std::ostream* log_;
    const RetryEnvironment* environment_;
    std::chrono::steady_clock::time_point deadline_;
    int attempts_ = 0;
};

// Performs `request`, retrying as the policy says:
// - 429: waits as Retry-After says, else backs off; a 429 the policy's
//   rate_limit classifier calls final or a Retry-After beyond max_wait ends
//   at once with a note on when to come back.
// - 500, 502, 503, 504 and transfers that failed in a way safe to repeat
//   (refused, reset, timed out, empty reply, partial body): backs off.
// - everything else is final (400, 401, 403, 404, any 2xx ...).
// request.timeout is the budget of the whole call: each attempt gets what is
// left of it, and a backoff that does not fit ends the call with the last
// outcome. Waits a server asks for with Retry-After are bounded by max_wait
// instead and extend the budget by their length. After the last attempt the
// outcome is that attempt's. `log` (-v) gets one line per retry.
Result<Response> perform_with_retries(const AttemptFunction& attempt, const Request& request,
                                      const RetryPolicy& policy, std::ostream* log,
                                      const RetryEnvironment& environment);
// With a real Client. With `pacer`, each attempt first waits for its turn
// (--rate), and a 429's wait pauses every request the pacer paces.
Result<Response> perform_with_retries(Client& client, const Request& request,
                                      const RetryPolicy& policy, std::ostream* log,
                                      Pacer* pacer = nullptr);

} // namespace zoomqos::http
