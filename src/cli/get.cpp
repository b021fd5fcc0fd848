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
    add_glance_options(*get, options);
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
    // Checked before any credential is used; a token's api_url may replace
    // it below.
    if (auto base = api::validate_base_url(options.connection.api_url, "--api-url"); !base) {
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

    auto credentials = resolve_run_credentials(options.connection);
    if (!credentials) {
        return std::move(credentials).error();
    }
    std::ostream* log = options.connection.verbose ? &streams.err : nullptr;
    if (log != nullptr) {
        *log << "* credentials: " << credentials->source << "\n";
    }
    http::Client client(log);
    auth::TokenProvider provider(std::move(credentials).value(),
                                 token_provider_options(options.connection), client, log);
    auto token = provider.token();
    if (!token) {
        return std::move(token).error();
    }
    auto base = api_base_url(options.connection, *token);
    if (!base) {
        return std::move(base).error();
    }

    api::RequestContext context;
    context.kind = options.meeting ? api::EventKind::Meeting : api::EventKind::Webinar;
    context.type = options.type == "past" ? api::QosType::Past : api::QosType::Live;
    context.event_id = options.event_id;
    context.participant_id = options.participant_id;
    context.static_token = !token->refreshable;

    http::Request request;
    request.url = api::participant_qos_url(*base, context.kind, context.event_id,
                                           context.participant_id, context.type);
    request.bearer_token = token->value;
    apply_connection_options(options.connection, request);
    const http::RetryPolicy policy = retry_policy(options.connection);

    // One GET with a fresh token on a 401: `get` runs it once, --watch once
    // per poll, so that polls get the same retries, refresh and errors.
    const auto fetch = [&]() -> Result<http::Response> {
        auto response = http::perform_with_retries(client, request, policy, log);
        if (!response) {
            return std::move(response).error();
        }
        if (response->status == 401 && token->refreshable) {
            // Revoked or expired early: one fresh token, one more try. A second
            // 401 is reported as it is.
            if (log != nullptr) {
                *log << "* HTTP 401: dropping the cached token, minting a new one, retrying once\n";
            }
            // `token` stays a token even when minting fails: --watch polls again.
            auto refreshed = provider.refresh();
            if (!refreshed) {
                return std::move(refreshed).error();
            }
            token = std::move(refreshed);
            request.bearer_token = token->value;
            response = http::perform_with_retries(client, request, policy, log);
            if (!response) {
                return std::move(response).error();
            }
        }
        if (response->status != 200) {
            return api::error_from_response(*response, context);
        }
        return response;
    };
    auto response = fetch();
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
    subject.participant_id = options.participant_id;
    if (glance->watch_interval) {
        const FetchParticipant poll = [&]() -> Result<model::Participant> {
            auto next = fetch();
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
