#include "archive_input.hpp"

#include <utility>

#include "zoomqos/model/json.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

Result<std::string> archive_event_id(const archive::LineReader& reader, const model::Json& event) {
    if (!event.is_object()) {
        return reader.error_at_line("the first line is not the event object");
    }
    for (const char* key : {"uuid", "id"}) {
        const auto it = event.find(key);
        if (it == event.end()) {
            continue;
        }
        if (it->is_string() && !it->get<std::string>().empty()) {
            return it->get<std::string>();
        }
        if (it->is_number_integer() || it->is_number_unsigned()) {
            return it->dump();
        }
    }
    return reader.error_at_line("the event object has no uuid or id");
}

} // namespace

Result<ArchiveInput> open_archive_input(const std::string& path) {
    auto reader = archive::LineReader::open(path);
    if (!reader) {
        return std::move(reader).error();
    }
    auto first = reader->next();
    if (!first) {
        return std::move(first).error();
    }
    if (!*first) {
        return make_error(ErrorKind::InvalidResponse,
                          text::printable(path, archive::kMaxPathShown) +
                              " is empty: line 1 should be the event");
    }
    auto event = model::parse_json(**first, "the event line");
    if (!event) {
        return reader->error_at_line(event.error().message);
    }
    auto id = archive_event_id(*reader, *event);
    if (!id) {
        return std::move(id).error();
    }
    return ArchiveInput{std::move(reader).value(), std::move(event).value(), std::move(id).value()};
}

Result<std::optional<model::Json>> next_participant_line(archive::LineReader& reader) {
    for (;;) {
        auto line = reader.next();
        if (!line) {
            return std::move(line).error();
        }
        if (!*line) {
            return std::optional<model::Json>();
        }
        if (text::is_blank(**line)) {
            continue;
        }
        auto json = model::parse_json(**line, "the line");
        if (!json) {
            return reader.error_at_line(json.error().message);
        }
        return std::optional<model::Json>(std::move(json).value());
    }
}

Result<std::optional<model::Participant>> next_participant(archive::LineReader& reader) {
    auto line = next_participant_line(reader);
    if (!line) {
        return std::move(line).error();
    }
    if (!*line) {
        return std::optional<model::Participant>();
    }
    auto participant = model::participant_from_typed_json(**line);
    if (!participant) {
        return reader.error_at_line(participant.error().message);
    }
    return std::optional<model::Participant>(std::move(participant).value());
}

} // namespace zoomqos::cli
