#include <chrono>
#include <cstdlib>

#include "zoomqos/api/response.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/auth/token.hpp"
#include "zoomqos/http/client.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"

#include "commands.hpp"

namespace zoomqos::cli {

namespace {

// IDs that could not name anything, or that no encoding can carry as one
// path segment, are refused before any request is made.
Status check_id(const std::string& id, const char* what) {
    if (id.find_first_not_of(" \t\r\n") == std::string::npos) {
        return make_error(ErrorKind::Usage, std::string(what) + " ID is empty");
    }
    return Ok{};
}

} // namespace

CLI::App* add_get_command(CLI::App& app, GetOptions& options) {
    CLI::App* get =
        app.add_subcommand("get", "Show one participant's QoS for a webinar or meeting");
    get->add_option("WEBINAR", options.event_id,
                    "Webinar ID, or webinar instance UUID (with --meeting: a meeting)")
        ->required();
    get->add_option("PARTICIPANT", options.participant_id, "Participant ID")->required();
    get->add_option("--type", options.type,
                    "live: an event in progress; past: an event that has ended")
        ->check(CLI::IsMember({"live", "past"}))
        ->capture_default_str();
    get->add_flag("--meeting", options.meeting, "The first ID is a meeting, not a webinar");
    auto* output = get->add_option("-o,--output", options.output, "Output format")
                       ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "raw"}))
                       ->capture_default_str();
    get->add_flag("--json", options.json, "Short for --output json")->excludes(output);
    add_connection_options(*get, options.connection);
    get->footer("Examples:\n"
                "  zoomqos get 81234567890 16778240 --type past\n"
                "  zoomqos get 81234567890 16778240 --type past --json | jq '.user_qos[0]'\n");
    return get;
}

Status run_get(const GetOptions& options, const Streams& streams) {
    // Usage problems come first (exit 2), before credentials are looked at.
    if (auto status = check_id(options.event_id, options.meeting ? "meeting" : "webinar");
        !status) {
        return status;
    }
    if (auto status = check_id(options.participant_id, "participant"); !status) {
        return status;
    }
    auto base = api::validate_base_url(options.connection.api_url, "--api-url");
    if (!base) {
        return std::move(base).error();
    }
    const auto format = render::parse_format(options.json ? "json" : options.output);
    if (!format) {
        return make_error(ErrorKind::Usage, "--output: unknown format '" + options.output + "'");
    }

    auto token =
        auth::resolve_static_token(options.connection.token_file, std::getenv("ZOOM_ACCESS_TOKEN"));
    if (!token) {
        return std::move(token).error();
    }
    std::ostream* log = options.connection.verbose ? &streams.err : nullptr;
    if (log != nullptr) {
        *log << "* access token from " << token->source << "\n";
    }

    api::RequestContext context;
    context.kind = options.meeting ? api::EventKind::Meeting : api::EventKind::Webinar;
    context.type = options.type == "past" ? api::QosType::Past : api::QosType::Live;
    context.event_id = options.event_id;
    context.participant_id = options.participant_id;

    http::Request request;
    request.url = api::participant_qos_url(*base, context.kind, context.event_id,
                                           context.participant_id, context.type);
    request.bearer_token = token->value;
    request.timeout = std::chrono::milliseconds(
        static_cast<long long>(options.connection.timeout_seconds * 1000.0));

    http::Client client(log);
    auto response = client.perform(request);
    if (!response) {
        return std::move(response).error();
    }
    if (response->status != 200) {
        return api::error_from_response(*response, context);
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
    subject.participant_id = options.participant_id;
    switch (*format) {
    case render::Format::Table:
        render::table(streams.out, subject, *participant);
        break;
    case render::Format::Json:
        render::json(streams.out, *participant);
        break;
    case render::Format::Ndjson:
        render::ndjson(streams.out, subject, *participant);
        break;
    case render::Format::Csv:
        render::csv_header(streams.out);
        render::csv_rows(streams.out, subject, *participant);
        break;
    case render::Format::Raw:
        break;
    }
    return Ok{};
}

} // namespace zoomqos::cli
