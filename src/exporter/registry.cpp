#include "zoomqos/exporter/registry.hpp"

#include <CivetServer.h>
#include <atomic>
#include <civetweb.h>
#include <exception>
#include <map>
#include <mutex>
#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <string_view>
#include <utility>

#include "zoomqos/exporter/scrape_body.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::exporter {

// ------------------------------------------------------------------ Health

void Health::succeeded(Clock::time_point when) noexcept {
    last_success_.store(when.time_since_epoch().count());
    any_success_.store(true);
}

void Health::set_interval(double seconds) noexcept {
    interval_.store(seconds);
}

std::optional<double> Health::age_seconds(Clock::time_point now) const noexcept {
    if (!any_success_.load()) {
        return std::nullopt;
    }
    const Clock::time_point last{Clock::duration(last_success_.load())};
    return std::chrono::duration<double>(now - last).count();
}

bool Health::healthy(Clock::time_point now) const noexcept {
    const std::optional<double> age = age_seconds(now);
    return age && *age < 3 * interval_.load();
}

// ---------------------------------------------------------------- Registry

namespace {

// The age of the values served, computed at each scrape: while polling is
// paused (a daily limit) the values stay and this says how old they are.
class AgeCollectable : public prometheus::Collectable {
public:
    explicit AgeCollectable(const Health& health) : health_(health) {}

    std::vector<prometheus::MetricFamily> Collect() const override {
        const std::optional<double> age = health_.age_seconds(Health::Clock::now());
        if (!age) {
            return {};
        }
        prometheus::MetricFamily family;
        family.name = "zoomqos_exporter_data_age_seconds";
        family.help = "Seconds since the last successful poll: how old the values served are";
        family.type = prometheus::MetricType::Gauge;
        prometheus::ClientMetric metric;
        metric.gauge.value = *age;
        family.metric.push_back(std::move(metric));
        return {std::move(family)};
    }

private:
    const Health& health_;
};

} // namespace

struct Registry::Impl {
    explicit Impl(const Health& health)
        : registry(std::make_shared<prometheus::Registry>()),
          age(std::make_shared<AgeCollectable>(health)),
          requests(prometheus::BuildCounter()
                       .Name("zoomqos_exporter_api_requests_total")
                       .Help("Zoom API responses received, retries included, by HTTP status")
                       .Register(*registry)),
          rate_limited(prometheus::BuildCounter()
                           .Name("zoomqos_exporter_rate_limited_total")
                           .Help("HTTP 429 responses by X-RateLimit-Type (QPS, Daily-limit; "
                                 "none when Zoom sent no type)")
                           .Register(*registry)),
          retries(prometheus::BuildCounter()
                      .Name("zoomqos_exporter_retries_total")
                      .Help("Zoom API requests sent again after a 429, a 5xx or a network error")
                      .Register(*registry)
                      .Add({})),
          token_mints(prometheus::BuildCounter()
                          .Name("zoomqos_exporter_token_mints_total")
                          .Help("Server-to-Server OAuth access tokens minted")
                          .Register(*registry)
                          .Add({})),
          polls(prometheus::BuildCounter()
                    .Name("zoomqos_exporter_polls_total")
                    .Help("Polls by result: ok, or failed (an event or the listing could not be "
                          "read)")
                    .Register(*registry)),
          gauges(prometheus::BuildGauge()
                     .Name("zoomqos_exporter_last_poll_duration_seconds")
                     .Help("How long the last poll took")
                     .Register(*registry)),
          poll_end(prometheus::BuildGauge()
                       .Name("zoomqos_exporter_last_poll_end_timestamp_seconds")
                       .Help("When the last poll ended (Unix time)")
                       .Register(*registry)
                       .Add({})),
          poll_requests(prometheus::BuildGauge()
                            .Name("zoomqos_exporter_last_poll_requests")
                            .Help("Zoom API requests the last poll made")
                            .Register(*registry)
                            .Add({})),
          interval(prometheus::BuildGauge()
                       .Name("zoomqos_exporter_poll_interval_seconds")
                       .Help("The poll interval in force, after the request budget and 429s")
                       .Register(*registry)
                       .Add({})),
          paused(prometheus::BuildGauge()
                     .Name("zoomqos_exporter_daily_limit_paused")
                     .Help("1 while polling waits for Zoom's daily limit to reset")
                     .Register(*registry)
                     .Add({})),
          remaining(prometheus::BuildGauge()
                        .Name("zoomqos_exporter_daily_requests_remaining")
                        .Help("X-RateLimit-Remaining of Zoom's last response that carried it")
                        .Register(*registry)) {
        poll_duration = &gauges.Add({});
    }

    std::shared_ptr<prometheus::Registry> registry;
    std::shared_ptr<AgeCollectable> age;
    prometheus::Family<prometheus::Counter>& requests;
    prometheus::Family<prometheus::Counter>& rate_limited;
    prometheus::Counter& retries;
    prometheus::Counter& token_mints;
    prometheus::Family<prometheus::Counter>& polls;
    prometheus::Family<prometheus::Gauge>& gauges;
    prometheus::Gauge* poll_duration = nullptr;
    prometheus::Gauge& poll_end;
    prometheus::Gauge& poll_requests;
    prometheus::Gauge& interval;
    prometheus::Gauge& paused;
    prometheus::Family<prometheus::Gauge>& remaining;
    // The poll's series, serialized once a poll; read by the server's threads at each scrape.
    mutable std::mutex poll_mutex;
    std::shared_ptr<const PollText> poll_text = std::make_shared<const PollText>();
    std::atomic<std::size_t> poll_series{0};

    std::shared_ptr<const PollText> current_poll() const {
        const std::lock_guard<std::mutex> lock(poll_mutex);
        return poll_text;
    }

    // The self metrics, which change at every scrape.
    std::string self_text() const {
        std::vector<prometheus::MetricFamily> families = registry->Collect();
        for (prometheus::MetricFamily& family : age->Collect()) {
            families.push_back(std::move(family));
        }
        return prometheus::TextSerializer().Serialize(families);
    }
};

Registry::Registry(const Health& health) : impl_(std::make_unique<Impl>(health)) {}

Registry::~Registry() = default;

void Registry::replace(const std::vector<Point>& points) {
    // A series given twice (a participant listed twice) keeps its last value, as a gauge set
    // twice would, and appears once: Prometheus rejects a scrape with a duplicate series.
    std::map<const Family*, std::map<Labels, double>> values;
    for (const Point& point : points) {
        values[point.family][point.labels] = point.value;
    }
    std::vector<prometheus::MetricFamily> families;
    families.reserve(std::size(kPollFamilies));
    std::size_t series = 0;
    for (const Family* family : kPollFamilies) {
        prometheus::MetricFamily& out = families.emplace_back();
        out.name = family->name;
        out.help = family->help;
        out.type = prometheus::MetricType::Gauge;
        const auto found = values.find(family);
        if (found == values.end()) {
            continue;
        }
        out.metric.reserve(found->second.size());
        for (const auto& [labels, value] : found->second) {
            prometheus::ClientMetric& metric = out.metric.emplace_back();
            metric.label.reserve(labels.size());
            for (const auto& [name, label_value] : labels) {
                metric.label.push_back({name, label_value});
            }
            metric.gauge.value = value;
        }
        series += out.metric.size();
    }
    auto text = std::make_shared<const PollText>(prometheus::TextSerializer().Serialize(families));
    {
        const std::lock_guard<std::mutex> lock(impl_->poll_mutex);
        impl_->poll_text = std::move(text);
    }
    impl_->poll_series.store(series);
}

std::size_t Registry::poll_series() const noexcept {
    return impl_->poll_series.load();
}

void Registry::count_response(long status, std::string_view rate_limit_type) {
    impl_->requests.Add({{"status", std::to_string(status)}}).Increment();
    if (status == 429) {
        const std::string_view type = text::trim(rate_limit_type);
        impl_->rate_limited
            .Add({{"type", type.empty() ? std::string("none") : text::printable(type, 32)}})
            .Increment();
    }
}

void Registry::add_retries(long retries) {
    if (retries > 0) {
        impl_->retries.Increment(static_cast<double>(retries));
    }
}

void Registry::add_token_mints(long mints) {
    if (mints > 0) {
        impl_->token_mints.Increment(static_cast<double>(mints));
    }
}

void Registry::poll_done(const PollReport& report) {
    impl_->polls.Add({{"result", report.ok ? "ok" : "failed"}}).Increment();
    impl_->poll_duration->Set(report.duration_seconds);
    impl_->poll_end.Set(report.end_unix_seconds);
    impl_->poll_requests.Set(static_cast<double>(report.requests));
}

void Registry::set_daily_remaining(double remaining) {
    impl_->remaining.Add({}).Set(remaining);
}

void Registry::set_interval(double seconds) {
    impl_->interval.Set(seconds);
}

void Registry::set_paused(bool paused) {
    impl_->paused.Set(paused ? 1 : 0);
}

std::string Registry::exposition() const {
    return impl_->current_poll()->text() + impl_->self_text();
}

std::string Registry::exposition_gzip() const {
    return impl_->current_poll()->gzip_with(impl_->self_text());
}

// ------------------------------------------------------------------ Server

namespace {

// civetweb's callbacks are plain functions: the one Health and Registry they
// answer from (one exporter per process), and the last message civetweb
// logged, which says why a bind failed.
std::atomic<const Health*> served_health{nullptr};
std::atomic<const Registry*> served_registry{nullptr};
std::mutex civetweb_log_mutex;
std::string civetweb_last_log;

void respond(mg_connection* connection, std::string_view status, std::string_view headers,
             const std::string& body, bool head_only) {
    std::string whole = "HTTP/1.1 ";
    whole.append(status)
        .append("\r\n")
        .append(headers)
        .append("Content-Length: ")
        .append(std::to_string(body.size()))
        .append("\r\n\r\n");
    if (!head_only) {
        whole += body;
    }
    mg_write(connection, whole.data(), whole.size());
}

bool accepts_gzip(mg_connection* connection) {
    const char* accepted = mg_get_header(connection, "Accept-Encoding");
    return accepted != nullptr && std::string_view(accepted).find("gzip") != std::string_view::npos;
}

// /metrics and /healthz are answered here, before civetweb looks for a handler: /metrics from
// the poll's text serialized once a poll (prometheus-cpp's own handler serializes every series
// at every scrape, 116 ms of CPU at 30,000 series), followed by the self metrics.
int answer_request(mg_connection* connection) {
    const mg_request_info* info = mg_get_request_info(connection);
    if (info == nullptr || info->local_uri == nullptr || info->request_method == nullptr) {
        return 0;
    }
    const std::string_view uri = info->local_uri;
    const std::string_view method = info->request_method;
    const bool head_only = method == "HEAD";
    if (uri == "/healthz") {
        const Health* health = served_health.load();
        const bool ok = health != nullptr && health->healthy(Health::Clock::now());
        respond(connection, ok ? "200 OK" : "503 Service Unavailable",
                "Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n",
                ok ? "ok\n" : "stale: no successful poll in three intervals\n", head_only);
        return ok ? 200 : 503;
    }
    const Registry* registry = served_registry.load();
    if (uri != "/metrics" || registry == nullptr) {
        return 0; // civetweb goes on to its 404
    }
    if (method != "GET" && !head_only) {
        respond(connection, "405 Method Not Allowed", "Allow: GET, HEAD\r\n", "", false);
        return 405;
    }
    constexpr std::string_view kType = "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n";
    if (accepts_gzip(connection)) {
        respond(connection, "200 OK", std::string(kType) + "Content-Encoding: gzip\r\n",
                registry->exposition_gzip(), head_only);
    } else {
        respond(connection, "200 OK", kType, registry->exposition(), head_only);
    }
    return 200;
}

int keep_log_message(const mg_connection* /*connection*/, const char* message) {
    const std::lock_guard<std::mutex> lock(civetweb_log_mutex);
    civetweb_last_log = message != nullptr ? message : "";
    return 1; // not on stderr: the exporter's own log line says it
}

} // namespace

struct Server::Impl {
    CivetCallbacks callbacks;
    std::unique_ptr<prometheus::Exposer> exposer;
};

Server::Server() : impl_(std::make_unique<Impl>()) {}

Server::~Server() {
    impl_->exposer.reset();
    served_health.store(nullptr);
    served_registry.store(nullptr);
}

Result<std::unique_ptr<Server>> Server::start(const std::string& listen, Registry& registry,
                                              const Health& health) {
    std::unique_ptr<Server> server(new Server());
    server->impl_->callbacks.begin_request = answer_request;
    server->impl_->callbacks.log_message = keep_log_message;
    served_health.store(&health);
    served_registry.store(&registry);
    try {
        server->impl_->exposer =
            std::make_unique<prometheus::Exposer>(listen, 2, &server->impl_->callbacks);
    } catch (const std::exception& error) {
        std::string why;
        {
            const std::lock_guard<std::mutex> lock(civetweb_log_mutex);
            why = civetweb_last_log;
        }
        Error failure = make_error(
            ErrorKind::Usage, "cannot listen on '" + text::printable(listen, 200) +
                                  "': " + text::printable(why.empty() ? error.what() : why, 300));
        failure.hint = "--listen takes ADDRESS:PORT, e.g. 127.0.0.1:9464, on a free port";
        return failure;
    }
    return server;
}

std::vector<int> Server::ports() const {
    return impl_->exposer->GetListeningPorts();
}

} // namespace zoomqos::exporter
