#include "server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "zoomqos/api/url.hpp"

#include "dataset.hpp"
#include "faults.hpp"
#include "rate_limit.hpp"
#include "request_log.hpp"

namespace zoomqos::mock {

namespace {

using Json = nlohmann::ordered_json;

// Zoom's list endpoints default to one participant per page and documented a
// maximum of 10 (2022). A page_size that is not a positive integer is a
// validation error (400 / 300, as Zoom answers for malformed fields); a larger
// one is clamped to 10 and the envelope's page_size says so, the way Zoom
// quietly clamps oversized pages on its other list endpoints.
constexpr int kDefaultPageSize = 1;
constexpr int kMaxPageSize = 10;

// Threads that serve connections, each one keep-alive connection at a time:
// load tests hold 32 and more open at once. Further connections wait for a
// free thread.
constexpr std::size_t kServingThreads = 128;
// Requests one connection may carry: a whole paginated walk of a large
// webinar, not httplib's default of 5.
constexpr std::size_t kKeepAliveMaxRequests = 100000;
constexpr time_t kKeepAliveSeconds = 2;

constexpr const char* kJson = "application/json";
// What Zoom labels its data with. httplib compresses only bodies labelled
// exactly "application/json", and brotli at its default quality costs ~150 ms
// per participant here, so data responses also stay fast this way.
constexpr const char* kZoomData = "application/json;charset=UTF-8";

// ---------------------------------------------------------------- raw paths

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Strict: a '%' not followed by two hex digits makes the whole text invalid,
// so a sloppy client shows up as a 404 instead of being silently "fixed".
std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const int high = hex_digit(text[i + 1]);
        const int low = hex_digit(text[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

struct Target {
    std::string_view path;  // raw, before '?'
    std::string_view query; // raw, after '?'
};

Target split_target(std::string_view target) {
    const std::size_t question = target.find('?');
    if (question == std::string_view::npos) {
        return {target, {}};
    }
    return {target.substr(0, question), target.substr(question + 1)};
}

// The raw path's segments after the leading '/', each decoded exactly once.
// httplib's own req.path is decoded before any split, which would turn an
// encoded '/' inside an ID into a separator; hence this.
struct Segments {
    std::optional<std::vector<std::string>> decoded; // none if an escape is malformed
    bool well_formed = true;                         // false: an empty, "." or ".." segment
};

Segments parse_segments(std::string_view raw_path) {
    Segments result;
    std::vector<std::string> decoded;
    for (const std::string_view raw : split(raw_path.substr(1), '/')) {
        if (raw.empty() || raw == "." || raw == "..") {
            result.well_formed = false;
        }
        auto segment = percent_decode(raw);
        if (!segment) {
            result.well_formed = false;
            return result;
        }
        decoded.push_back(std::move(*segment));
    }
    result.decoded = std::move(decoded);
    return result;
}

struct Route {
    EventKind kind = EventKind::Webinar;
    std::string event_segment;              // decoded once
    std::optional<std::string> participant; // none: the list endpoint
};

// /v2/metrics/{webinars|meetings}/{id}/participants/{pid}/qos and
// /v2/metrics/{webinars|meetings}/{id}/participants/qos
std::optional<Route> match_route(const std::vector<std::string>& s) {
    if (s.size() != 6 && s.size() != 7) {
        return std::nullopt;
    }
    if (s[0] != "v2" || s[1] != "metrics" || s[4] != "participants" || s.back() != "qos") {
        return std::nullopt;
    }
    Route route;
    if (s[2] == "webinars") {
        route.kind = EventKind::Webinar;
    } else if (s[2] == "meetings") {
        route.kind = EventKind::Meeting;
    } else {
        return std::nullopt;
    }
    route.event_segment = s[3];
    if (s.size() == 7) {
        route.participant = s[5];
    }
    return route;
}

struct EventId {
    std::string id;
    bool reachable = true; // false: a UUID Zoom cannot route because it was encoded once
};

// Zoom decodes the ID segment a second time when, decoded once, it still holds
// an encoded '/' at the start or an encoded "//". A UUID like "/abc==" encoded
// only once arrives as "/abc==" and Zoom answers 3001, so the mock does too.
EventId resolve_event_id(const std::string& once) {
    const std::string lower = lowercase(once);
    if (lower.rfind("%2f", 0) == 0 || lower.find("%2f%2f") != std::string::npos) {
        if (auto twice = percent_decode(once)) {
            return {std::move(*twice), true};
        }
        return {once, false};
    }
    if (once.rfind('/', 0) == 0 || once.find("//") != std::string::npos) {
        return {once, false};
    }
    return {once, true};
}

// "Webinar" or "Meeting", as Zoom's messages begin.
std::string event_title(EventKind kind) {
    std::string title(api::event_noun(kind));
    if (!title.empty() && title.front() >= 'a' && title.front() <= 'z') {
        title.front() = static_cast<char>(title.front() - 'a' + 'A');
    }
    return title;
}

std::optional<std::string> header(const httplib::Request& req, const char* name) {
    if (!req.has_header(name)) {
        return std::nullopt;
    }
    return req.get_header_value(name);
}

// Only the scheme's name is ever recorded, and only a known one: a malformed
// header could be nothing but the credential itself.
std::optional<std::string> authorization_scheme(const httplib::Request& req) {
    const auto value = header(req, "Authorization");
    if (!value) {
        return std::nullopt;
    }
    const std::size_t space = value->find(' ');
    const std::string scheme = space == std::string::npos ? "" : lowercase(value->substr(0, space));
    if (scheme == "bearer") {
        return "Bearer";
    }
    if (scheme == "basic") {
        return "Basic";
    }
    return "other";
}

// The scheme name is case-insensitive (RFC 9110); the token is not.
bool has_token(const httplib::Request& req, const std::string& token) {
    const std::string value = req.get_header_value("Authorization");
    const std::string prefix = "bearer ";
    return value.size() == prefix.size() + token.size() &&
           lowercase(std::string_view(value).substr(0, prefix.size())) == prefix &&
           value.compare(prefix.size(), std::string::npos, token) == 0;
}

// The credential after "Bearer ", or "" when there is none.
std::string bearer_token(const httplib::Request& req) {
    const std::string value = req.get_header_value("Authorization");
    const std::string prefix = "bearer ";
    if (value.size() <= prefix.size() || lowercase(value.substr(0, prefix.size())) != prefix) {
        return {};
    }
    return value.substr(prefix.size());
}

std::optional<int> parse_positive_int(const std::string& text) {
    if (text.empty() || text.size() > 6 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const int value = std::stoi(text);
    return value > 0 ? std::optional<int>(value) : std::nullopt;
}

// Page tokens are opaque to clients but bound to the event and type they were
// issued for, so that a token replayed elsewhere fails as Zoom's would.
std::uint32_t fnv1a(std::string_view text) {
    std::uint32_t hash = 2166136261U;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619U;
    }
    return hash;
}

std::string hex(std::uint32_t value, int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kDigits[value & 0xFU];
        value >>= 4U;
    }
    return out;
}

std::string page_scope(const Event& event, const std::string& type) {
    return event_title(event.kind) + "|" + event.id + "|" + type;
}

std::string page_token(const std::string& scope, std::size_t offset) {
    return "mk" + hex(fnv1a(scope), 8) + hex(static_cast<std::uint32_t>(offset), 6);
}

std::optional<std::size_t> page_offset(const std::string& scope, const std::string& token,
                                       std::size_t total) {
    if (token.size() != 16 || token.compare(0, 10, "mk" + hex(fnv1a(scope), 8)) != 0) {
        return std::nullopt;
    }
    std::size_t offset = 0;
    for (const char c : token.substr(10)) {
        const int digit = hex_digit(c);
        if (digit < 0 || (c >= 'A' && c <= 'F')) {
            return std::nullopt;
        }
        offset = offset * 16 + static_cast<std::size_t>(digit);
    }
    if (offset == 0 || offset >= total) {
        return std::nullopt;
    }
    return offset;
}

// Fixture names map straight to file names, so only a plain name will do.
bool is_fixture_name(const std::string& name) {
    return !name.empty() && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
           });
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return bytes.str();
}

// IDs come from the request and may be any bytes; invalid UTF-8 must not turn
// an answer into an exception (nlohmann throws by default).
std::string serialize(const Json& json) {
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const std::string& body,
               const char* content_type = kJson) {
    res.status = status;
    res.set_content(body, content_type);
}

// Zoom's error body: {"code": N, "message": "..."} and, for validation
// failures, "errors": [{"field", "message"}].
void send_error(httplib::Response& res, int status, int code, const std::string& message,
                Json errors = nullptr) {
    Json body{{"code", code}, {"message", message}};
    if (!errors.is_null()) {
        body["errors"] = std::move(errors);
    }
    send_json(res, status, serialize(body));
}

void send_invalid_field(httplib::Response& res, const char* field) {
    send_error(res, 400, 300, "Validation Failed.",
               Json::array({Json{{"field", field}, {"message", "Invalid field."}}}));
}

void send_no_event(httplib::Response& res, EventKind kind, const std::string& id) {
    send_error(res, 404, 3001, event_title(kind) + " does not exist: " + id + ".");
}

// What Zoom answers past its per-second limit on the Metrics (Heavy) APIs.
void send_rate_limited(httplib::Response& res, int limit) {
    send_error(res, 429, 429,
               "You have reached the maximum per-second rate limit for this API. Try again later.");
    res.set_header("X-RateLimit-Category", "Heavy");
    res.set_header("X-RateLimit-Type", "QPS");
    res.set_header("X-RateLimit-Limit", std::to_string(limit));
    res.set_header("X-RateLimit-Remaining", "0");
    res.set_header("Retry-After", "1");
}

// The reset generation (see Impl::count_connection) in which the connection
// this thread serves was last counted; 0: not yet.
thread_local std::uint64_t t_connection_counted_in = 0;

// httplib's own pool, telling handlers when a new connection starts: its
// accept loop (plain and TLS alike, 0.11) hands each accepted socket to the
// queue as one task, which serves every request of that connection on its
// thread, handlers included.
class ConnectionPool final : public httplib::TaskQueue {
public:
    explicit ConnectionPool(std::size_t threads) : pool_(threads) {}

    void enqueue(std::function<void()> fn) override {
        pool_.enqueue([serve = std::move(fn)] {
            t_connection_counted_in = 0;
            serve();
        });
    }

    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
};

Json to_json(const RecordedRequest& r) {
    auto optional = [](const std::optional<std::string>& value) {
        return value ? Json(*value) : Json(nullptr);
    };
    Json query = Json::object();
    for (const auto& [key, value] : r.query) {
        if (!query.contains(key)) {
            query[key] = value;
        } else if (query[key].is_array()) {
            query[key].push_back(value);
        } else {
            query[key] = Json::array({query[key], value});
        }
    }
    return Json{{"method", r.method},
                {"target", r.target},
                {"path_segments", r.path_segments ? Json(*r.path_segments) : Json(nullptr)},
                {"event_id", optional(r.event_id)},
                {"participant_id", optional(r.participant_id)},
                {"query", std::move(query)},
                {"user_agent", optional(r.user_agent)},
                {"authorization_scheme", optional(r.authorization_scheme)},
                {"status", r.status}};
}

// Control characters in a raw target would garble the log; show them as \xNN.
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            out += "\\x" + hex(byte, 2);
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

struct Server::Impl {
    ServerOptions options;
    Dataset dataset = Dataset::standard();
    RateLimiter rate_limiter;
    // For /_mock/stats: TCP connections that carried an API request since
    // the start or the last /_mock/reset, which starts a new generation.
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> connection_generation{1};
    // Where live events' time starts (--live-sample-seconds): the mock's
    // start, or the last /_mock/reset. Atomic: handlers run on many threads.
    std::atomic<std::chrono::steady_clock::rep> live_epoch{
        std::chrono::steady_clock::now().time_since_epoch().count()};
    RequestLog log;
    TokenIssuer issuer;
    // An SSLServer when given a certificate and key (TLS tests), else plain.
    std::unique_ptr<httplib::Server> server_holder;
    httplib::Server& http;
    FaultQueue faults;
    int port = -1;
    std::atomic<std::uint64_t> tracking_counter{0};
    std::mutex stderr_mutex;
    std::atomic<bool> serve_entered{false};
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> finished{false};

    explicit Impl(ServerOptions opts)
        : options(std::move(opts)), rate_limiter(options.rate_limit), issuer(options.oauth),
          server_holder(options.cert_file.empty()
                            ? std::make_unique<httplib::Server>()
                            : std::make_unique<httplib::SSLServer>(options.cert_file.c_str(),
                                                                   options.key_file.c_str())),
          http(*server_holder) {
        for (const Fault& fault : options.faults) {
            faults.add(fault);
        }
        if (options.generated_participants >= 0) {
            dataset.add_generated_webinar(static_cast<std::size_t>(options.generated_participants));
        }
        // Called by listen_after_bind(); httplib owns and deletes the queue.
        http.new_task_queue = [] {
            return new ConnectionPool(kServingThreads);
        };
        // One catch-all per method: routing works on the raw target (see
        // parse_segments), and unlike a pre-routing handler this lets httplib
        // read request bodies first, which a future OAuth endpoint needs.
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
        // Errors httplib produces itself (malformed request, URI too long)
        // still get Zoom's body shape.
        const httplib::Server::HandlerWithResponse fill_error_body = [](const httplib::Request&,
                                                                        httplib::Response& res) {
            if (!res.body.empty()) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            send_error(res, res.status, res.status,
                       std::string("HTTP ") + std::to_string(res.status) + ".");
            return httplib::Server::HandlerResponse::Handled;
        };
        http.set_error_handler(fill_error_body);
        if (!options.quiet) {
            http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
                const std::string line = req.method + " " + printable(req.target) + " " +
                                         std::to_string(res.status) + "\n";
                const std::lock_guard lock(stderr_mutex);
                // A log line that cannot be written is not worth failing a request.
                static_cast<void>(std::fputs(line.c_str(), stderr));
                static_cast<void>(std::fflush(stderr));
            });
        }
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

    // A running webinar's samples as of now: one more per
    // live_sample_seconds since the mock started, then gone (404).
    void serve_live_participant(httplib::Response& res, const Event& event,
                                const Json& participant) {
        const std::chrono::steady_clock::time_point epoch{
            std::chrono::steady_clock::duration(live_epoch.load())};
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - epoch;
        const auto shown =
            1 + static_cast<std::size_t>(elapsed.count() / options.live_sample_seconds);
        if (options.live_samples_until_gone > 0 &&
            shown > static_cast<std::size_t>(options.live_samples_until_gone)) {
            send_no_event(res, event.kind, event.id);
            return;
        }
        Json advanced = participant;
        if (advanced.contains("user_qos") && advanced["user_qos"].is_array()) {
            Json& samples = advanced["user_qos"];
            while (samples.size() > shown) {
                samples.erase(samples.size() - 1);
            }
        }
        send_json(res, 200, serialize(advanced), kZoomData);
    }

    // Counts the connection of the request being handled, once per
    // generation. Only API requests count it: the control plane's own
    // connections (a test asking for the stats) would blur what a client did.
    void count_connection() {
        const std::uint64_t generation = connection_generation.load();
        if (t_connection_counted_in != generation) {
            t_connection_counted_in = generation;
            ++connections;
        }
    }

    void dispatch(const httplib::Request& req, httplib::Response& res) {
        const Target target = split_target(req.target);
        if (target.path.rfind("/_mock/", 0) == 0) {
            handle_control(req, res, target.path);
            return;
        }
        count_connection();
        RecordedRequest record;
        record.method = req.method;
        record.target = req.target;
        for (const auto& [key, value] : req.params) {
            record.query.emplace_back(key, value);
        }
        record.user_agent = header(req, "User-Agent");
        record.authorization_scheme = authorization_scheme(req);

        // Decided on arrival, before any credential check: the limit counts
        // every API request. A refused request leaves the faults queued.
        const bool limited = target.path != "/oauth/token" && !rate_limiter.admit();
        if (options.latency_ms > 0) {
            pause(options.latency_ms, stop_requested);
        }
        if (limited) {
            send_rate_limited(res, rate_limiter.limit());
        } else {
            // A scripted fault answers instead of the API, or changes how the
            // API's answer is delivered; either way the request is recorded.
            const std::optional<Fault> fault = faults.take();
            if (fault && fault->delay_ms > 0) {
                pause(fault->delay_ms, stop_requested);
            }
            if (fault && replaces_answer(*fault)) {
                apply_answer(*fault, res);
            } else {
                handle_api(req, res, target, record);
            }
            if (fault) {
                apply_delivery(*fault, res, stop_requested);
            }
        }

        res.set_header("x-zm-trackingid", "mock-" + std::to_string(++tracking_counter));
        record.status = res.status;
        log.add(std::move(record));
    }

    // ------------------------------------------------------------ control
    // The test-only plane, no auth. Fault injection and the OAuth token
    // endpoint belong next to these.
    void handle_control(const httplib::Request& req, httplib::Response& res,
                        std::string_view path) {
        const bool get = req.method == "GET" || req.method == "HEAD";
        if (path == "/_mock/requests" && get) {
            Json list = Json::array();
            for (const RecordedRequest& r : log.snapshot()) {
                list.push_back(to_json(r));
            }
            send_json(res, 200, serialize(list));
        } else if (path == "/_mock/stats" && get) {
            send_json(res, 200,
                      serialize(Json{{"requests", log.size()},
                                     {"rate_limited", rate_limiter.rejected()},
                                     {"connections", connections.load()}}));
        } else if (path == "/_mock/reset" && req.method == "POST") {
            log.clear();
            rate_limiter.reset();
            connections = 0;
            ++connection_generation;
            live_epoch.store(std::chrono::steady_clock::now().time_since_epoch().count());
            res.status = 204;
        } else if (path == "/_mock/oauth" && get) {
            // How many tokens POST /oauth/token issued: tests prove the token
            // cache works by this count staying put.
            send_json(res, 200,
                      serialize(Json{{"tokens_minted", issuer.minted()},
                                     {"tokens_revoked", issuer.revoked()}}));
        } else if (path == "/_mock/oauth/revoke" && req.method == "POST") {
            issuer.revoke_all();
            res.status = 204;
        } else if (path == "/_mock/faults" && req.method == "POST") {
            add_faults(req, res);
        } else if (path == "/_mock/faults" && req.method == "DELETE") {
            faults.clear();
            res.status = 204;
        } else if (path == "/_mock/faults" && get) {
            send_json(res, 200, serialize(Json{{"pending", faults.pending()}}));
        } else if (path == "/_mock/faults" || path == "/_mock/requests" || path == "/_mock/stats" ||
                   path == "/_mock/reset" || path == "/_mock/oauth" ||
                   path == "/_mock/oauth/revoke") {
            send_error(res, 405, 405, "Method not allowed: " + req.method + ".");
        } else {
            send_error(res, 404, 404, "No such mock endpoint.");
        }
    }

    // POST /_mock/faults: one object or an array of them. Each key is a
    // --fault item (faults.hpp): {"status": 429, "headers": {"Retry-After":
    // "1"}, "count": 2}; flags such as "stall" take true. Appended in order.
    void add_faults(const httplib::Request& req, httplib::Response& res) {
        const Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        const Json list = body.is_array() ? body : Json::array({body});
        std::vector<Fault> parsed;
        for (const Json& item : list) {
            if (!item.is_object()) {
                send_error(res, 400, 400, "A fault is a JSON object.");
                return;
            }
            std::string spec;
            for (const auto& [key, value] : item.items()) {
                if (key == "headers" && value.is_object()) {
                    for (const auto& [name, text] : value.items()) {
                        spec += "header=" + name + ": " +
                                (text.is_string() ? text.get<std::string>() : text.dump()) + ";";
                    }
                } else if (value.is_boolean()) {
                    spec += value.get<bool>() ? key + ";" : "";
                } else {
                    spec += key + "=" +
                            (value.is_string() ? value.get<std::string>() : value.dump()) + ";";
                }
            }
            ParsedFault fault = parse_fault(spec);
            if (!fault.fault) {
                send_error(res, 400, 400, fault.error);
                return;
            }
            parsed.push_back(std::move(*fault.fault));
        }
        for (Fault& fault : parsed) {
            faults.add(std::move(fault));
        }
        send_json(res, 200, serialize(Json{{"pending", faults.pending()}}));
    }

    // ---------------------------------------------------------------- API
    // Checks run in Zoom's order: credentials, route, parameters, the event,
    // then the participant.
    void handle_api(const httplib::Request& req, httplib::Response& res, const Target& target,
                    RecordedRequest& record) {
        const Segments segments = parse_segments(target.path);
        record.path_segments = segments.decoded;
        const auto route = segments.well_formed && segments.decoded ? match_route(*segments.decoded)
                                                                    : std::nullopt;
        // Recorded before any check so that a test can see what a refused
        // request asked for.
        const EventId event_id = route ? resolve_event_id(route->event_segment) : EventId{};
        if (route) {
            record.event_id = event_id.id;
            record.participant_id = route->participant;
        }

        if (target.path == "/oauth/token") {
            handle_oauth_token(req, res);
            return;
        }
        if (!has_token(req, options.token)) {
            const TokenCheck minted = issuer.check(bearer_token(req));
            if (minted == TokenCheck::Expired) {
                send_error(res, 401, 124, "Access token is expired.");
                return;
            }
            if (minted != TokenCheck::Valid) {
                send_error(res, 401, 124, "Invalid access token.");
                return;
            }
        }
        if (req.method != "GET" && req.method != "HEAD") {
            send_error(res, 405, 405, "Method not allowed: " + req.method + ".");
            return;
        }
        if (!route) {
            send_error(res, 404, 404, "No API endpoint at this path.");
            return;
        }

        const std::string type = req.has_param("type") ? req.get_param_value("type") : "live";
        if (type != "live" && type != "past") {
            send_invalid_field(res, "type");
            return;
        }
        if (!event_id.reachable) {
            send_no_event(res, route->kind, event_id.id);
            return;
        }
        if (event_id.id == "fixture" && !options.fixtures_dir.empty()) {
            serve_fixture(res, *route);
            return;
        }
        const Event* event = dataset.find_event(route->kind, event_id.id);
        // Zoom answers 3001 both for an ended event asked with type=live and
        // for a running one asked with type=past.
        const EventState wanted = type == "past" ? EventState::Ended : EventState::Live;
        if (event == nullptr || event->state != wanted) {
            send_no_event(res, route->kind, event_id.id);
            return;
        }
        if (route->participant) {
            const std::optional<Json> participant = find_participant(*event, *route->participant);
            if (!participant) {
                send_no_event(res, route->kind, event_id.id);
                return;
            }
            if (event->state == EventState::Live && options.live_sample_seconds > 0) {
                serve_live_participant(res, *event, *participant);
                return;
            }
            send_json(res, 200, serialize(*participant), kZoomData);
            return;
        }
        serve_page(req, res, *event, type);
    }

    // Zoom reads the grant from the form body or the query string alike;
    // httplib puts both into req.params.
    void handle_oauth_token(const httplib::Request& req, httplib::Response& res) {
        if (req.method != "POST") {
            send_error(res, 405, 405, "Method not allowed: " + req.method + ".");
            return;
        }
        std::string root = options.host;
        if (root.find(':') != std::string::npos && root.front() != '[') {
            root = "[" + root + "]";
        }
        root = "http://" + root + ":" + std::to_string(port);
        const TokenIssuer::Reply reply =
            issuer.mint(header(req, "Authorization"), req.get_param_value("grant_type"),
                        req.get_param_value("account_id"), root);
        send_json(res, reply.status, reply.body);
    }

    void serve_fixture(httplib::Response& res, const Route& route) {
        const std::string name = route.participant.value_or("");
        std::optional<std::string> body;
        if (is_fixture_name(name)) {
            body = read_file(options.fixtures_dir + "/" + name + ".json");
        }
        if (!body) {
            send_no_event(res, route.kind, "fixture");
            return;
        }
        send_json(res, 200, *body);
    }

    void serve_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                    const std::string& type) {
        int page_size = kDefaultPageSize;
        if (req.has_param("page_size")) {
            const auto requested = parse_positive_int(req.get_param_value("page_size"));
            if (!requested) {
                send_invalid_field(res, "page_size");
                return;
            }
            page_size = std::min(*requested, kMaxPageSize);
        }
        const std::size_t total = participant_count(event);
        const std::string scope = page_scope(event, type);
        std::size_t offset = 0;
        const std::string token = req.get_param_value("next_page_token");
        if (!token.empty()) {
            const auto resumed = page_offset(scope, token, total);
            if (!resumed) {
                // Zoom documents HTTP 300 for this one.
                send_error(res, 300, 300, "The next page token is invalid or expired.");
                return;
            }
            offset = *resumed;
        }
        const auto size = static_cast<std::size_t>(page_size);
        const std::size_t end = std::min(total, offset + size);
        Json participants = Json::array();
        for (std::size_t i = offset; i < end; ++i) {
            participants.push_back(participant_at(event, i));
        }
        const Json envelope{{"page_count", (total + size - 1) / size},
                            {"page_size", page_size},
                            {"total_records", total},
                            {"next_page_token", end < total ? page_token(scope, end) : ""},
                            {"participants", std::move(participants)}};
        send_json(res, 200, serialize(envelope), kZoomData);
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
    std::string host = impl_->options.host;
    if (host.find(':') != std::string::npos && host.front() != '[') {
        host = "[" + host + "]";
    }
    const char* scheme = impl_->options.cert_file.empty() ? "http://" : "https://";
    return scheme + host + ":" + std::to_string(impl_->port) + "/v2";
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
