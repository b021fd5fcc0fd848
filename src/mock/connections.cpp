#include "connections.hpp"

#include <utility>

// Counting the TCP connections that carried an API request.
namespace zoomqos::mock {

namespace {

// The generation in which the connection this thread serves was last
// counted; 0: not yet.
thread_local std::uint64_t t_connection_counted_in = 0;

} // namespace

void ConnectionPool::enqueue(std::function<void()> fn) {
    pool_.enqueue([serve = std::move(fn)] {
        t_connection_counted_in = 0;
        serve();
    });
}

void ConnectionCounter::count() {
    const std::uint64_t generation = generation_.load();
    if (t_connection_counted_in != generation) {
        t_connection_counted_in = generation;
        ++connections_;
    }
}

void ConnectionCounter::reset() {
    connections_ = 0;
    ++generation_;
}

} // namespace zoomqos::mock
