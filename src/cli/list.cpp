#include <set>

#include "zoomqos/api/response.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/many.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/term/terminal.hpp"

#include "commands.hpp"
#include "progress.hpp"
#include "session.hpp"

namespace zoomqos::cli {

void add_page_options(CLI::App& command, ListOptions& options) {
    command
        .add_option("--page-size", options.page_size,
                    "Participants per request (Zoom documents at most 10)")
        ->check(CLI::Range(1, 300))
        ->type_name("N")
        ->capture_default_str();
    command.add_option("--limit", options.limit, "Stop after N participants")
        ->check(CLI::Range(1LL, 1LL << 40U))
        ->type_name("N");
}

CLI::App* add_list_command(CLI::App& app, ListOptions& options) {
    GetOptions& common = options.common;
    CLI::App* list = app.add_subcommand(
        "list", "Show every participant's QoS for a webinar or meeting, page by page");
    list->add_option("WEBINAR", common.event_id,
                     "Webinar ID, or webinar instance UUID (with --meeting: a meeting)")
        ->required();
    add_event_options(*list, common);
    add_page_options(*list, options);
    add_glance_options(*list, common, false);
    add_pacing_options(*list, common.pacing, false);
    add_connection_options(*list, common.connection);
    list->footer("Output is printed page by page as it arrives.\n"
                 "Examples:\n"
                 "  zoomqos list 81234567890 --type past\n"
                 "  zoomqos list 81234567890 --type past -o ndjson | jq -c "
                 "'select(.audio_input.latency_ms > 150)'\n");
    return list;
}

namespace {

// Writes the participants of each page as the page arrives.
class ListPrinter {
public:
    ListPrinter(const ListOptions& options, const Glance& glance, render::Format format,
                const Streams& streams)
        : options_(options), glance_(glance), format_(format), streams_(streams) {
        const auto env = term::environment_from_process();
        utf8_ = term::utf8_locale(env);
    }

    // Before the first participant: what only the first page tells.
    void begin(std::optional<long long> total_records) {
        const GetOptions& common = options_.common;
        if (format_ == render::Format::Json) {
            model::Json head = model::Json::object();
            head[common.meeting ? "meeting_id" : "webinar_id"] = common.event_id;
            head["type"] = common.type;
            head["total_records"] =
                total_records ? model::Json(*total_records) : model::Json(nullptr);
            json_.emplace(streams_.out, std::move(head));
        } else if (format_ == render::Format::Csv) {
            render::csv_header(streams_.out);
        } else if (format_ == render::Format::Table) {
            streams_.out << render::summary_row_header() << '\n';
        }
    }

    void add(const model::Participant& participant) {
        const GetOptions& common = options_.common;
        render::Subject subject;
        subject.event_key = common.meeting ? "meeting_id" : "webinar_id";
        subject.event_id = common.event_id;
        subject.participant_id = participant.id.value_or("");
        switch (format_) {
        case render::Format::Json:
            json_->add(participant_json(common, glance_, participant));
            break;
        case render::Format::Ndjson:
            render::ndjson(streams_.out, subject, participant);
            break;
        case render::Format::Csv:
            render::csv_rows(streams_.out, subject, participant);
            break;
        case render::Format::Table:
            streams_.out << render::summary_row(participant, glance_.thresholds, utf8_) << '\n';
            break;
        case render::Format::Raw:
            break;
        }
    }

    void finish() {
        if (json_) {
            json_->close();
        }
        streams_.out.flush();
    }

private:
    const ListOptions& options_;
    const Glance& glance_;
    render::Format format_;
    const Streams& streams_;
    std::optional<render::JsonSequence> json_; // from the first page on
    bool utf8_ = true;
};

} // namespace

Status run_list(const ListOptions& options, const Streams& streams) {
    const GetOptions& common = options.common;
    auto plan = check_run_options(common);
    if (!plan) {
        return std::move(plan).error();
    }
    const render::Format* format = &plan->format;
    const Glance* glance = &plan->glance;
    auto opened = Session::open(common.connection, common.pacing.rate, streams.err);
    if (!opened) {
        return std::move(opened).error();
    }
    Session& session = **opened;

    api::RequestContext context;
    context.kind = common.meeting ? api::EventKind::Meeting : api::EventKind::Webinar;
    context.type = common.type == "past" ? api::QosType::Past : api::QosType::Live;
    context.event_id = common.event_id;

    Progress progress(streams.err, show_progress(common.pacing), std::nullopt);
    ListPrinter printer(options, *glance, *format, streams);
    std::string page_token;
    std::set<std::string> tokens_seen;
    long long printed = 0;
    std::size_t breached = 0;
    bool first_page = true;
    for (;;) {
        context.next_page = !page_token.empty();
        const std::string url =
            api::participants_qos_url(session.base_url(), context.kind, context.event_id,
                                      context.type, options.page_size, page_token);
        auto response = session.get(url, context);
        progress.clear();
        if (!response) {
            printer.finish();
            return std::move(response).error();
        }
        if (*format == render::Format::Raw) {
            // Each page's body as received, one per line: pages stay apart.
            streams.out << response->body;
            if (response->body.empty() || response->body.back() != '\n') {
                streams.out << '\n';
            }
        }
        auto page = model::parse_page(response->body);
        if (!page) {
            printer.finish();
            Error error = std::move(page).error();
            error.http_status = response->status;
            error.hint = "-o raw prints the pages as received";
            return error;
        }
        if (first_page) {
            first_page = false;
            if (page->total_records) {
                const long long total = options.limit
                                            ? std::min(*options.limit, *page->total_records)
                                            : *page->total_records;
                progress.set_total(static_cast<std::size_t>(std::max(0LL, total)));
            }
            printer.begin(page->total_records);
        }
        std::size_t this_page = 0;
        for (const model::Participant& participant : page->participants) {
            if (options.limit && printed >= *options.limit) {
                break;
            }
            printer.add(participant);
            ++printed;
            ++this_page;
            if (glance->fail_on &&
                !check_fail_on(*glance, participant, streams.err,
                               "participant " + participant.id.value_or("?") + ": ")) {
                ++breached;
            }
        }
        streams.out.flush();
        progress.advance(this_page);
        progress.tick();
        if (!streams.out) {
            return Ok{}; // stdout closed (| head): cli::run ends quietly
        }
        if (page->next_page_token.empty() || (options.limit && printed >= *options.limit)) {
            break;
        }
        if (!tokens_seen.insert(page->next_page_token).second) {
            printer.finish();
            Error error = make_error(ErrorKind::InvalidResponse,
                                     "Zoom sent a next_page_token it had sent before; stopping "
                                     "rather than looping");
            error.hint = "the participants printed so far are complete up to this page";
            return error;
        }
        page_token = page->next_page_token;
    }
    printer.finish();
    progress.clear();
    if (session.log() != nullptr) {
        *session.log() << "* " << printed << " participants; " << session.pacer().summary() << "\n";
    }
    if (breached > 0) {
        return make_error(ErrorKind::Threshold, std::to_string(breached) + " of " +
                                                    std::to_string(printed) +
                                                    " participants breached --fail-on rules");
    }
    return Ok{};
}

} // namespace zoomqos::cli
