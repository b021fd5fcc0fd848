#include "target.hpp"

#include "options.hpp"

namespace zoomqos::cli {

std::string EventTarget::event_key() const {
    return std::string(noun()) + "_id";
}

Status EventTarget::check() const {
    return check_id(id, noun());
}

api::RequestContext EventTarget::context(const std::string& participant_id) const {
    api::RequestContext context;
    context.kind = kind;
    context.type = type;
    context.event_id = id;
    context.participant_id = participant_id;
    return context;
}

render::Subject EventTarget::subject(const std::string& participant_id) const {
    render::Subject subject;
    subject.event_key = event_key();
    subject.event_id = id;
    subject.participant_id = participant_id;
    return subject;
}

std::string EventTarget::participant_url(std::string_view base,
                                         std::string_view participant_id) const {
    return api::participant_qos_url(base, kind, id, participant_id, type);
}

std::string EventTarget::page_url(std::string_view base, int page_size,
                                  std::string_view page_token) const {
    return api::participants_qos_url(base, kind, id, type, page_size, page_token);
}

void add_event_options(CLI::App& command, EventTarget& target) {
    add_choice(command, "--type", target.type,
               Choices<api::QosType>{{"live", api::QosType::Live}, {"past", api::QosType::Past}},
               "live: an event in progress; past: an event that has ended");
    command.add_flag_callback(
        "--meeting", [&target] { target.kind = api::EventKind::Meeting; },
        "The first ID is a meeting, not a webinar");
}

CLI::Option* add_event_argument(CLI::App& command, EventTarget& target, bool required) {
    return command
        .add_option("WEBINAR", target.id,
                    "Webinar ID, or webinar instance UUID (with --meeting: a meeting)")
        ->required(required);
}

} // namespace zoomqos::cli
