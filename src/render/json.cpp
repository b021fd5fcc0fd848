#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"

namespace zoomqos::render {

namespace {

// Zoom's strings are not guaranteed to be valid UTF-8, and nlohmann throws on
// invalid bytes by default; a renderer must print what it can instead, so
// invalid bytes become U+FFFD. Non-ASCII stays UTF-8 (ensure_ascii = false).
std::string dump(const model::Json& value, int indent) {
    return value.dump(indent, ' ', false, model::Json::error_handler_t::replace);
}

} // namespace

// The same text as dump(to_json(participant), 2), written sample by sample: a
// participant of a day's samples never becomes one JSON value in memory.
void json(std::ostream& out, const model::Participant& participant) {
    const std::string head = dump(model::participant_head_json(participant), 2);
    // user_qos is the head's last key, and the only place a raw newline may
    // precede it (newlines in strings are escaped).
    constexpr std::string_view kNoSamples = "\n  \"user_qos\": []";
    const auto at = head.rfind(kNoSamples);
    if (participant.user_qos.empty() || at == std::string::npos) {
        out << head << '\n';
        return;
    }
    out.write(head.data(), static_cast<std::streamsize>(at));
    out << "\n  \"user_qos\": [";
    std::string sample;
    for (std::size_t i = 0; i < participant.user_qos.size(); ++i) {
        sample.assign(i == 0 ? "\n    " : ",\n    ");
        // Two levels deep: the participant's object, then the array.
        model::JsonText text(sample, 2, 2);
        model::write_json(text, participant.user_qos[i]);
        out.write(sample.data(), static_cast<std::streamsize>(sample.size()));
    }
    out << "\n  ]";
    const std::string_view rest = std::string_view(head).substr(at + kNoSamples.size());
    out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
    out << '\n';
}

void ndjson(std::ostream& out, const Subject& subject, const model::Participant& participant) {
    // The context keys say whose line this is; a sample key of the same name
    // (none is known) must not overwrite them.
    const std::string_view context[] = {subject.event_key, "participant_id", "user_id",
                                        "user_name"};
    std::string line;
    for (const model::Sample& sample : participant.user_qos) {
        line.clear();
        model::JsonText text(line);
        text.begin_object();
        text.key(subject.event_key);
        text.string(subject.event_id);
        text.key("participant_id");
        text.string(subject.participant_id);
        text.key("user_id");
        text.optional_string(participant.user_id);
        text.key("user_name");
        text.optional_string(participant.user_name);
        model::write_members(text, sample, context);
        // list --details: the participant's session on each of its lines.
        if (participant.details && !model::has_member(sample, "details")) {
            text.key("details");
            text.value(*participant.details);
        }
        text.end_object();
        line += '\n';
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
    // Flushed participant by participant: a consumer at the other end of a
    // pipe (jq, a dashboard) sees each participant's lines when they are
    // ready, not when the buffer happens to fill.
    out << std::flush;
}

void raw(std::ostream& out, std::string_view body) {
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

} // namespace zoomqos::render
