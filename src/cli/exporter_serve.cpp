#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "zoomqos/api/event_lists.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/cli/app.hpp"
#include "zoomqos/exporter/budget.hpp"
#include "zoomqos/exporter/logfmt.hpp"
#include "zoomqos/exporter/registry.hpp"
#include "zoomqos/exporter/series.hpp"
#include "zoomqos/http/retry.hpp"
#include "zoomqos/model/event.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

#include "command.hpp"
#include "event_list.hpp"
#include "exporter.hpp"
#include "glance.hpp"
#include "options.hpp"
#include "participant_pages.hpp"
#include "run.hpp"
#include "session.hpp"
#include "target.hpp"

// `zoomqos exporter` served, in zoomqos-exporter: live events' QoS for
// Prometheus. A loop polls Zoom every interval (one poll at a time, on this
// thread) and replaces the registry's series; civetweb's threads serve them
// on GET /metrics.
namespace zoomqos::cli {

namespace {

// Zoom's documented maximum page size of participants' QoS (2022).
constexpr int kParticipantPageSize = 10;
// How often a wait looks at the interrupt flag: a SIGTERM ends the run
// well within a second.
constexpr std::chrono::milliseconds kWaitSlice{100};

// "live", or the IDs of "ID,ID,...", each checked.
Result<std::vector<std::string>> event_ids(const std::string& events) {
    std::vector<std::string> ids;
    if (text::trim(events) == "live") {
        return ids;
    }
    std::string_view rest = events;
    for (;;) {
        const std::size_t comma = rest.find(',');
        const std::string id(text::trim(rest.substr(0, comma)));
        if (auto status = check_id(id, "--events: an event"); !status) {
            return std::move(status).error();
        }
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(id);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    return ids;
}

// Waits until `until`, or less when interrupted; false when interrupted.
bool wait_until(std::chrono::steady_clock::time_point until) {
    while (std::chrono::steady_clock::now() < until) {
        if (process::interrupted()) {
            return false;
        }
        const auto left = until - std::chrono::steady_clock::now();
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(left, kWaitSlice));
    }
    return !process::interrupted();
}

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string seconds_text(double seconds) {
    return text::decimal(seconds, 3);
}

class Log {
public:
    Log(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}

    void info(std::string_view message, const exporter::LogFields& fields = {}) {
        if (!quiet_) {
            write("info", message, fields);
        }
    }
    void warn(std::string_view message, const exporter::LogFields& fields = {}) {
        write("warn", message, fields);
    }

private:
    void write(std::string_view level, std::string_view message,
               const exporter::LogFields& fields) {
        err_ << exporter::logfmt_line(std::chrono::system_clock::now(), level, message, fields)
             << std::flush;
    }

    std::ostream& err_;
    bool quiet_;
};

exporter::LogFields error_fields(const std::string& event, const Error& error) {
    exporter::LogFields fields;
    if (!event.empty()) {
        fields.emplace_back("event_id", event);
    }
    fields.emplace_back("error", error.message);
    if (error.http_status) {
        fields.emplace_back("http_status", std::to_string(*error.http_status));
    }
    if (error.zoom_code) {
        fields.emplace_back("zoom_code", std::to_string(*error.zoom_code));
    }
    return fields;
}

// The participants present in an event, one per participant ID: those Zoom
// says have left are not, and of a participant listed twice the one with
// the newer latest sample counts.
std::vector<model::Participant> present_participants(std::vector<model::Participant> listed) {
    std::map<std::string, model::Participant> by_id;
    auto newest = [](const model::Participant& p) {
        const model::Sample* sample = exporter::latest_sample(p);
        return sample != nullptr ? sample->date_time.value_or("") : std::string();
    };
    for (model::Participant& participant : listed) {
        if (exporter::has_left(participant)) {
            continue;
        }
        const std::string id = exporter::participant_id(participant);
        auto it = by_id.find(id);
        if (it == by_id.end()) {
            by_id.emplace(id, std::move(participant));
        } else if (newest(participant) > newest(it->second)) {
            it->second = std::move(participant);
        }
    }
    std::vector<model::Participant> present;
    present.reserve(by_id.size());
    for (auto& [id, participant] : by_id) {
        present.push_back(std::move(participant));
    }
    return present;
}

class Exporter {
public:
    Exporter(const ExporterOptions& options, std::vector<std::string> ids,
             std::vector<quality::Rule> rules, Session& session, Log& log)
        : options_(options), ids_(std::move(ids)), rules_(std::move(rules)), session_(session),
          log_(log), registry_(health_),
          schedule_(options.interval_seconds, options.pacing.rate, options.daily_budget) {
        session_.pacer().observe([this](const http::Response& response) { observe(response); });
    }

    Status run() {
        const long estimate = exporter::estimated_requests(ids_.empty(), ids_.size());
        schedule_.plan(estimate);
        apply_interval();
        auto server = exporter::Server::start(options_.listen, registry_, health_);
        if (!server) {
            return std::move(server).error();
        }
        std::string ports;
        for (const int port : (*server)->ports()) {
            ports += (ports.empty() ? "" : ",") + std::to_string(port);
        }
        log_.info("exporter started",
                  {{"listen", options_.listen},
                   {"port", ports},
                   {"events", ids_.empty() ? "live" : std::to_string(ids_.size())},
                   {"kind", std::string(api::event_noun(kind()))},
                   {"interval_seconds", seconds_text(options_.interval_seconds)},
                   {"planned_interval_seconds", seconds_text(schedule_.planned())},
                   {"requests_per_poll", std::to_string(estimate)},
                   {"rate", seconds_text(options_.pacing.rate)},
                   {"daily_budget", std::to_string(options_.daily_budget)}});
        while (!process::interrupted()) {
            const auto started = std::chrono::steady_clock::now();
            poll();
            if (process::interrupted()) {
                break;
            }
            if (!pause_for_daily_limit()) {
                break;
            }
            const auto next =
                started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(schedule_.interval()));
            if (!wait_until(next)) {
                break;
            }
        }
        log_.info("stopping", {{"signal", process::signal_name(process::interrupt_signal())}});
        return Ok{};
    }

private:
    api::EventKind kind() const {
        return options_.meeting ? api::EventKind::Meeting : api::EventKind::Webinar;
    }

    void apply_interval() {
        health_.set_interval(schedule_.interval());
        registry_.set_interval(schedule_.interval());
    }

    // Every response of the run: the self metrics, and what Zoom's rate
    // limits say about the next polls.
    void observe(const http::Response& response) {
        const std::string type(text::trim(response.header("X-RateLimit-Type")));
        registry_.count_response(response.status, type);
        if (const std::string remaining(text::trim(response.header("X-RateLimit-Remaining")));
            !remaining.empty()) {
            char* end = nullptr;
            const double value = std::strtod(remaining.c_str(), &end);
            if (end != remaining.c_str() && *end == '\0' && std::isfinite(value) && value >= 0) {
                registry_.set_daily_remaining(value);
            }
        }
        if (response.status != 429) {
            return;
        }
        if (!text::iequals(type, "Daily-limit")) {
            qps_limited_ = true;
            return;
        }
        const text::WallTime now = std::chrono::system_clock::now();
        const auto resets = http::parse_retry_after(response.header("Retry-After"), now);
        if (resets && *resets > now) {
            daily_reset_ = *resets;
        } else {
            // Zoom's daily pool resets at midnight UTC.
            daily_reset_ = std::chrono::floor<std::chrono::days>(now) + std::chrono::days(1);
        }
    }

    // After a Daily-limit 429: no request until the reset, while /metrics
    // keeps serving the last values (and their age). False when interrupted.
    bool pause_for_daily_limit() {
        if (!daily_reset_) {
            return true;
        }
        const text::WallTime until = *daily_reset_;
        daily_reset_.reset();
        const auto wait = until - std::chrono::system_clock::now();
        if (wait <= std::chrono::system_clock::duration::zero()) {
            return true;
        }
        registry_.set_paused(true);
        log_.warn(
            "daily limit reached; polling paused",
            {{"until", text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(until))}});
        const bool resumed =
            wait_until(std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(wait));
        registry_.set_paused(false);
        if (resumed) {
            log_.info("daily limit reset; polling resumes");
        }
        return resumed;
    }

    // The live events: every page of /metrics/webinars?type=live, each event
    // once, by its ID (the number answers the running instance) or, without
    // one, its UUID. The list wants a date range: yesterday and today (UTC),
    // so that an event running since before midnight is listed too.
    Result<std::vector<std::string>> discover() {
        EventListOptions listing;
        listing.kind = kind();
        listing.type = api::QosType::Live;
        const api::Date to = today();
        EventWalk walk(listing, api::DateRange{api::add_days(to, -1), to}, session_);
        std::vector<std::string> ids;
        auto status = walk.run([&ids](model::Event&& event) {
            std::string id = event.id ? std::to_string(*event.id) : std::move(event.uuid);
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(std::move(id));
            }
        });
        if (!status) {
            return std::move(status).error();
        }
        return ids;
    }

    // Every participant page of one live event.
    Result<std::vector<model::Participant>> read_event(const std::string& id) {
        const EventTarget target{kind(), id, api::QosType::Live};
        ParticipantPages pages(target, kParticipantPageSize, session_);
        std::vector<model::Participant> participants;
        for (;;) {
            auto page = pages.next();
            if (!page) {
                return std::move(page).error();
            }
            if (!*page) {
                return participants;
            }
            std::move((*page)->participants.begin(), (*page)->participants.end(),
                      std::back_inserter(participants));
        }
    }

    void poll() {
        const auto started = std::chrono::steady_clock::now();
        const http::Pacer::Stats before = session_.pacer().stats();
        qps_limited_ = false;
        bool ok = true;
        std::vector<std::string> ids = ids_;
        if (ids_.empty()) {
            auto live = discover();
            if (live) {
                ids = std::move(live).value();
            } else {
                ok = false;
                log_.warn("listing live events failed", error_fields("", live.error()));
            }
        }
        // Without a listing nothing is known to have ended: every series stays.
        std::map<std::string, std::vector<exporter::Point>> next = ok ? decltype(next){} : last_;
        std::size_t participants = 0;
        for (const std::string& id : ids) {
            if (process::interrupted() || daily_reset_) {
                if (last_.contains(id)) {
                    next[id] = last_[id];
                }
                ok = false;
                continue;
            }
            auto listed = read_event(id);
            if (!listed) {
                if (listed.error().kind == ErrorKind::NotFound) {
                    // Not live (ended, or not started): its series go.
                    log_.info("event not live", {{"event_id", id}});
                    continue;
                }
                ok = false;
                log_.warn("reading an event failed", error_fields(id, listed.error()));
                if (last_.contains(id)) {
                    next[id] = last_[id];
                }
                continue;
            }
            const std::vector<model::Participant> present =
                present_participants(std::move(listed).value());
            participants += present.size();
            std::vector<exporter::Point> points = exporter::event_points(id, present, rules_);
            for (const model::Participant& participant : present) {
                std::vector<exporter::Point> own = exporter::participant_points(id, participant);
                std::move(own.begin(), own.end(), std::back_inserter(points));
            }
            next[id] = std::move(points);
        }
        std::vector<exporter::Point> all;
        for (const auto& [id, points] : next) {
            all.insert(all.end(), points.begin(), points.end());
        }
        registry_.replace(all);
        last_ = std::move(next);

        const http::Pacer::Stats& after = session_.pacer().stats();
        const long requests = after.requests - before.requests;
        registry_.add_retries(after.retries - before.retries);
        // The token Session::open minted counts with the first poll.
        registry_.add_token_mints(session_.tokens_minted() - mints_counted_);
        mints_counted_ = session_.tokens_minted();
        const double duration =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        registry_.poll_done(exporter::PollReport{ok, duration, unix_now(), requests});
        if (ok) {
            health_.succeeded(std::chrono::steady_clock::now());
        }
        const exporter::LogFields fields{{"events", std::to_string(ids.size())},
                                         {"participants", std::to_string(participants)},
                                         {"series", std::to_string(registry_.poll_series())},
                                         {"requests", std::to_string(requests)},
                                         {"duration_seconds", seconds_text(duration)}};
        if (ok) {
            log_.info("poll done", fields);
        } else {
            log_.warn("poll incomplete", fields);
        }
        replan(requests);
    }

    // The budget follows what polls really cost; 429s slow it further.
    void replan(long requests) {
        const double before = schedule_.interval();
        if (requests > 0) {
            schedule_.plan(requests);
        }
        schedule_.after_poll(qps_limited_);
        if (schedule_.interval() != before) {
            log_.info("poll interval changed",
                      {{"interval_seconds", seconds_text(schedule_.interval())},
                       {"planned_interval_seconds", seconds_text(schedule_.planned())},
                       {"slowdown", seconds_text(schedule_.slowdown())},
                       {"requests_per_poll", std::to_string(requests)}});
        }
        apply_interval();
    }

    const ExporterOptions& options_;
    std::vector<std::string> ids_; // empty: discover the live events
    std::vector<quality::Rule> rules_;
    Session& session_;
    Log& log_;
    exporter::Health health_;
    exporter::Registry registry_;
    exporter::PollSchedule schedule_;
    std::map<std::string, std::vector<exporter::Point>> last_;
    long mints_counted_ = 0;
    bool qps_limited_ = false;
    std::optional<text::WallTime> daily_reset_;
};

} // namespace

Status serve_exporter(const ExporterOptions& options, const Streams& streams) {
    auto ids = event_ids(options.events);
    if (!ids) {
        return std::move(ids).error();
    }
    if (auto base = api::validate_base_url(options.connection.api_url,
                                           setting_origin(options.connection, "api-url"));
        !base) {
        return std::move(base).error();
    }
    auto glance = resolve_glance(options.glance, render::Format::Table, api::QosType::Live);
    if (!glance) {
        return std::move(glance).error();
    }
    auto session = Session::open(options.connection, options.pacing.rate, streams.err);
    if (!session) {
        return std::move(session).error();
    }
    Log log(streams.err, options.pacing.quiet);
    Exporter exporter(options, std::move(ids).value(), glance->thresholds, **session, log);
    return exporter.run();
}

int run_exporter(int argc, char** argv) {
    return run(argc, argv, Program{.serve_exporter = serve_exporter});
}

} // namespace zoomqos::cli
