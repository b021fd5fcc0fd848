#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/exporter/series.hpp"

// The exporter's Prometheus side, the one user of prometheus-cpp (and of the
// civetweb server it embeds): the registry the polls fill, the exporter's own
// metrics, and the HTTP endpoint serving GET /metrics and GET /healthz.
// Nothing of prometheus-cpp shows in this header.
namespace zoomqos::exporter {

// Whether the values served are fresh: /healthz answers 200 while the last
// successful poll is younger than three intervals. Read by the server's
// threads, written by the poll loop.
class Health {
public:
    using Clock = std::chrono::steady_clock;

    void succeeded(Clock::time_point when) noexcept;
    void set_interval(double seconds) noexcept;
    bool healthy(Clock::time_point now) const noexcept;
    // Seconds since the last successful poll; none before the first.
    std::optional<double> age_seconds(Clock::time_point now) const noexcept;

private:
    std::atomic<Clock::rep> last_success_{0};
    std::atomic<bool> any_success_{false};
    std::atomic<double> interval_{60};
};

// One poll's outcome, for the self metrics.
struct PollReport {
    bool ok = false;
    double duration_seconds = 0;
    double end_unix_seconds = 0;
    long requests = 0;
};

class Registry {
public:
    explicit Registry(const Health& health);
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;
    Registry(Registry&&) = delete;
    Registry& operator=(Registry&&) = delete;

    // The poll's series become exactly `points`: new ones are added, known
    // ones set, and those of participants who left and events that ended
    // removed (no stale series).
    void replace(const std::vector<Point>& points);
    std::size_t poll_series() const noexcept;

    // Self metrics. An API response (every attempt, retries included), with
    // the X-RateLimit-Type of a 429 ("" when Zoom sent none).
    void count_response(long status, std::string_view rate_limit_type);
    void add_retries(long retries);
    void add_token_mints(long mints);
    void poll_done(const PollReport& report);
    void set_daily_remaining(double remaining);
    void set_interval(double seconds);
    void set_paused(bool paused);

    // The text exposition of everything: the poll's series as serialized by the last
    // replace(), then the self metrics as they are now. What GET /metrics serves.
    std::string exposition() const;
    // The same, as one gzip member, for a scrape that accepts gzip.
    std::string exposition_gzip() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// GET /metrics (the registry) and GET /healthz on `listen` ("127.0.0.1:9464").
class Server {
public:
    // Errors: the address is malformed or taken (ErrorKind::Usage names it).
    static Result<std::unique_ptr<Server>> start(const std::string& listen, Registry& registry,
                                                 const Health& health);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    Server(Server&&) = delete;
    Server& operator=(Server&&) = delete;

    // The ports listened on (the real one when `listen` asked for port 0).
    std::vector<int> ports() const;

private:
    Server();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace zoomqos::exporter
