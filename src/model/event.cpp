#include "zoomqos/model/event.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "zoomqos/model/json.hpp"

namespace zoomqos::model {

namespace {

constexpr long long kSecondsPerMinute = 60;
// No Zoom event lasts longer than this; a bigger number is not a duration.
constexpr long long kMaxDurationSeconds = 10LL * 365 * 24 * 3600;

Error invalid(std::string message) {
    return make_error(ErrorKind::InvalidResponse, std::move(message));
}

std::optional<long long> whole_number(std::string_view text) {
    if (text.empty() || text.size() > 9) {
        return std::nullopt;
    }
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<long long> clock_duration(std::string_view text) {
    std::vector<long long> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = text.find(':', start);
        const auto part = whole_number(text.substr(start, colon - start));
        if (!part) {
            return std::nullopt;
        }
        parts.push_back(*part);
        if (colon == std::string_view::npos) {
            break;
        }
        start = colon + 1;
    }
    if (parts.size() == 1) {
        return parts[0] * kSecondsPerMinute; // a bare number counts minutes
    }
    if (parts.size() > 3 || parts.back() >= 60 || (parts.size() == 3 && parts[1] >= 60)) {
        return std::nullopt;
    }
    long long seconds = 0;
    for (const long long part : parts) {
        seconds = seconds * 60 + part;
    }
    return seconds;
}

std::optional<std::string> text_field(const Json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return std::nullopt;
}

std::optional<text::WallTime> time_field(const Json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    return text::parse_iso8601(value.get<std::string>());
}

std::optional<long long> count_field(const Json& value) {
    if (value.is_number_unsigned()) {
        return static_cast<long long>(
            std::min<std::uint64_t>(value.get<std::uint64_t>(), 1ULL << 62U));
    }
    if (value.is_number_integer()) {
        const auto count = value.get<long long>();
        return count >= 0 ? std::optional<long long>(count) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::int64_t> id_field(const Json& value) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() <= (1ULL << 62U)) {
        return static_cast<std::int64_t>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
        return value.get<std::int64_t>();
    }
    if (value.is_string()) {
        const std::string digits = value.get<std::string>();
        if (!digits.empty() && digits.size() <= 18 &&
            std::all_of(digits.begin(), digits.end(),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            return std::stoll(digits);
        }
    }
    return std::nullopt;
}

// Reads one key into `event`; false when the key is unknown or its value has
// a type the field cannot hold (it then rides along in `extra`). null is
// "unknown".
bool read_known(const std::string& key, const Json& value, Event& event) {
    if (value.is_null()) {
        return key != "uuid";
    }
    const auto read_text = [&value](std::optional<std::string>& field) {
        field = text_field(value);
        return field.has_value();
    };
    if (key == "id") {
        event.id = id_field(value);
        return event.id.has_value();
    }
    if (key == "topic") {
        return read_text(event.topic);
    }
    if (key == "host") {
        return read_text(event.host);
    }
    if (key == "email") {
        return read_text(event.email);
    }
    if (key == "user_type") {
        return read_text(event.user_type);
    }
    if (key == "dept") {
        return read_text(event.dept);
    }
    if (key == "start_time") {
        event.start_time = time_field(value);
        return event.start_time.has_value();
    }
    if (key == "end_time") {
        event.end_time = time_field(value);
        return event.end_time.has_value() ||
               (value.is_string() && value.get<std::string>().empty());
    }
    if (key == "duration") {
        event.duration_seconds = parse_duration(value);
        return event.duration_seconds.has_value();
    }
    if (key == "participants") {
        event.participants = count_field(value);
        return event.participants.has_value();
    }
    for (std::size_t i = 0; i < kEventFlags.size(); ++i) {
        if (key == kEventFlags[i]) {
            if (!value.is_boolean()) {
                return false;
            }
            event.flags[i] = value.get<bool>();
            return true;
        }
    }
    return false;
}

Json time_or_raw(const std::optional<text::WallTime>& when, const Json& extra, const char* key) {
    if (when) {
        return text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(*when));
    }
    if (const auto raw = extra.find(key); raw != extra.end()) {
        return *raw;
    }
    return nullptr;
}

template <typename T>
Json value_or_raw(const std::optional<T>& value, const Json& extra, const char* key) {
    if (value) {
        return *value;
    }
    if (const auto raw = extra.find(key); raw != extra.end()) {
        return *raw;
    }
    return nullptr;
}

} // namespace

std::optional<long long> parse_duration(const Json& value) {
    std::optional<long long> seconds;
    if (value.is_number_unsigned() || value.is_number_integer()) {
        const auto minutes = count_field(value);
        if (minutes && *minutes <= kMaxDurationSeconds / kSecondsPerMinute) {
            seconds = *minutes * kSecondsPerMinute;
        }
    } else if (value.is_string()) {
        seconds = clock_duration(value.get<std::string>());
    }
    if (seconds && *seconds > kMaxDurationSeconds) {
        return std::nullopt;
    }
    return seconds;
}

Result<Event> event_from_json(const Json& object, std::string_view kind) {
    if (!object.is_object()) {
        return invalid("an event list holds an event that is not an object");
    }
    const auto uuid = object.find("uuid");
    if (uuid == object.end() || !uuid->is_string() || uuid->get<std::string>().empty()) {
        return invalid("an event list holds an event without a uuid");
    }
    Event event;
    event.kind = std::string(kind);
    event.uuid = uuid->get<std::string>();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "uuid") {
            continue;
        }
        if (!read_known(it.key(), it.value(), event)) {
            event.extra[it.key()] = it.value();
        }
    }
    return event;
}

Result<EventPage> parse_event_page(std::string_view body, std::string_view kind) {
    auto parsed = parse_json(body);
    if (!parsed) {
        return std::move(parsed).error();
    }
    const Json& envelope = *parsed;
    if (!envelope.is_object()) {
        return invalid("an event list page is not a JSON object");
    }
    EventPage page;
    if (const auto token = envelope.find("next_page_token");
        token != envelope.end() && token->is_string()) {
        page.next_page_token = token->get<std::string>();
    }
    if (const auto total = envelope.find("total_records"); total != envelope.end()) {
        page.total_records = count_field(*total);
    }
    const std::string key = std::string(kind) + "s";
    const auto events = envelope.find(key);
    if (events == envelope.end() || events->is_null()) {
        return page; // no events in the range: Zoom may leave the array out
    }
    if (!events->is_array()) {
        return invalid("an event list page's " + key + " is not an array");
    }
    for (const Json& item : *events) {
        auto event = event_from_json(item, kind);
        if (!event) {
            return std::move(event).error();
        }
        page.events.push_back(std::move(event).value());
    }
    return page;
}

Json to_json(const Event& event) {
    const Json& extra = event.extra;
    Json out = Json::object();
    out["kind"] = event.kind;
    out["uuid"] = event.uuid;
    out["id"] = value_or_raw(event.id, extra, "id");
    out["topic"] = value_or_raw(event.topic, extra, "topic");
    out["host"] = value_or_raw(event.host, extra, "host");
    out["email"] = value_or_raw(event.email, extra, "email");
    out["user_type"] = value_or_raw(event.user_type, extra, "user_type");
    out["dept"] = value_or_raw(event.dept, extra, "dept");
    out["start_time"] = time_or_raw(event.start_time, extra, "start_time");
    out["end_time"] = time_or_raw(event.end_time, extra, "end_time");
    out["duration_seconds"] = value_or_raw(event.duration_seconds, extra, "duration");
    out["participants"] = value_or_raw(event.participants, extra, "participants");
    for (std::size_t i = 0; i < kEventFlags.size(); ++i) {
        const std::string key(kEventFlags[i]);
        out[key] = value_or_raw(event.flags[i], extra, key.c_str());
    }
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it.key() == "duration" || out.contains(it.key())) {
            continue; // printed in its own place above
        }
        out[it.key()] = it.value();
    }
    return out;
}

std::string to_line(const Event& event) {
    return to_json(event).dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace zoomqos::model
