#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include <httplib.h>

// For /_mock/stats: how many TCP connections carried an API request, which
// tells a test whether a client reused its connections.
namespace zoomqos::mock {

// httplib's own pool, telling handlers when a new connection starts: its
// accept loop (plain and TLS alike, 0.11) hands each accepted socket to the
// queue as one task, which serves every request of that connection on its
// thread, handlers included.
class ConnectionPool final : public httplib::TaskQueue {
public:
    explicit ConnectionPool(std::size_t threads) : pool_(threads) {}

    void enqueue(std::function<void()> fn) override;
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
};

// Connections since the start or the last reset(), which starts a new
// generation. Works only in handlers run by a ConnectionPool.
class ConnectionCounter {
public:
    // Counts the connection of the request being handled, once per generation.
    void count();

    std::uint64_t total() const { return connections_.load(); }

    void reset();

private:
    std::atomic<std::uint64_t> connections_{0};
    std::atomic<std::uint64_t> generation_{1};
};

} // namespace zoomqos::mock
