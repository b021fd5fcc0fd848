#include "get.hpp"

#include <optional>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"

#include "command.hpp"
#include "event_command.hpp"
#include "printer.hpp"
#include "progress.hpp"
#include "watch.hpp"

namespace zoomqos::cli {

namespace {

// The participant of one response, or why its body is not one.
Result<model::Participant> parse_response(const http::Response& response) {
    auto participant = model::parse_participant(response.body);
    if (!participant) {
        Error error = std::move(participant).error();
        error.http_status = response.status;
        error.hint = "-o raw prints the body as received";
        return error;
    }
    return participant;
}

class GetCommand : public EventCommand {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* get =
            add_event_command(app, "get", "Show participants' QoS for a webinar or meeting");
        get->add_option("PARTICIPANT", participant_arguments_,
                        "Participant IDs; '-' reads them from stdin, one per line ('#' comments "
                        "and blank lines skipped)")
            ->required();
        add_shared_options(
            *get, true, true,
            "Examples:\n"
            "  zoomqos get 81234567890 16778240 --type past\n"
            "  zoomqos get 81234567890 16778240 --type past --json | jq '.user_qos[0]'\n"
            "  zoomqos get 81234567890 16778240 16779264 --type past -o csv > qos.csv\n"
            "  cut -f1 ids.txt | zoomqos get 81234567890 - --type past -o ndjson\n");
        return get;
    }

private:
    Status check(const Glance& glance, const Streams& streams) override {
        auto ids = read_participant_ids(participant_arguments_, streams.in);
        if (!ids) {
            return std::move(ids).error();
        }
        participant_ids_ = std::move(*ids);
        many_ = participant_ids_.size() > 1 || participant_arguments_.front() == "-";
        if (many_ && glance.watch_interval) {
            return make_error(ErrorKind::Usage, "--watch follows one participant");
        }
        if (many_ && options_.format == render::Format::Raw) {
            return make_error(ErrorKind::Usage,
                              "-o raw prints one response body as received: give one participant");
        }
        return Ok{};
    }

    Status run_in(Session& session, const Glance& glance, const Streams& streams) override {
        if (many_) {
            return run_get_many(options_, glance, participant_ids_, session, streams);
        }
        return run_one(glance, participant_ids_.front(), session, streams);
    }

    Status run_one(const Glance& glance, const std::string& participant_id, Session& session,
                   const Streams& streams) const {
        const EventTarget& target = options_.target;
        const std::string url = target.participant_url(session.base_url(), participant_id);
        const api::RequestContext context = target.context(participant_id);
        // A 429's pause is said on a terminal ("rate limited, waiting 3 s"),
        // and erased before anything else is written.
        Progress progress(streams.err, show_progress(options_.pacing, streams), 1);
        progress.follow_pauses(session.pacer());
        // `get` fetches once, --watch once per poll: polls get the same
        // retries, pacing, token refresh and errors.
        const FetchParticipant fetch = [&]() -> Result<model::Participant> {
            auto response = session.get(url, context);
            progress.clear();
            if (!response) {
                return std::move(response).error();
            }
            return parse_response(*response);
        };
        if (options_.format == render::Format::Raw) {
            auto response = session.get(url, context);
            progress.clear();
            if (!response) {
                return std::move(response).error();
            }
            render::raw(streams.out, response->body);
            return Ok{};
        }
        auto participant = fetch();
        if (!participant) {
            // Ctrl-C before the first answer of a watch still ends it quietly.
            return glance.watch_interval && process::interrupted() ? Status{Ok{}}
                                                                   : std::move(participant).error();
        }
        if (glance.watch_interval) {
            return watch(glance, options_.format, target.subject(participant_id), *participant,
                         fetch, streams, !options_.pacing.quiet);
        }
        auto printer = make_printer(options_.format, Collection::One, target, glance, streams);
        printer->begin(std::nullopt);
        printer->add(participant_id, *participant);
        printer->finish();
        // The output is complete before the verdict on the rules, which goes
        // to stderr: a script gets both the data and exit 8.
        streams.out << std::flush;
        return check_fail_on(glance, *participant, streams.err);
    }

    // As given: IDs, and "-" for IDs read from stdin.
    std::vector<std::string> participant_arguments_;
    std::vector<std::string> participant_ids_;
    bool many_ = false;
};

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
            const std::string id(text::trim(line));
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

std::unique_ptr<Command> make_get_command() {
    return std::make_unique<GetCommand>();
}

} // namespace zoomqos::cli
