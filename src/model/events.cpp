#include "zoomqos/model/events.hpp"

#include <cstdint>

namespace zoomqos::model {

namespace {

Error invalid_listing(std::string message) {
    Error error;
    error.kind = ErrorKind::InvalidResponse;
    error.message = std::move(message);
    return error;
}

// Zoom's ids are numbers in JSON (too large for a double to be trusted as
// text, so only integers count); a string is taken as it is.
std::string id_text(const Json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number_unsigned()) {
        return std::to_string(value.get<std::uint64_t>());
    }
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
        return std::to_string(value.get<std::int64_t>());
    }
    return {};
}

std::string string_field(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

Result<EventPage> parse_event_page(std::string_view body, std::string_view list_key) {
    const Json envelope = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (envelope.is_discarded()) {
        return invalid_listing("the event listing is not valid JSON");
    }
    if (!envelope.is_object()) {
        return invalid_listing("the event listing is not a JSON object");
    }
    EventPage page;
    page.next_page_token = string_field(envelope, "next_page_token");
    const auto list = envelope.find(list_key);
    if (list == envelope.end() || list->is_null()) {
        return page; // nothing running: Zoom may leave the array out
    }
    if (!list->is_array()) {
        return invalid_listing("the event listing's " + std::string(list_key) + " is not an array");
    }
    for (const Json& item : *list) {
        if (!item.is_object()) {
            return invalid_listing("the event listing holds an entry that is not an object");
        }
        EventSummary event;
        if (const auto id = item.find("id"); id != item.end()) {
            event.id = id_text(*id);
        }
        event.uuid = string_field(item, "uuid");
        event.topic = string_field(item, "topic");
        if (event.id.empty() && event.uuid.empty()) {
            continue;
        }
        page.events.push_back(std::move(event));
    }
    return page;
}

} // namespace zoomqos::model
