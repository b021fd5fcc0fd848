#include <deque>
#include <optional>
#include <sstream>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/http/retry.hpp"

using namespace zoomqos;
using namespace zoomqos::http;
using std::chrono::milliseconds;
using std::chrono::seconds;
using WallTime = std::chrono::system_clock::time_point;

namespace {

WallTime utc(int year, unsigned month, unsigned day, int hour, int minute, int second) {
    return std::chrono::sys_days(std::chrono::year_month_day(
               std::chrono::year(year), std::chrono::month(month), std::chrono::day(day))) +
           std::chrono::hours(hour) + std::chrono::minutes(minute) + seconds(second);
}

// A scripted server and a fake clock: time moves only by the waits the
// retry loop asks for (and by what an attempt is scripted to take).
struct Script {
    struct Step {
        Result<Response> outcome;
        Failure failure = Failure::None;
        milliseconds takes{0};
    };
    std::deque<Step> steps;
    std::vector<Request> seen;
    std::vector<milliseconds> waits;
    WallTime wall = utc(2026, 11, 27, 12, 0, 0);
    std::chrono::steady_clock::time_point steady{};
    double random = 0.5;
    bool interrupt_wait = false;

    void respond(long status, std::vector<std::pair<std::string, std::string>> headers = {},
                 milliseconds takes = milliseconds(0)) {
        Response response;
        response.status = status;
        response.headers = std::move(headers);
        steps.push_back({std::move(response), Failure::None, takes});
    }
    void fail(Failure failure, std::string message, milliseconds takes = milliseconds(0)) {
        steps.push_back({make_error(ErrorKind::Network, std::move(message)), failure, takes});
    }

    AttemptFunction attempt() {
        return [this](const Request& request, Failure& failure) -> Result<Response> {
            seen.push_back(request);
            REQUIRE(!steps.empty());
            Step step = std::move(steps.front());
            steps.pop_front();
            advance(step.takes);
            failure = step.failure;
            return std::move(step.outcome);
        };
    }
    void advance(milliseconds by) {
        wall += by;
        steady += by;
    }
    RetryEnvironment environment() {
        RetryEnvironment e;
        e.wall_now = [this] {
            return wall;
        };
        e.steady_now = [this] {
            return steady;
        };
        e.sleep = [this](milliseconds wait) {
            waits.push_back(wait);
            advance(wait);
            return !interrupt_wait;
        };
        e.random = [this] {
            return random;
        };
        return e;
    }
    Result<Response> run(const RetryPolicy& policy, milliseconds timeout = milliseconds(30'000),
                         std::ostream* log = nullptr) {
        Request request;
        request.url = "http://127.0.0.1:1/v2/x";
        request.timeout = timeout;
        return perform_with_retries(attempt(), request, policy, log, environment());
    }
};

} // namespace

TEST_CASE("Retry-After as a number of seconds", "[http][retry]") {
    const WallTime now = utc(2026, 11, 27, 12, 0, 0);
    CHECK(parse_retry_after("1", now) == now + seconds(1));
    CHECK(parse_retry_after(" 120 ", now) == now + seconds(120));
    CHECK(parse_retry_after("0", now) == now);
    // Absurd values are capped at a year instead of overflowing.
    CHECK(parse_retry_after("99999999999999999999999", now) == now + seconds(366LL * 86400));
    CHECK_FALSE(parse_retry_after("", now));
    CHECK_FALSE(parse_retry_after("-1", now));
    CHECK_FALSE(parse_retry_after("1.5", now));
    CHECK_FALSE(parse_retry_after("soon", now));
}

TEST_CASE("Retry-After as a date: an HTTP-date or an ISO-8601 date-time", "[http][retry]") {
    // The date forms themselves are text::parse_http_date's and
    // text::parse_iso8601's (test_text_time.cpp).
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", WallTime{}) ==
          utc(1994, 11, 6, 8, 49, 37));
    CHECK(parse_retry_after(" Sun Nov  6 08:49:37 1994 ", WallTime{}) ==
          utc(1994, 11, 6, 8, 49, 37));
    CHECK(parse_retry_after("2020-05-31T00:00:00Z", WallTime{}) == utc(2020, 5, 31, 0, 0, 0));
    CHECK_FALSE(parse_retry_after("Sun, 06 Nov 9994 08:49:37 GMT", WallTime{}));
    CHECK_FALSE(parse_retry_after("2020-05-31T00:00:00", WallTime{}));
}

TEST_CASE("Backoff is exponential with full jitter, capped", "[http][retry]") {
    RetryPolicy policy;
    CHECK(backoff_delay(0, policy, 0.0) == milliseconds(0));
    CHECK(backoff_delay(0, policy, 0.5) == milliseconds(500));
    CHECK(backoff_delay(1, policy, 0.5) == milliseconds(1000));
    CHECK(backoff_delay(2, policy, 0.999) == milliseconds(3996));
    CHECK(backoff_delay(4, policy, 1.0) == milliseconds(16'000));
    CHECK(backoff_delay(5, policy, 1.0) == milliseconds(30'000)); // 32 s capped at 30
    CHECK(backoff_delay(60, policy, 1.0) == milliseconds(30'000));
}

TEST_CASE("A 429 with Retry-After is waited out, then the 200 returned", "[http][retry]") {
    Script script;
    script.respond(429, {{"Retry-After", "1"}});
    script.respond(200);
    std::ostringstream log;
    auto result = script.run(RetryPolicy{}, milliseconds(30'000), &log);
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->attempts == 2);
    CHECK(script.waits == std::vector<milliseconds>{milliseconds(1000)});
    CHECK(log.str() == "* retry 1/3 in 1.0 s after HTTP 429 (Retry-After)\n");
}

TEST_CASE("A Retry-After date in the past means retry at once", "[http][retry]") {
    Script script;
    script.respond(429, {{"Retry-After", "2020-05-31T00:00:00Z"}});
    script.respond(429, {{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}});
    script.respond(200);
    auto result = script.run(RetryPolicy{});
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(script.waits == std::vector<milliseconds>{milliseconds(0), milliseconds(0)});
}

TEST_CASE("A 429 without Retry-After backs off", "[http][retry]") {
    Script script;
    script.random = 0.25;
    script.respond(429);
    script.respond(429);
    script.respond(429);
    script.respond(429);
    auto result = script.run(RetryPolicy{});
    REQUIRE(result);
    CHECK(result->status == 429); // the last attempt's answer: the api layer makes it exit 5
    CHECK(result->attempts == 4);
    CHECK(result->retry_note == "gave up after 4 attempts (--retries)");
    CHECK(script.waits ==
          std::vector<milliseconds>{milliseconds(250), milliseconds(500), milliseconds(1000)});
}

TEST_CASE("A 429 the rate-limit classifier calls final is not waited out", "[http][retry]") {
    Script script;
    script.respond(429, {{"X-Quota", "used-up"}, {"Retry-After", "2026-11-28T00:00:00Z"}});
    RetryPolicy policy;
    std::optional<WallTime> seen_reset;
    policy.rate_limit = [&](const Response& response,
                            std::optional<WallTime> resets_at) -> std::optional<std::string> {
        seen_reset = resets_at;
        if (response.header("X-Quota") != "used-up") {
            return std::nullopt;
        }
        return "the quota is used up";
    };
    auto result = script.run(policy);
    REQUIRE(result);
    CHECK(result->status == 429);
    CHECK(script.seen.size() == 1);
    CHECK(script.waits.empty());
    CHECK(result->retry_note == "the quota is used up");
    CHECK(seen_reset == utc(2026, 11, 28, 0, 0, 0));

    // A 429 it does not call final is waited out as usual.
    Script other;
    other.respond(429, {{"Retry-After", "1"}});
    other.respond(200);
    auto waited = other.run(policy);
    REQUIRE(waited);
    CHECK(waited->status == 200);
    CHECK(other.waits == std::vector<milliseconds>{milliseconds(1000)});
}

TEST_CASE("Without a classifier no 429 header is special", "[http][retry]") {
    // The policy knows no server's rules: a daily-limit header from a server
    // it has not been told about is an ordinary 429.
    Script script;
    script.respond(429, {{"X-RateLimit-Type", "Daily-limit"}, {"Retry-After", "1"}});
    script.respond(200);
    auto result = script.run(RetryPolicy{});
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(script.seen.size() == 2);
    CHECK(script.waits == std::vector<milliseconds>{milliseconds(1000)});
}

TEST_CASE("A Retry-After beyond --max-wait ends at once", "[http][retry]") {
    Script script;
    script.respond(429, {{"Retry-After", "61"}});
    RetryPolicy policy;
    policy.max_wait = milliseconds(60'000);
    auto result = script.run(policy);
    REQUIRE(result);
    CHECK(result->status == 429);
    CHECK(script.seen.size() == 1);
    CHECK(script.waits.empty());
    CHECK(result->retry_note.find("longer than --max-wait allows") != std::string::npos);

    Script exactly;
    exactly.respond(429, {{"Retry-After", "60"}});
    exactly.respond(200);
    REQUIRE(exactly.run(policy));
    CHECK(exactly.waits == std::vector<milliseconds>{milliseconds(60'000)});
}

TEST_CASE("5xx responses are retried; other statuses are final", "[http][retry]") {
    for (const long status : {500L, 502L, 503L, 504L}) {
        Script script;
        script.respond(status);
        script.respond(200);
        auto result = script.run(RetryPolicy{});
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(script.seen.size() == 2);
    }
    for (const long status : {200L, 300L, 302L, 400L, 401L, 403L, 404L, 501L, 505L}) {
        Script script;
        script.respond(status);
        auto result = script.run(RetryPolicy{});
        REQUIRE(result);
        CHECK(result->status == status);
        CHECK(result->retry_note.empty());
        CHECK(script.seen.size() == 1);
    }
}

TEST_CASE("Transport failures: retryable ones are repeated, others are not", "[http][retry]") {
    Script script;
    script.fail(Failure::Retryable, "could not connect (connection refused or unreachable): x");
    script.fail(Failure::Retryable, "connection broken during the response: x");
    script.respond(200);
    auto ok = script.run(RetryPolicy{});
    REQUIRE(ok);
    CHECK(ok->attempts == 3);

    Script tls;
    tls.fail(Failure::Permanent, "TLS certificate problem: x");
    auto failed = tls.run(RetryPolicy{});
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "TLS certificate problem: x");
    CHECK(tls.seen.size() == 1);

    Script always;
    always.fail(Failure::Retryable, "could not connect: x");
    always.fail(Failure::Retryable, "could not connect: x");
    RetryPolicy two;
    two.retries = 1;
    auto last = always.run(two);
    REQUIRE_FALSE(last);
    CHECK(last.error().kind == ErrorKind::Network);
    CHECK(last.error().message == "could not connect: x (2 attempts)");
}

TEST_CASE("No retries (--retries 0) means exactly one attempt", "[http][retry]") {
    Script script;
    script.respond(503);
    RetryPolicy policy;
    policy.retries = 0;
    auto result = script.run(policy);
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(result->retry_note.empty());
    CHECK(script.seen.size() == 1);
}

TEST_CASE("Each attempt gets what is left of the timeout", "[http][retry]") {
    Script script;
    script.random = 1.0;
    script.fail(Failure::Retryable, "request timed out: x", milliseconds(2'000));
    script.fail(Failure::Retryable, "request timed out: x", milliseconds(500));
    script.respond(200);
    auto result = script.run(RetryPolicy{}, milliseconds(10'000));
    REQUIRE(result);
    REQUIRE(script.seen.size() == 3);
    CHECK(script.seen[0].timeout == milliseconds(10'000));
    CHECK(script.seen[1].timeout == milliseconds(7'000)); // 10 - 2 - 1 (backoff)
    CHECK(script.seen[2].timeout == milliseconds(4'500)); // 7 - 0.5 - 2 (backoff)
    // The low-speed window comes from the whole budget, not from what is left.
    CHECK(script.seen[2].low_speed_time == seconds(3));
}

TEST_CASE("A backoff that does not fit the timeout ends the call at once", "[http][retry]") {
    Script script;
    script.random = 1.0;
    script.fail(Failure::Retryable, "request timed out: x", milliseconds(2'500));
    auto result = script.run(RetryPolicy{}, milliseconds(3'000));
    REQUIRE_FALSE(result);
    CHECK(script.seen.size() == 1);
    CHECK(script.waits.empty());
}

TEST_CASE("A Retry-After wait does not use up the timeout", "[http][retry]") {
    Script script;
    script.respond(429, {{"Retry-After", "5"}});
    script.respond(200);
    auto result = script.run(RetryPolicy{}, milliseconds(2'000));
    REQUIRE(result);
    CHECK(script.seen[1].timeout == milliseconds(2'000));
}

TEST_CASE("An interrupted wait ends the call", "[http][retry]") {
    Script script;
    script.interrupt_wait = true;
    script.respond(429, {{"Retry-After", "30"}});
    auto result = script.run(RetryPolicy{});
    REQUIRE_FALSE(result);
    CHECK(result.error().message == "interrupted");
    CHECK(script.seen.size() == 1);

    Script during;
    during.fail(Failure::Interrupted, "interrupted");
    REQUIRE_FALSE(during.run(RetryPolicy{}));
    CHECK(during.seen.size() == 1);
    CHECK(during.waits.empty());
}

TEST_CASE("A 429 the per-second classifier recognises is flagged for the pacer", "[http][retry]") {
    Script script;
    RetryPolicy policy;
    policy.per_second_limit = [](const Response& response) {
        return response.header("X-RateLimit-Type") == "QPS";
    };
    const RetryEnvironment environment = script.environment();
    Request request;
    request.url = "http://127.0.0.1:1/v2/x";
    request.timeout = milliseconds(30'000);
    RetrySequence sequence(request, policy, nullptr, environment);
    const auto after = [&](long status, std::string type) {
        (void)sequence.next_attempt();
        Response response;
        response.status = status;
        response.headers = {{"Retry-After", "1"}, {"X-RateLimit-Type", std::move(type)}};
        return sequence.after(std::move(response), Failure::None);
    };
    const auto qps = after(429, "QPS");
    CHECK(qps.wait.rate_limited);
    CHECK(qps.wait.per_second);
    const auto other = after(429, "Other");
    CHECK(other.wait.rate_limited);
    CHECK_FALSE(other.wait.per_second);
    // Without the classifier no 429 is a per-second one.
    RetrySequence plain(request, RetryPolicy{}, nullptr, environment);
    (void)plain.next_attempt();
    Response response;
    response.status = 429;
    response.headers = {{"Retry-After", "1"}, {"X-RateLimit-Type", "QPS"}};
    CHECK_FALSE(plain.after(std::move(response), Failure::None).wait.per_second);
}
