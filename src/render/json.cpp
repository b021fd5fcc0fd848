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
    for (std::size_t i = 0; i < participant.user_qos.size(); ++i) {
        out << (i == 0 ? "\n    " : ",\n    ");
        const std::string sample = dump(model::to_json(participant.user_qos[i]), 2);
        // Two levels deeper than a value at the top: every line after the first.
        std::size_t from = 0;
        for (std::size_t newline = sample.find('\n'); newline != std::string::npos;
             newline = sample.find('\n', from)) {
            out.write(sample.data() + from, static_cast<std::streamsize>(newline + 1 - from));
            out << "    ";
            from = newline + 1;
        }
        out.write(sample.data() + from, static_cast<std::streamsize>(sample.size() - from));
    }
    out << "\n  ]";
    const std::string_view rest = std::string_view(head).substr(at + kNoSamples.size());
    out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
    out << '\n';
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
