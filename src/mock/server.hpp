#pragma once

#include <memory>
#include <string>
#include <vector>

#include "faults.hpp"
#include "oauth.hpp"

// The mock Zoom API as an object main() can start and stop; httplib stays an
// implementation detail of server.cpp.
namespace zoomqos::mock {

struct ServerOptions {
    std::string host = "127.0.0.1"; // loopback only; main() enforces it
    int port = 0;                   // 0 = any free port
    std::string token = "mock-token";
    std::string fixtures_dir; // empty = the `fixture` webinar does not exist
    bool quiet = false;       // no per-request line on stderr
    OAuthOptions oauth;       // what POST /oauth/token accepts and issues

    std::vector<Fault> faults; // --fault, in order
    std::string cert_file;     // with key_file: serve HTTPS
    std::string key_file;
    // A live event's participants gain one sample every this many seconds
    // from the mock's start (the first is there at once), as a running
    // webinar does, so that `get --watch` sees new samples; 0 = all at once.
    double live_sample_seconds = 0;
    // With live_sample_seconds: once a participant would show more samples
    // than this, it has left and answers 404 / 3001; 0 = never.
    int live_samples_until_gone = 0;

    // For load tests and benchmarks.
    // The webinar kGeneratedWebinarId (dataset.hpp) with this many generated
    // participants; -1 = no such webinar, 0 = one without participants.
    int generated_participants = -1;
    // The live webinar kGeneratedLiveWebinarId with this many; -1 = none.
    int generated_live_participants = -1;
    // Of those, how many leave and as many join between two walks of its
    // participant list (LiveSimulation::walk_begins); 0 = always the same.
    int churn = 0;
    // How many such webinars (generated_webinar_id(0), (1), ...).
    int generated_webinars = 1;
    // At most this many API requests (not /oauth/token, not /_mock/*) per
    // one-second window, the rest answered 429 as Zoom does; 0 = no limit.
    int rate_limit = 0;
    // After this many API requests (not /oauth/token, not /_mock/*), every
    // API request answers Zoom's Daily-limit 429 until /_mock/reset; 0 = none.
    long daily_limit = 0;
    // The mock's today (YYYY-MM-DD, UTC): where the event lists' six-month
    // limit for meetings counts from, and when the daily limit resets
    // (midnight after it). Empty: the system clock's.
    std::string today;
    // Every API request, /oauth/token included, waits this long before it is
    // answered; 0 = at once.
    int latency_ms = 0;
};

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; connections queue from here on even before serve().
    // Returns an empty string, or why binding failed.
    std::string bind();

    // "http://127.0.0.1:PORT/v2", valid once bind() succeeded.
    std::string base_url() const;

    // Accepts and answers requests until stop(). Returns false if the accept
    // loop ended without being asked to.
    bool serve();

    // Safe from any thread, also before serve() has entered its accept loop.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace zoomqos::mock
