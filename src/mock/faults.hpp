#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httplib {
struct Response;
}

// Fault injection for the integration tests: the next N API requests get a
// scripted answer instead of (or on top of) the normal one. Set with
// `--fault SPEC` (repeatable, in order) or POST /_mock/faults.
//
// SPEC is `;`-separated items (`;` because HTTP-dates hold commas):
//   status=N          answer with this status
//   header=Name: v    add a header (repeatable)
//   body=TEXT         answer with this body (JSON content type)
//   size=BYTES        a JSON body of exactly this many bytes, generated while sent
//   chunked           with size or samples: no Content-Length, so only streaming reveals the size
//   samples=N         a 200 participant of N realistic samples, a minute apart (tens of MB)
//   invalid-json      a 200 body that is not JSON;  html  an HTML error page;
//   array             a JSON array instead of an object
//   redirect=URL      302 with Location: URL
//   delay=MS          wait before answering
//   stall             send the headers, then nothing
//   trickle=MS        send the body one byte every MS milliseconds
//   cut               announce the whole body, send half, close the connection
//   count=N|forever   how many requests it applies to (default 1)
namespace zoomqos::mock {

struct Fault {
    int status = 0; // 0: the normal answer's
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> body;
    std::string content_type = "application/json;charset=UTF-8";
    std::optional<std::size_t> size;
    std::optional<std::size_t> samples;
    bool chunked = false;
    int delay_ms = 0;
    bool stall = false;
    int trickle_ms = 0;
    bool cut = false;
    int count = 1; // -1 = forever
};

// The fault, or why SPEC is not one.
struct ParsedFault {
    std::optional<Fault> fault;
    std::string error;
};
ParsedFault parse_fault(std::string_view spec);

class FaultQueue {
public:
    void add(Fault fault);
    void clear();
    std::size_t pending() const;
    // The fault for the next request, if any; counts it down.
    std::optional<Fault> take();

private:
    mutable std::mutex mutex_;
    std::deque<Fault> faults_;
};

// Whether the fault replaces the normal answer (status, body) or only changes
// how it is delivered (delay, stall, trickle, cut).
bool replaces_answer(const Fault& fault);

// Sets status, headers and body of the scripted answer.
void apply_answer(const Fault& fault, httplib::Response& res);

// Turns res.body into a content provider that stalls, trickles or cuts, when
// the fault says so. `stopping` ends a stall or trickle when the mock stops.
void apply_delivery(const Fault& fault, httplib::Response& res, const std::atomic<bool>& stopping);

// Sleeps `ms`, or less when the mock stops.
void pause(int ms, const std::atomic<bool>& stopping);

} // namespace zoomqos::mock
