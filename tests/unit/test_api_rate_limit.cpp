#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/api/rate_limit.hpp"

using namespace zoomqos;
using std::chrono::milliseconds;
using text::WallTime;

namespace {

http::Response response_429(std::string rate_limit_type) {
    http::Response response;
    response.status = 429;
    response.headers = {{"X-RateLimit-Type", std::move(rate_limit_type)}};
    return response;
}

WallTime midnight_28_november_2026() {
    using namespace std::chrono;
    return sys_days(year_month_day(year(2026), month(11), day(28)));
}

} // namespace

TEST_CASE("Zoom's Daily-limit 429 is final, whatever its case and spacing", "[api][rate]") {
    ::setenv("TZ", "UTC0", 1);
    ::tzset();
    const auto classify = api::zoom_rate_limit_classifier();
    const auto reset = midnight_28_november_2026();
    for (const char* type : {"Daily-limit", "daily-LIMIT", " Daily-limit\t", "DAILY-LIMIT\r"}) {
        CAPTURE(type);
        CHECK(classify(response_429(type), reset) ==
              "Zoom's daily rate limit is used up; it resets at 2026-11-28 00:00:00 UTC");
    }
    CHECK(classify(response_429("Daily-limit"), std::nullopt) ==
          "Zoom's daily rate limit is used up; it resets at midnight UTC");
    ::unsetenv("TZ");
    ::tzset();
}

TEST_CASE("Zoom's other 429s are worth waiting out", "[api][rate]") {
    const auto classify = api::zoom_rate_limit_classifier();
    CHECK_FALSE(classify(response_429("QPS"), std::nullopt));
    CHECK_FALSE(classify(response_429("Per-second-limit"), std::nullopt));
    CHECK_FALSE(classify(response_429("Daily-limits"), std::nullopt));
    CHECK_FALSE(classify(response_429(""), std::nullopt));
    http::Response no_header;
    no_header.status = 429;
    CHECK_FALSE(classify(no_header, std::nullopt));
    http::Response ok = response_429("Daily-limit");
    ok.status = 200;
    CHECK_FALSE(classify(ok, std::nullopt));
}

TEST_CASE("With Zoom's classifier a Daily-limit 429 ends the retries at once", "[api][rate]") {
    ::setenv("TZ", "UTC0", 1);
    ::tzset();
    http::RetryPolicy policy;
    policy.rate_limit = api::zoom_rate_limit_classifier();
    http::RetryEnvironment environment;
    environment.wall_now = [] {
        return midnight_28_november_2026() - std::chrono::hours(12);
    };
    environment.steady_now = [] {
        return std::chrono::steady_clock::time_point{};
    };
    int sleeps = 0;
    environment.sleep = [&sleeps](milliseconds) {
        ++sleeps;
        return true;
    };
    environment.random = [] {
        return 0.5;
    };
    int attempts = 0;
    const http::AttemptFunction attempt = [&attempts](const http::Request&,
                                                      http::Failure&) -> Result<http::Response> {
        ++attempts;
        http::Response response = response_429("Daily-limit");
        response.headers.emplace_back("Retry-After", "2026-11-28T00:00:00Z");
        return response;
    };
    http::Request request;
    request.timeout = milliseconds(30'000);
    const auto result = http::perform_with_retries(attempt, request, policy, nullptr, environment);
    REQUIRE(result);
    CHECK(result->status == 429);
    CHECK(attempts == 1);
    CHECK(sleeps == 0);
    CHECK(result->retry_note ==
          "Zoom's daily rate limit is used up; it resets at 2026-11-28 00:00:00 UTC");
    ::unsetenv("TZ");
    ::tzset();
}

TEST_CASE("Zoom's QPS 429 is the per-second limit the pacer slows down for", "[api][rate]") {
    for (const char* type : {"QPS", "qps", " QPS\t"}) {
        CAPTURE(type);
        CHECK(api::zoom_per_second_limit(response_429(type)));
    }
    CHECK_FALSE(api::zoom_per_second_limit(response_429("Daily-limit")));
    CHECK_FALSE(api::zoom_per_second_limit(response_429("")));
    http::Response ok = response_429("QPS");
    ok.status = 200;
    CHECK_FALSE(api::zoom_per_second_limit(ok));
}
