#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/text/time.hpp"

// One event instance of the Dashboard lists (GET /metrics/webinars,
// /metrics/meetings): typed where a unit applies, everything else Zoom sends
// kept as it came.
namespace zoomqos::model {

// Zoom's yes/no facts about an instance, in this order.
inline constexpr std::array<std::string_view, 8> kEventFlags{
    "has_pstn",      "has_voip", "has_3rd_party_audio", "has_video", "has_screen_share",
    "has_recording", "has_sip",  "has_archiving"};

struct Event {
    std::string kind;               // "webinar" or "meeting": which list it came from
    std::string uuid;               // the instance; every later request names it by this
    std::optional<std::int64_t> id; // the number all instances of a recurring event share
    std::optional<std::string> topic;
    std::optional<std::string> host;
    std::optional<std::string> email;
    std::optional<std::string> user_type;
    std::optional<std::string> dept;
    std::optional<text::WallTime> start_time;
    std::optional<text::WallTime> end_time;
    // Zoom writes "HH:MM:SS", "MM:SS" or a number of minutes.
    std::optional<long long> duration_seconds;
    std::optional<long long> participants; // a count
    std::array<std::optional<bool>, kEventFlags.size()> flags{};
    // Keys the mapper does not know, and known ones of an unexpected type
    // (printed in their own place), unchanged.
    Json extra = Json::object();
};

// "01:01:00" -> 3660, "16:08" -> 968, 45 or "45" (minutes) -> 2700.
std::optional<long long> parse_duration(const Json& value);

// One event object; `kind` as Event::kind. Errors: not an object, or no
// string `uuid` (nothing could be asked about it).
Result<Event> event_from_json(const Json& object, std::string_view kind);

// One page of an event list: its events (under "webinars" or "meetings"),
// where the next page starts and how many there are in all.
struct EventPage {
    std::vector<Event> events;
    std::string next_page_token;
    std::optional<long long> total_records;
};
Result<EventPage> parse_event_page(std::string_view body, std::string_view kind);

// {"kind", "uuid", "id", "topic", "host", "email", "user_type", "dept",
//  "start_time" (ISO-8601 UTC), "end_time", "duration_seconds",
//  "participants", "has_pstn", ..., "has_archiving", <extra>...}: every known
// field present, null when unknown.
Json to_json(const Event& event);

// Compact, one line, invalid UTF-8 replaced: what `events -o ndjson` prints
// and the first line of an archive file.
std::string to_line(const Event& event);

} // namespace zoomqos::model
