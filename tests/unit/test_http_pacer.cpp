#include <chrono>

#include <catch2/catch.hpp>

#include "zoomqos/http/pacer.hpp"

using zoomqos::http::Pacer;
using namespace std::chrono_literals;

namespace {

const Pacer::Clock::time_point t0 = Pacer::Clock::time_point{} + 1000s;

} // namespace

TEST_CASE("starts are spaced by 1/rate, never in bursts", "[pacer]") {
    Pacer pacer(40); // 25 ms apart
    CHECK(pacer.next_start(t0) == t0);
    pacer.started(t0);
    CHECK(pacer.next_start(t0) == t0 + 25ms);
    CHECK(pacer.next_start(t0 + 10ms) == t0 + 25ms);
    // A start that happened late moves the next one back with it.
    pacer.started(t0 + 30ms);
    CHECK(pacer.next_start(t0 + 30ms) == t0 + 55ms);
    // After an idle spell there is one start's worth of credit, not a burst.
    pacer.started(t0 + 10s);
    CHECK(pacer.next_start(t0 + 10s) == t0 + 10s + 25ms);
}

TEST_CASE("an unpaced pacer never waits", "[pacer]") {
    Pacer pacer(0);
    pacer.started(t0);
    pacer.started(t0);
    CHECK(pacer.next_start(t0) == t0);
}

TEST_CASE("a 429's pause holds every start until it ends", "[pacer]") {
    Pacer pacer(10);
    pacer.started(t0);
    pacer.pause_until(t0 + 2s);
    CHECK(pacer.next_start(t0 + 100ms) == t0 + 2s);
    // A shorter pause does not cut a longer one short.
    pacer.pause_until(t0 + 1s);
    CHECK(pacer.next_start(t0 + 1500ms) == t0 + 2s);
    CHECK(pacer.next_start(t0 + 3s) == t0 + 3s);
}

TEST_CASE("the -v summary counts requests, retries, 429s and the rate", "[pacer]") {
    Pacer pacer(10);
    for (int i = 0; i < 11; ++i) {
        pacer.started(t0 + i * 100ms);
        pacer.answered(i == 3 ? 429 : 200);
    }
    pacer.retried();
    CHECK(pacer.stats().requests == 11);
    CHECK(pacer.stats().rate_limited == 1);
    CHECK(pacer.summary() == "11 requests, 1 retry, 1 rate limited (HTTP 429), 10.0 requests/s");
    CHECK(Pacer(5).summary() == "0 requests, 0 retries, 0 rate limited (HTTP 429)");
}
