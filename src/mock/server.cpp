#include "server.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <utility>

#include <httplib.h>

#include "connections.hpp"
#include "control.hpp"
#include "dataset.hpp"
#include "events.hpp"
#include "faults.hpp"
#include "live.hpp"
#include "metrics.hpp"
#include "oauth.hpp"
#include "rate_limit.hpp"
#include "reply.hpp"
#include "request_log.hpp"
#include "routing.hpp"
#include "text.hpp"

// The mock's assembly: the httplib server, its pieces and each request's way through them.
namespace zoomqos::mock {

namespace {

// Threads that serve connections, each one keep-alive connection at a time:
// load tests hold 32 and more open at once. Further connections wait for a
// free thread.
constexpr std::size_t kServingThreads = 128;
// Requests one connection may carry: a whole paginated walk of a large
// webinar, not httplib's default of 5.
constexpr std::size_t kKeepAliveMaxRequests = 100000;
constexpr time_t kKeepAliveSeconds = 2;

// An IPv6 literal as a URL's host needs its brackets.
std::string url_host(const std::string& host) {
    if (host.find(':') != std::string::npos && host.front() != '[') {
        return "[" + host + "]";
    }
    return host;
}

RecordedRequest record_of(const httplib::Request& req) {
    RecordedRequest record;
    record.method = req.method;
    record.target = req.target;
    for (const auto& [key, value] : req.params) {
        record.query.emplace_back(key, value);
    }
    record.user_agent = header(req, "User-Agent");
    record.authorization_scheme = authorization_scheme(req);
    return record;
}

// Errors httplib produces itself (malformed request, URI too long) still get
// Zoom's body shape.
httplib::Server::HandlerResponse fill_error_body(const httplib::Request& /*req*/,
                                                 httplib::Response& res) {
    if (!res.body.empty()) {
        return httplib::Server::HandlerResponse::Unhandled;
    }
    send_error(res, res.status, res.status,
               std::string("HTTP ") + std::to_string(res.status) + ".");
    return httplib::Server::HandlerResponse::Handled;
}

api::Date mock_today(const std::string& today) {
    if (const auto date = api::parse_date(today)) {
        return *date;
    }
    return api::utc_day(std::chrono::system_clock::now());
}

} // namespace

struct Server::Impl {
    ServerOptions options;
    Dataset dataset = Dataset::standard();
    RateLimiter rate_limiter;
    DailyLimiter daily_limiter;
    api::Date today;
    // Only API requests count a connection: the control plane's own
    // connections (a test asking for the stats) would blur what a client did.
    ConnectionCounter connections;
    LiveSimulation live;
    RequestLog log;
    TokenIssuer issuer;
    FaultQueue faults;
    ControlState control{log, rate_limiter, daily_limiter, connections, live, issuer, faults};
    MetricsSource metrics{dataset, options.fixtures_dir, live};
    // An SSLServer when given a certificate and key (TLS tests), else plain.
    std::unique_ptr<httplib::Server> server_holder;
    httplib::Server& http;
    int port = -1;
    std::atomic<std::uint64_t> tracking_counter{0};
    std::mutex stderr_mutex;
    std::atomic<bool> serve_entered{false};
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> finished{false};

    explicit Impl(ServerOptions opts)
        : options(std::move(opts)), rate_limiter(options.rate_limit),
          daily_limiter(options.daily_limit), today(mock_today(options.today)),
          live(options.live_sample_seconds, options.live_samples_until_gone,
               static_cast<std::size_t>(options.churn)),
          issuer(options.oauth),
          server_holder(options.cert_file.empty()
                            ? std::make_unique<httplib::Server>()
                            : std::make_unique<httplib::SSLServer>(options.cert_file.c_str(),
                                                                   options.key_file.c_str())),
          http(*server_holder) {
        for (const Fault& fault : options.faults) {
            faults.add(fault);
        }
        if (options.generated_participants >= 0) {
            dataset.add_generated_webinars(static_cast<std::size_t>(options.generated_participants),
                                           static_cast<std::size_t>(options.generated_webinars));
        }
        if (options.generated_live_participants >= 0) {
            dataset.add_generated_live_webinar(
                static_cast<std::size_t>(options.generated_live_participants));
        }
        dataset.set_listed(standard_listing(options.generated_participants,
                                            options.generated_webinars,
                                            options.generated_live_participants));
        route_everything();
        if (!options.quiet) {
            log_to_stderr();
        }
        tune_connections();
    }

    // One catch-all per method: routing works on the raw target (see
    // routing.hpp), and unlike a pre-routing handler this lets httplib read
    // request bodies first, which POST /oauth/token and /_mock/faults need.
    void route_everything() {
        const std::string any = R"([\s\S]*)";
        auto handler = [this](const httplib::Request& req, httplib::Response& res) {
            dispatch(req, res);
        };
        http.Get(any, handler);
        http.Post(any, handler);
        http.Put(any, handler);
        http.Patch(any, handler);
        http.Delete(any, handler);
        http.Options(any, handler);
        http.set_error_handler(httplib::Server::HandlerWithResponse(fill_error_body));
    }

    void log_to_stderr() {
        http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            const std::string line =
                req.method + " " + printable(req.target) + " " + std::to_string(res.status) + "\n";
            const std::lock_guard lock(stderr_mutex);
            // A log line that cannot be written is not worth failing a request.
            static_cast<void>(std::fputs(line.c_str(), stderr));
            static_cast<void>(std::fflush(stderr));
        });
    }

    void tune_connections() {
        // Called by listen_after_bind(); httplib owns and deletes the queue.
        http.new_task_queue = [] {
            return new ConnectionPool(kServingThreads);
        };
        http.set_payload_max_length(std::size_t{1024} * 1024);
        // httplib writes headers and body separately; without TCP_NODELAY,
        // Nagle plus the client's delayed ACK adds up to 200 ms per response.
        http.set_tcp_nodelay(true);
        // httplib's default adds SO_REUSEPORT, which lets a second mock bind
        // the same --port and steal half the requests. SO_REUSEADDR alone
        // still allows a quick restart on a port in TIME_WAIT.
        http.set_socket_options([](socket_t sock) {
            const int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        http.set_keep_alive_max_count(kKeepAliveMaxRequests);
        // httplib checks for stop() only between requests, so an idle
        // connection a client still holds delays stop() by up to this long.
        // 1 s raced with clients that send one request a second (`get --watch
        // 1`, paced load tests): the idle time then comes within milliseconds
        // of the timeout, and the mock may close the connection just as the
        // next request arrives. 2 s leaves them a second to spare; 5 s would
        // make such a stop() take 5 s.
        http.set_keep_alive_timeout(kKeepAliveSeconds);
    }

    void dispatch(const httplib::Request& req, httplib::Response& res) {
        const Target target = split_target(req.target);
        const Destination to = destination(target);
        if (to == Destination::Control) {
            handle_control(control, req, res, target.path);
            return;
        }
        connections.count();
        RecordedRequest record = record_of(req);

        // Decided on arrival, before any credential check: the limit counts
        // every API request. A refused request leaves the faults queued.
        const bool daily_limited = to != Destination::Token && !daily_limiter.admit();
        const bool limited = !daily_limited && to != Destination::Token && !rate_limiter.admit();
        if (options.latency_ms > 0) {
            pause(options.latency_ms, stop_requested);
        }
        if (daily_limited) {
            send_daily_limited(res, daily_limiter.limit(),
                               api::format_date(api::add_days(today, 1)) + "T00:00:00Z");
        } else if (limited) {
            send_rate_limited(res, rate_limiter.limit());
        } else {
            answer(req, res, target, to, record);
        }
        res.set_header("x-zm-trackingid", "mock-" + std::to_string(++tracking_counter));
        record.status = res.status;
        log.add(std::move(record));
    }

    // A scripted fault answers instead of the API, or changes how the API's
    // answer is delivered; either way the request is recorded.
    void answer(const httplib::Request& req, httplib::Response& res, const Target& target,
                Destination to, RecordedRequest& record) {
        const std::optional<Fault> fault = faults.take();
        if (fault && fault->delay_ms > 0) {
            pause(fault->delay_ms, stop_requested);
        }
        if (fault && replaces_answer(*fault)) {
            apply_answer(*fault, res);
        } else {
            answer_api(req, res, target, to, record);
        }
        if (fault) {
            apply_delivery(*fault, res, stop_requested);
        }
    }

    // Credentials first, as Zoom checks them, before the route.
    void answer_api(const httplib::Request& req, httplib::Response& res, const Target& target,
                    Destination to, RecordedRequest& record) {
        ApiPath path = parse_api_path(target.path);
        // Recorded before any check so that a test can see what a refused
        // request asked for.
        record.path_segments = std::move(path.segments);
        if (path.route) {
            record.event_id = path.route->event.id;
            record.participant_id = path.route->participant;
        }
        if (to == Destination::Token) {
            serve_token(issuer, req, res,
                        "http://" + url_host(options.host) + ":" + std::to_string(port));
            return;
        }
        if (!check_credentials(req, options.token, issuer, res)) {
            return;
        }
        if (path.event_list) {
            handle_event_list(dataset, today, req, res, *path.event_list);
        } else {
            handle_metrics(metrics, req, res, path.route);
        }
    }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

std::string Server::bind() {
    std::string host = impl_->options.host;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (!impl_->http.is_valid()) {
        return "cannot load the TLS certificate or key";
    }
    const int wanted = impl_->options.port;
    if (wanted == 0) {
        impl_->port = impl_->http.bind_to_any_port(host);
    } else {
        impl_->port = impl_->http.bind_to_port(host, wanted) ? wanted : -1;
    }
    if (impl_->port < 0) {
        return "cannot listen on " + impl_->options.host + " port " + std::to_string(wanted);
    }
    return {};
}

std::string Server::base_url() const {
    const char* scheme = impl_->options.cert_file.empty() ? "http://" : "https://";
    return scheme + url_host(impl_->options.host) + ":" + std::to_string(impl_->port) + "/v2";
}

bool Server::serve() {
    impl_->serve_entered = true;
    bool ended_cleanly = true;
    if (!impl_->stop_requested) {
        ended_cleanly = impl_->http.listen_after_bind();
    }
    impl_->finished = true;
    return ended_cleanly || impl_->stop_requested;
}

void Server::stop() {
    impl_->stop_requested = true;
    if (!impl_->serve_entered) {
        return; // serve() will see stop_requested and not start listening
    }
    // httplib ignores stop() until its accept loop is running, so a stop
    // that races serve()'s start is repeated until serve() has returned.
    while (!impl_->finished) {
        impl_->http.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace zoomqos::mock
