#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/http/pacer.hpp"
#include "zoomqos/http/retry.hpp"

namespace zoomqos::http {

// Many requests at once on one libcurl multi handle, in one thread: up to
// `concurrency` transfers in flight, connections kept alive and shared between
// them (and multiplexed over HTTP/2 where the server offers it), every start
// paced by `pacer`, every request retried by the same policy as
// perform_with_retries. A 429 pauses the whole batch through the pacer.
class Batch {
public:
    Batch(Pacer& pacer, int concurrency, std::ostream* log);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    Batch(Batch&&) = delete;
    Batch& operator=(Batch&&) = delete;

    // Receives the request's final outcome, as perform_with_retries would
    // return it. May add() more requests.
    using Done = std::function<void(Result<Response>)>;

    // Queues a request; requests start in the order they were added, retries
    // before new ones.
    void add(Request request, const RetryPolicy& policy, Done done);

    // Called every `interval` or so while run() runs (progress display).
    void on_tick(std::chrono::milliseconds interval, std::function<void()> tick);

    // Runs until every request added, also from a Done, has finished. Ctrl-C
    // aborts the transfers in flight and returns an "interrupted" error;
    // requests not finished then get no Done call.
    Status run();

    // Requests that have not started get `error` as their outcome instead of
    // being sent (after a daily-limit 429, say); the ones in flight finish.
    void cancel_pending(const Error& error);

    // Ends run() at its next turn: transfers in flight are abandoned, nothing
    // else starts, no Done is called any more (stdout closed, say).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace zoomqos::http
