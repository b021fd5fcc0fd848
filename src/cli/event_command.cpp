#include "event_command.hpp"

#include <optional>

#include "zoomqos/api/url.hpp"
#include "zoomqos/process/interrupt.hpp"

namespace zoomqos::cli {

namespace {

// What an event command checks before any credential is used (usage errors):
// the event ID, the API URL (a token's api_url may replace it later), and the
// glance options against the output format and event type; what they resolve to.
Result<Glance> check_before_session(const EventTarget& target, const ConnectionOptions& options,
                                    const GlanceOptions& glance, render::Format format) {
    if (auto status = target.check(); !status) {
        return std::move(status).error();
    }
    if (auto base = api::validate_base_url(options.api_url, setting_origin(options, "api-url"));
        !base) {
        return std::move(base).error();
    }
    return resolve_glance(glance, format, target.type);
}

} // namespace

CLI::App* EventCommand::add_event_command(CLI::App& app, const std::string& name,
                                          const std::string& description,
                                          const std::string& offline_source) {
    CLI::App* command = app.add_subcommand(name, description);
    event_argument_ = add_event_argument(*command, options_.target, offline_source.empty());
    offline_source_ = offline_source;
    return command;
}

void EventCommand::add_shared_options(CLI::App& command, bool one_participant, bool concurrent,
                                      const std::string& examples) {
    add_event_options(command, options_.target);
    add_output_option(command, options_.format, kParticipantOutput);
    add_glance_options(command, options_.glance, one_participant);
    add_pacing_options(command, options_.pacing, concurrent);
    add_connection_group(command);
    command.footer(examples + exit_codes_help());
}

void EventCommand::add_connection_group(CLI::App& command) {
    const std::size_t before = command.get_options().size();
    add_connection_options(command, options_.connection);
    const auto all = command.get_options();
    connection_options_.assign(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
}

Status EventCommand::run_offline(const Glance& /*glance*/, const Streams& /*streams*/) {
    return make_error(ErrorKind::Internal, "this command has no offline mode");
}

void EventCommand::add_document_options(CLI::App& command, const std::string& examples) {
    add_event_options(command, options_.target);
    add_threshold_options(command, options_.glance);
    add_pacing_options(command, options_.pacing, false);
    add_connection_group(command);
    command.footer(examples + exit_codes_help());
}

Status EventCommand::run(const Streams& streams) {
    if (offline()) {
        auto glance = resolve_glance(options_.glance, options_.format, options_.target.type);
        if (!glance) {
            return std::move(glance).error();
        }
        if (auto status = check(*glance, streams); !status) {
            return status;
        }
        return run_offline(*glance, streams);
    }
    if (!offline_source_.empty() && event_argument_ != nullptr && event_argument_->count() == 0) {
        return make_error(ErrorKind::Usage,
                          event_argument_->get_name() + " or " + offline_source_ + " is required");
    }
    auto glance = check_before_session(options_.target, options_.connection, options_.glance,
                                       options_.format);
    if (!glance) {
        return std::move(glance).error();
    }
    if (auto status = check(*glance, streams); !status) {
        return status;
    }
    // Ctrl-C is how a watch ends: from here on it is no interruption, even
    // while the token is minted or the first answer awaited.
    std::optional<process::QuietInterrupt> quiet;
    if (glance->watch_interval) {
        quiet.emplace();
    }
    auto session = Session::open(options_.connection, options_.pacing.rate, streams.err);
    if (!session) {
        return std::move(session).error();
    }
    return run_in(**session, *glance, streams);
}

} // namespace zoomqos::cli
