#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zoomqos/api/url.hpp"
#include "zoomqos/archive/archive.hpp"
#include "zoomqos/http/batch.hpp"
#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/render/events.hpp"
#include "zoomqos/text/text.hpp"

#include "command.hpp"
#include "event_list.hpp"
#include "participant_pages.hpp"
#include "session.hpp"
#include "target.hpp"

// `zoomqos sweep`: every past event of a date range archived, one file per
// instance with all its participants' QoS, resumable: a rerun reads only what
// is missing.
namespace zoomqos::cli {

namespace {

const OutputChoice kSweepOutput{
    {render::Format::Table, render::Format::Ndjson, render::Format::Csv},
    "Output format of the one line per archived event",
    false};

// How many requests an event's participants take at `page_size` a page:
// at least one, also for an event Zoom lists without a count.
std::size_t qos_pages(const model::Event& event, int page_size) {
    const long long participants = event.participants.value_or(0);
    const auto size = static_cast<long long>(page_size);
    return static_cast<std::size_t>(std::max(1LL, (participants + size - 1) / size));
}

// What an event's participants showed, for its line on stdout.
class Verdicts {
public:
    explicit Verdicts(std::vector<quality::Rule> rules) : rules_(std::move(rules)) {}

    void judge(const model::Participant& participant) {
        ++participants_;
        const auto breaches = quality::find_breaches(participant, rules_);
        const quality::Breach* worst = quality::worst_breach(breaches);
        if (worst == nullptr) {
            return;
        }
        ++breached_;
        const double severity = quality::severity(*worst);
        if (!worst_severity_ || severity > *worst_severity_) {
            worst_severity_ = severity;
            worst_ = participant.user_name.value_or(participant.id.value_or("?")) + ": " +
                     quality::describe(*worst);
        }
    }

    render::SweepLine line(model::Event event) const {
        return render::SweepLine{std::move(event), participants_, breached_,
                                 worst_.empty() ? std::string("ok") : worst_};
    }

private:
    std::vector<quality::Rule> rules_;
    std::size_t participants_ = 0;
    std::size_t breached_ = 0;
    std::optional<double> worst_severity_;
    std::string worst_;
};

struct SweepOptions {
    EventListOptions list;
    std::string archive;
    std::optional<std::size_t> max_requests;
    bool dry_run = false;
    bool details = false;
    int page_size = 10; // participants per QoS request
    render::Format format = render::Format::Table;
    PacingOptions pacing;
    ConnectionOptions connection;
};

// One event being archived: its file, and where its pages stand (the detail
// pages first with --details, then the QoS pages).
struct EventRun {
    EventRun(const model::Event& listed, api::EventKind kind, int page_size, Session& session)
        : event(listed), target{kind, listed.uuid, api::QosType::Past},
          pages(target, page_size, session), details(target, session),
          verdicts(quality::default_rules()) {}

    const model::Event& event;
    EventTarget target;
    std::unique_ptr<archive::Writer> writer;
    ParticipantPages pages;
    DetailPages details;
    bool reading_details = false;
    model::SessionIndex sessions;
    Verdicts verdicts;
};

// Reads up to --concurrency events at once on one http::Batch, every request
// on the session's pacer (so --rate bounds the whole run). Each event's pages
// follow one another; a file is committed when its last page is written.
class Sweep {
public:
    Sweep(const SweepOptions& options, api::DateRange range, Session& session,
          const Streams& streams)
        : options_(options), range_(range), session_(session), streams_(streams) {}

    Status run() {
        EventWalk walk(options_.list, range_, session_);
        walk.before_request([this] { return spend_request(); });
        std::vector<model::Event> events;
        if (auto status =
                walk.run([&events](model::Event&& event) { events.push_back(std::move(event)); });
            !status) {
            return status;
        }
        std::size_t archived_before = 0;
        for (model::Event& event : events) {
            if (archive::exists(options_.archive, archive::file_name(event))) {
                ++archived_before;
            } else {
                todo_.push_back(std::move(event));
            }
        }
        print_plan(events.size(), archived_before, walk.requests());
        if (options_.dry_run) {
            return Ok{};
        }
        if (options_.format == render::Format::Table) {
            streams_.out << render::sweep_table_header() << '\n';
        } else if (options_.format == render::Format::Csv) {
            render::sweep_csv_header(streams_.out);
        }
        streams_.out.flush();

        http::Batch batch(session_.pacer(), options_.pacing.concurrency, session_.log());
        batch_ = &batch;
        for (int slot = 0; slot < options_.pacing.concurrency; ++slot) {
            start_next();
        }
        if (auto ran = batch.run(); !ran && !stop_) {
            stop_ = std::move(ran).error();
        }
        running_.clear(); // unfinished files are removed, never renamed
        batch_ = nullptr;
        if (stop_) {
            Error error = std::move(*stop_);
            error.message.append("; ")
                .append(std::to_string(archived_))
                .append(" of ")
                .append(std::to_string(todo_.size()))
                .append(" events archived in this run, ")
                .append(std::to_string(todo_.size() - archived_ - failed_))
                .append(" left: run the same command again to continue");
            return error;
        }
        streams_.err << "zoomqos: " << archived_ << " archived, " << archived_before
                     << " already there, " << failed_ << " failed; " << requests_ << " requests\n";
        if (!failures_.empty()) {
            return failures_.begin()->second;
        }
        return Ok{};
    }

private:
    // --max-requests: refused before the request that would exceed it.
    Status spend_request() {
        if (options_.max_requests && requests_ >= *options_.max_requests) {
            std::string message = "--max-requests ";
            message.append(std::to_string(*options_.max_requests))
                .append(" reached; stopped before the next request");
            Error error = make_error(ErrorKind::RateLimited, message);
            error.hint = "run again (with a higher --max-requests) to continue where this run "
                         "stopped";
            budget_spent_ = true;
            return error;
        }
        ++requests_;
        return Ok{};
    }

    bool stops_the_sweep(const Error& error) const {
        return budget_spent_ || error.kind == ErrorKind::RateLimited ||
               error.kind == ErrorKind::Auth || process::interrupted();
    }

    std::string describe(const model::Event& event) const {
        return std::string(api::event_noun(options_.list.kind)) + " " +
               (event.id ? std::to_string(*event.id) : std::string("?")) + " instance " +
               text::printable(event.uuid, 80);
    }

    void print_plan(std::size_t listed, std::size_t archived_before,
                    std::size_t list_requests) const {
        long long participants = 0;
        std::size_t qos_requests = 0;
        std::size_t detail_requests = 0;
        for (const model::Event& event : todo_) {
            participants += event.participants.value_or(0);
            qos_requests += qos_pages(event, options_.page_size);
            if (options_.details) {
                detail_requests += detail_pages(event.participants.value_or(0));
            }
        }
        const std::size_t total = list_requests + qos_requests + detail_requests;
        const double seconds =
            options_.pacing.rate > 0 ? static_cast<double>(total) / options_.pacing.rate : 0;
        const std::string noun(api::event_noun(options_.list.kind));
        streams_.err << "zoomqos: plan: " << listed << " " << noun << "s from "
                     << api::format_date(range_.from) << " to " << api::format_date(range_.to)
                     << ", " << archived_before << " already archived, " << todo_.size()
                     << " to read with " << participants << " participants\n";
        streams_.err << "zoomqos: plan: " << total << " requests (" << list_requests
                     << " event-list + " << qos_requests << " QoS at --page-size "
                     << options_.page_size;
        if (options_.details) {
            streams_.err << " + " << detail_requests << " details";
        }
        streams_.err << "), about " << text::decimal(std::ceil(seconds), 0) << " s at --rate "
                     << text::decimal(options_.pacing.rate, 3) << "\n";
        if (options_.dry_run) {
            for (const model::Event& event : todo_) {
                streams_.err << "zoomqos: plan: " << archive::file_name(event) << " ("
                             << text::printable(event.topic.value_or(""), 60) << ", "
                             << event.participants.value_or(0) << " participants)\n";
            }
        }
    }

    // Opens the next event's file and sends its first request; an event
    // that cannot start is told and the next one tried.
    void start_next() {
        while (!stop_ && next_ < todo_.size()) {
            const std::size_t index = next_++;
            auto run = std::make_unique<EventRun>(todo_[index], options_.list.kind,
                                                  options_.page_size, session_);
            auto writer = archive::Writer::open(options_.archive, archive::file_name(run->event));
            if (!writer) {
                finish(index, std::move(writer).error());
                continue;
            }
            run->writer = std::move(writer).value();
            if (auto status = run->writer->write_line(model::to_line(run->event)); !status) {
                finish(index, std::move(status).error());
                continue;
            }
            run->pages.before_request([this] { return spend_request(); });
            std::string hint = "zoomqos list ";
            hint.append(run->event.uuid).append(" -o raw prints the pages as received");
            run->pages.raw_hint(std::move(hint));
            run->details.before_request([this] { return spend_request(); });
            run->reading_details = options_.details;
            EventRun& started = *run;
            running_.emplace(index, std::move(run));
            request_next(index, started);
            return;
        }
    }

    // Sends the event's next request, or commits its file after the last.
    void request_next(std::size_t index, EventRun& run) {
        if (run.reading_details) {
            auto url = run.details.next_request();
            if (!url) {
                finish(index, std::move(url).error());
                return;
            }
            if (*url) {
                get_in(*batch_, session_, **url, run.details.context(),
                       [this, index, &run](Result<http::Response> response) {
                           on_details(index, run, std::move(response));
                       });
                return;
            }
            run.reading_details = false;
        }
        auto url = run.pages.next_request();
        if (!url) {
            finish(index, std::move(url).error());
            return;
        }
        if (!*url) {
            if (auto status = run.writer->commit(); !status) {
                finish(index, std::move(status).error());
                return;
            }
            finish(index, run.verdicts.line(run.event));
            return;
        }
        get_in(*batch_, session_, **url, run.pages.context(),
               [this, index, &run](Result<http::Response> response) {
                   on_page(index, run, std::move(response));
               });
    }

    void on_details(std::size_t index, EventRun& run, Result<http::Response> response) {
        if (auto accepted = run.details.accept(std::move(response), run.sessions); !accepted) {
            finish(index, std::move(accepted).error());
            return;
        }
        request_next(index, run);
    }

    void on_page(std::size_t index, EventRun& run, Result<http::Response> response) {
        auto page = run.pages.accept(std::move(response));
        if (!page) {
            finish(index, std::move(page).error());
            return;
        }
        for (model::Participant& participant : page->participants) {
            if (options_.details) {
                participant.details = run.sessions.match(participant);
            }
            const std::string line =
                model::to_json(participant)
                    .dump(-1, ' ', false, model::Json::error_handler_t::replace);
            if (auto status = run.writer->write_line(line); !status) {
                finish(index, std::move(status).error());
                return;
            }
            run.verdicts.judge(participant);
        }
        request_next(index, run);
    }

    // The event is done: its line on stdout, or its failure told (or the
    // sweep stopped); the next event takes its place.
    void finish(std::size_t index, Result<render::SweepLine> done) {
        const model::Event& event = todo_[index];
        running_.erase(index);
        if (done) {
            ++archived_;
            print_line(*done);
        } else if (Error error = std::move(done).error(); stops_the_sweep(error)) {
            if (!stop_ && !budget_spent_) {
                // Zoom would refuse the requests queued behind this one the
                // same way; those within --max-requests may still go.
                Error cancelled = error;
                cancelled.reported = true;
                batch_->cancel_pending(cancelled);
            }
            if (!stop_) {
                stop_ = std::move(error);
            }
            return;
        } else {
            ++failed_;
            error.message = describe(event) + ": " + error.message;
            streams_.err << format_error(error);
            error.reported = true;
            failures_.emplace(index, std::move(error));
        }
        start_next();
    }

    void print_line(const render::SweepLine& line) {
        if (options_.format == render::Format::Ndjson) {
            streams_.out << render::sweep_ndjson_row(line) << '\n';
        } else if (options_.format == render::Format::Csv) {
            render::sweep_csv_row(streams_.out, line);
        } else {
            streams_.out << render::sweep_table_row(line) << '\n';
        }
        streams_.out.flush();
    }

    const SweepOptions& options_;
    api::DateRange range_;
    Session& session_;
    const Streams& streams_;
    std::vector<model::Event> todo_;
    std::size_t next_ = 0; // the next event of todo_ to start
    std::map<std::size_t, std::unique_ptr<EventRun>> running_;
    http::Batch* batch_ = nullptr;
    std::size_t requests_ = 0;
    std::size_t archived_ = 0;
    std::size_t failed_ = 0;
    bool budget_spent_ = false;
    std::optional<Error> stop_;             // what ended the sweep early
    std::map<std::size_t, Error> failures_; // by event: the exit code is the first's
};

class SweepCommand : public Command {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* command = app.add_subcommand(
            "sweep", "Archive every participant's QoS of every past event in a date range");
        add_event_list_options(*command, options_.list, false, false);
        command->get_option("--from")->required();
        command->get_option("--to")->required()->description("Last day, YYYY-MM-DD (UTC)");
        command
            ->add_option("--archive", options_.archive,
                         "Directory of the archive: one .ndjson.gz file per event instance")
            ->required()
            ->type_name("DIR");
        command
            ->add_option("--max-requests", options_.max_requests,
                         "Stop before the request that would exceed N (exit 5); a rerun "
                         "continues")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40U))
            ->type_name("N");
        command->add_flag("--dry-run", options_.dry_run,
                          "List the events and print the plan (requests, time), then stop");
        command->add_flag("--details", options_.details,
                          "Join each participant's session from the participants' details "
                          "endpoint, as list --details does (a request per 300 participants)");
        command
            ->add_option("--page-size", options_.page_size,
                         "Participants per QoS request (Zoom documents at most 10)")
            ->check(CLI::Range(1, 300))
            ->type_name("N")
            ->capture_default_str();
        add_output_option(*command, options_.format, kSweepOutput);
        add_pacing_options(*command, options_.pacing, true);
        add_connection_options(*command, options_.connection);
        command->footer(
            "Events whose file exists are skipped, so a rerun continues an interrupted sweep.\n"
            "Examples:\n"
            "  zoomqos sweep --from 2026-09-01 --to 2026-11-30 --archive qos-archive\n"
            "  zoomqos sweep --from 2026-11-01 --to 2026-11-30 --archive a --dry-run\n" +
            exit_codes_help());
        return command;
    }

    ConnectionOptions& connection() override { return options_.connection; }

    Status run(const Streams& streams) override {
        auto range = resolve_range(options_.list, today());
        if (!range) {
            return std::move(range).error();
        }
        if (auto base = api::validate_base_url(options_.connection.api_url,
                                               setting_origin(options_.connection, "api-url"));
            !base) {
            return std::move(base).error();
        }
        if (auto status = archive::prepare_directory(options_.archive); !status) {
            return status;
        }
        if (const std::size_t removed = archive::remove_stale_temporaries(options_.archive);
            removed > 0) {
            streams.err << "zoomqos: removed " << removed
                        << " unfinished file(s) of an earlier, interrupted sweep\n";
        }
        auto session = Session::open(options_.connection, options_.pacing.rate, streams.err);
        if (!session) {
            return std::move(session).error();
        }
        Sweep sweep(options_, *range, **session, streams);
        return sweep.run();
    }

private:
    SweepOptions options_;
};

} // namespace

std::unique_ptr<Command> make_sweep_command() {
    return std::make_unique<SweepCommand>();
}

} // namespace zoomqos::cli
