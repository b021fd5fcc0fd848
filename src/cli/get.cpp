#include <chrono>
#include <cstdlib>
#include <iostream>

#include "zoomqos/api/response.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/term/terminal.hpp"

#include "commands.hpp"
#include "session.hpp"

namespace zoomqos::cli {

namespace {

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// Zoom's IDs are numbers or 22-to-44-character UUIDs; anything this long is
// a mistake (a pasted file, say) and would only earn an HTTP 414.
constexpr std::size_t kMaxIdLength = 512;

// IDs that could not name anything are refused before any request is made.
Status check_id(const std::string& id, const char* what) {
    if (blank(id)) {
        return make_error(ErrorKind::Usage, std::string(what) + " ID is empty");
    }
    if (id.size() > kMaxIdLength) {
        return make_error(ErrorKind::Usage, std::string(what) + " ID is " +
                                                std::to_string(id.size()) +
                                                " bytes long; Zoom IDs are far shorter (at most " +
                                                std::to_string(kMaxIdLength) + " accepted)");
    }
    return Ok{};
}

} // namespace

Result<std::vector<std::string>> read_participant_ids(const std::vector<std::string>& arguments,
                                                      std::istream& in) {
    std::vector<std::string> ids;
    bool read_stdin = false;
    for (const std::string& argument : arguments) {
        if (argument != "-") {
            if (auto status = check_id(argument, "participant"); !status) {
                return std::move(status).error();
            }
            ids.push_back(argument);
            continue;
        }
        if (read_stdin) {
            return make_error(ErrorKind::Usage, "'-' (participant IDs from stdin) given twice");
        }
        read_stdin = true;
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            const std::string id = trimmed(line);
            if (id.empty() || id.front() == '#') {
                continue;
            }
            if (auto status = check_id(id, "participant"); !status) {
                Error error = std::move(status).error();
                error.message = "stdin line " + std::to_string(number) + ": " + error.message;
                return error;
            }
            ids.push_back(id);
        }
        if (in.bad()) {
            return make_error(ErrorKind::Usage, "cannot read participant IDs from stdin");
        }
    }
    if (ids.empty()) {
        return make_error(ErrorKind::Usage, "no participant IDs: stdin held none");
    }
    return ids;
}

void add_pacing_options(CLI::App& command, PacingOptions& options, bool concurrent) {
    command
        .add_option("--rate", options.rate,
                    "Requests per second, for all requests of the run together (10: Zoom's "
                    "Heavy limit on Pro accounts; Business and up allow 40)")
        ->check(finite_number())
        ->check(CLI::Range(0.1, 1000.0))
        ->type_name("N")
        ->capture_default_str();
    if (concurrent) {
        command
            .add_option("--concurrency", options.concurrency,
                        "Requests in flight at once with several participants")
            ->check(CLI::Range(1, 32))
            ->type_name("N")
            ->capture_default_str();
    }
    command.add_flag("-q,--quiet", options.quiet,
                     "No progress display on stderr (shown only on a terminal, on long runs)");
}

bool show_progress(const PacingOptions& options) {
    return !options.quiet && term::is_tty(2);
}

void add_event_options(CLI::App& command, GetOptions& options) {
    command
        .add_option("--type", options.type,
                    "live: an event in progress; past: an event that has ended")
        ->check(CLI::IsMember({"live", "past"}))
        ->capture_default_str();
    command.add_flag("--meeting", options.meeting, "The first ID is a meeting, not a webinar");
    auto* output =
        command
            .add_option("-o,--output", options.output,
                        "Output format (raw: the body as received; list: each page's on a line)")
            ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "raw"}))
            ->capture_default_str();
    command.add_flag("--json", options.json, "Short for --output json")->excludes(output);
}

CLI::App* add_get_command(CLI::App& app, GetOptions& options) {
    CLI::App* get = app.add_subcommand("get", "Show participants' QoS for a webinar or meeting");
    get->add_option("WEBINAR", options.event_id,
                    "Webinar ID, or webinar instance UUID (with --meeting: a meeting)")
        ->required();
    get->add_option("PARTICIPANT", options.participant_ids,
                    "Participant IDs; '-' reads them from stdin, one per line ('#' comments and "
                    "blank lines skipped)")
        ->required();
    add_event_options(*get, options);
    add_glance_options(*get, options, true);
    add_pacing_options(*get, options.pacing, true);
    add_connection_options(*get, options.connection);
    get->footer("Examples:\n"
                "  zoomqos get 81234567890 16778240 --type past\n"
                "  zoomqos get 81234567890 16778240 --type past --json | jq '.user_qos[0]'\n"
                "  zoomqos get 81234567890 16778240 16779264 --type past -o csv > qos.csv\n"
                "  cut -f1 ids.txt | zoomqos get 81234567890 - --type past -o ndjson\n");
    return get;
}

Result<OutputPlan> check_run_options(const GetOptions& options) {
    // Usage problems come first (exit 2), before credentials are looked at.
    if (auto status = check_id(options.event_id, options.meeting ? "meeting" : "webinar");
        !status) {
        return std::move(status).error();
    }
    // Checked before any credential is used; a token's api_url may replace
    // it later.
    if (auto base = api::validate_base_url(options.connection.api_url,
                                           setting_origin(options.connection, "api-url"));
        !base) {
        return std::move(base).error();
    }
    const auto format = render::parse_format(options.json ? "json" : options.output);
    if (!format) {
        return make_error(ErrorKind::Usage, "--output: unknown format '" + options.output + "'");
    }
    auto glance = resolve_glance(options, *format);
    if (!glance) {
        return std::move(glance).error();
    }
    return OutputPlan{*format, std::move(glance).value()};
}

Status run_get(const GetOptions& options, const Streams& streams) {
    auto plan = check_run_options(options);
    if (!plan) {
        return std::move(plan).error();
    }
    const render::Format* format = &plan->format;
    const Glance* glance = &plan->glance;
    auto ids = read_participant_ids(options.participant_ids, std::cin);
    if (!ids) {
        return std::move(ids).error();
    }
    const bool many = ids->size() > 1 || options.participant_ids.front() == "-";
    if (many && glance->watch_interval) {
        return make_error(ErrorKind::Usage, "--watch follows one participant");
    }
    if (many && *format == render::Format::Raw) {
        return make_error(ErrorKind::Usage,
                          "-o raw prints one response body as received: give one participant");
    }

    auto opened = Session::open(options.connection, options.pacing.rate, streams.err);
    if (!opened) {
        return std::move(opened).error();
    }
    Session& session = **opened;
    if (many) {
        return run_get_many(options, *glance, *format, *ids, session, streams);
    }

    const std::string& participant_id = ids->front();
    api::RequestContext context;
    context.kind = options.meeting ? api::EventKind::Meeting : api::EventKind::Webinar;
    context.type = options.type == "past" ? api::QosType::Past : api::QosType::Live;
    context.event_id = options.event_id;
    context.participant_id = participant_id;
    const std::string url = api::participant_qos_url(
        session.base_url(), context.kind, context.event_id, participant_id, context.type);

    // `get` fetches once, --watch once per poll: polls get the same retries,
    // pacing, token refresh and errors.
    auto response = session.get(url, context);
    if (!response) {
        return std::move(response).error();
    }
    if (*format == render::Format::Raw) {
        render::raw(streams.out, response->body);
        return Ok{};
    }
    auto participant = model::parse_participant(response->body);
    if (!participant) {
        Error error = std::move(participant).error();
        error.http_status = response->status;
        error.hint = "-o raw prints the body as received";
        return error;
    }

    render::Subject subject;
    subject.event_key = options.meeting ? "meeting_id" : "webinar_id";
    subject.event_id = options.event_id;
    subject.participant_id = participant_id;
    if (glance->watch_interval) {
        const FetchParticipant poll = [&]() -> Result<model::Participant> {
            auto next = session.get(url, context);
            if (!next) {
                return std::move(next).error();
            }
            return model::parse_participant(next->body);
        };
        return watch(*glance, *format, subject, *participant, poll, streams);
    }
    render_participant(options, *glance, *format, subject, *participant, streams.out);
    // The output is complete before the verdict on the rules, which goes to
    // stderr: a script gets both the data and exit 8.
    streams.out << std::flush;
    return check_fail_on(*glance, *participant, streams.err);
}

} // namespace zoomqos::cli
