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

model::Json optional_string(const std::optional<std::string>& value) {
    return value ? model::Json(*value) : model::Json(nullptr);
}

} // namespace

void json(std::ostream& out, const model::Participant& participant) {
    out << dump(model::to_json(participant), 2) << '\n';
}

void ndjson(std::ostream& out, const Subject& subject, const model::Participant& participant) {
    for (const model::Sample& sample : participant.user_qos) {
        model::Json line = model::Json::object();
        line[subject.event_key] = subject.event_id;
        line["participant_id"] = subject.participant_id;
        line["user_id"] = optional_string(participant.user_id);
        line["user_name"] = optional_string(participant.user_name);
        const model::Json typed = model::to_json(sample);
        for (const auto& [key, value] : typed.items()) {
            // The context keys say whose line this is; a sample key of the same
            // name (none is known) must not overwrite them.
            if (!line.contains(key)) {
                line[key] = value;
            }
        }
        // list --details: the participant's session on each of its lines.
        if (participant.details && !line.contains("details")) {
            line["details"] = *participant.details;
        }
        // Flushed line by line: a consumer at the other end of a pipe (jq,
        // a dashboard) sees each sample when it is ready, not when the
        // buffer happens to fill.
        out << dump(line, -1) << '\n' << std::flush;
    }
}

void raw(std::ostream& out, std::string_view body) {
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

} // namespace zoomqos::render
