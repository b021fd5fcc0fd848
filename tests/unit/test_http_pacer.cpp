#include <chrono>
#include <optional>
#include <string>

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

TEST_CASE("repeated per-second 429s halve the rate; quiet spells grow it back", "[pacer]") {
    Pacer pacer(10); // 100 ms apart
    pacer.started(t0);
    // One 429 alone changes nothing: it may be another app's burst.
    pacer.per_second_limited(t0);
    CHECK(pacer.rate() == 10);
    // The second within 10 s halves the rate: starts 200 ms apart.
    pacer.per_second_limited(t0 + 3s);
    CHECK(pacer.rate() == 5);
    pacer.started(t0 + 3s);
    CHECK(pacer.next_start(t0 + 3s) == t0 + 3s + 200ms);
    // The rest of the same burst (the requests in flight) does not halve again.
    pacer.per_second_limited(t0 + 3s + 100ms);
    pacer.per_second_limited(t0 + 4s);
    CHECK(pacer.rate() == 5);
    // After the 2 s hold-off a repeat halves again.
    pacer.per_second_limited(t0 + 5s + 100ms);
    CHECK(pacer.rate() == 2.5);
    // Growth: a tenth of --rate (1/s) per 5 s without a 429, never past --rate.
    pacer.started(t0 + 9s); // 3.9 s after the last 429: not yet
    CHECK(pacer.rate() == 2.5);
    pacer.started(t0 + 10s + 100ms);
    CHECK(pacer.rate() == 3.5);
    pacer.started(t0 + 12s);
    CHECK(pacer.rate() == 3.5);
    for (int step = 1; step <= 10; ++step) {
        pacer.started(t0 + 10s + 100ms + step * 5s);
    }
    CHECK(pacer.rate() == 10);
    CHECK(pacer.stats().slowed == 2);
    CHECK(pacer.summary().ends_with("; --rate 10 lowered 2 times after repeated per-second 429s, "
                                    "settled at 10 requests/s"));
}

TEST_CASE("the rate never halves below the floor, and unpaced stays unpaced", "[pacer]") {
    Pacer slow(0.15);
    slow.per_second_limited(t0);
    slow.per_second_limited(t0 + 1s);
    CHECK(slow.rate() == Pacer::kMinimumRate);
    slow.per_second_limited(t0 + 4s);
    CHECK(slow.rate() == Pacer::kMinimumRate);
    Pacer unpaced(0);
    unpaced.per_second_limited(t0);
    unpaced.per_second_limited(t0 + 1s);
    CHECK(unpaced.rate() == 0);
    CHECK(unpaced.next_start(t0) == t0);
    CHECK(unpaced.summary().find("lowered") == std::string::npos);
}

TEST_CASE("a pause is told to the hook", "[pacer]") {
    Pacer pacer(10);
    std::optional<Pacer::Clock::time_point> told;
    pacer.on_pause([&](Pacer::Clock::time_point until) { told = until; });
    pacer.pause_until(t0 + 3s);
    CHECK(told == t0 + 3s);
}
