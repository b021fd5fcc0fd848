#include "events.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include <httplib.h>

#include "pages.hpp"
#include "reply.hpp"

// The Dashboard event lists behind the credential check.
namespace zoomqos::mock {

namespace {

// Zoom's documented default and maximum page_size for these lists.
constexpr int kDefaultPageSize = 30;
constexpr int kMaxPageSize = 300;

struct Listing {
    EventKind kind = EventKind::Webinar;
    std::string_view uuid;
    std::int64_t id = 0;
    const char* topic = "";
    const char* host = "";
    const char* start_time = ""; // "YYYY-MM-DDTHH:MM:SSZ"
    const char* end_time = "";   // "" while live
    const char* duration = "";
    long participants = 0;
    bool video = true;
    bool screen_share = false;
    bool recording = false;
};

ListedEvent listed(const Listing& l, const Json& extra = Json::object()) {
    Json object{{"uuid", l.uuid},
                {"id", l.id},
                {"topic", l.topic},
                {"host", l.host},
                {"email", std::string(l.host) == "Mika Virtanen" ? "mika.virtanen@example.fi"
                                                                 : "events@example.com"},
                {"user_type", "Licensed"},
                {"start_time", l.start_time},
                {"end_time", l.end_time},
                {"duration", l.duration},
                {"participants", l.participants},
                {"has_pstn", false},
                {"has_voip", true},
                {"has_3rd_party_audio", false},
                {"has_video", l.video},
                {"has_screen_share", l.screen_share},
                {"has_recording", l.recording},
                {"has_sip", false},
                {"has_archiving", false}};
    object.update(extra);
    const std::string start(l.start_time);
    const std::string end(l.end_time);
    return ListedEvent{l.kind, end.empty(), start.substr(0, 10),
                       end.empty() ? std::string() : end.substr(0, 10), std::move(object)};
}

bool overlaps(const ListedEvent& event, const std::string& from, const std::string& to,
              const std::string& today) {
    const std::string& last = event.live ? today : event.last_day;
    return event.first_day <= to && last >= from;
}

std::optional<api::Date> required_date(const httplib::Request& req, httplib::Response& res,
                                       const char* field) {
    const auto date = api::parse_date(req.get_param_value(field));
    if (!date) {
        send_invalid_field(res, field);
    }
    return date;
}

// The range checks in Zoom's order; false after answering.
bool range_accepted(EventKind kind, api::Date from, api::Date to, api::Date today,
                    httplib::Response& res) {
    using std::chrono::sys_days;
    if (sys_days{from} > sys_days{to}) {
        send_error(res, 400, 300, "The from date must not be later than the to date.");
        return false;
    }
    if (sys_days{to} > sys_days{api::last_day_of_window(from)}) {
        send_error(res, 400, 300, "The date range must not be longer than one month.");
        return false;
    }
    if (kind == EventKind::Meeting && sys_days{from} < sys_days{api::oldest_meeting_day(today)}) {
        send_error(res, 400, 300, "Meeting data is only available for the last six months.");
        return false;
    }
    return true;
}

} // namespace

namespace {

// "2026-11-25THH:MM:00Z", `minutes` after 10:00.
std::string generated_time(int minutes) {
    const int hour = 10 + minutes / 60;
    const int minute = minutes % 60;
    std::string time = "2026-11-25T";
    time.append(hour < 10 ? "0" : "").append(std::to_string(hour)).append(":");
    time.append(minute < 10 ? "0" : "").append(std::to_string(minute)).append(":00Z");
    return time;
}

} // namespace

std::vector<ListedEvent> standard_listing(int generated_participants, int generated_webinars,
                                          int generated_live_participants) {
    constexpr auto W = EventKind::Webinar;
    std::vector<ListedEvent> all;
    all.push_back(
        listed({W, "OcT5kIcK0fFaB1cD2eF3gH==", 84000000001, "October kickoff", "Mika Virtanen",
                "2026-10-05T15:00:00Z", "2026-10-05T15:04:00Z", "00:04:00", 1}));
    // Across midnight, and so across the boundary of two monthly windows.
    all.push_back(listed({W, "HaL0wEeN9nIgHt8LaTe7sW==", 84000000002, "Late show", "Mika Virtanen",
                          "2026-10-31T23:30:00Z", "2026-11-01T00:40:00Z", "01:10:00", 2}));
    all.push_back(
        listed({W, kRecurringSlashUuid, 83456789012, "Weekly office hours", "Ines Carvalho",
                "2026-11-13T10:00:00Z", "2026-11-13T10:05:00Z", "05:00", 1}));
    all.push_back(
        listed({W, kRecurringDoubleSlashUuid, 83456789012, "Weekly office hours", "Ines Carvalho",
                "2026-11-20T10:00:00Z", "2026-11-20T10:05:00Z", "00:05:00", 2}));
    // Fields newer than the client's model ride along.
    all.push_back(
        listed({W, kAllHandsUuid, 81234567890, "Quarterly all-hands", "Mika Virtanen",
                "2026-11-20T14:00:00Z", "2026-11-20T15:01:00Z", "01:01:00", 5, true, true, true},
               Json{{"dept", "Communications"},
                    {"custom_keys", Json::array({Json{{"key", "cost_center"}, {"value", "4711"}}})},
                    {"audience_type", "internal"}}));
    for (int copy = 0; generated_participants >= 0 && copy < generated_webinars; ++copy) {
        const auto index = static_cast<std::size_t>(copy);
        const std::string uuid = generated_webinar_uuid(index);
        std::string topic = "Town hall (load test)";
        if (copy > 0) {
            topic.append(" ").append(std::to_string(copy + 1));
        }
        const std::string start = generated_time(copy);
        const std::string end = generated_time(copy + 40);
        all.push_back(listed({W, uuid, 85000000000 + copy, topic.c_str(), "Mika Virtanen",
                              start.c_str(), end.c_str(), "00:40:00", generated_participants}));
    }
    all.push_back(
        listed({W, kRecurringLatestUuid, 83456789012, "Weekly office hours", "Ines Carvalho",
                "2026-11-27T10:00:00Z", "2026-11-27T10:05:00Z", "00:05:00", 3}));
    // Ended, but Zoom has no QoS data for it yet.
    all.push_back(
        listed({W, "PeNdInG3aB4cD5eF6gH7iJ==", 84000000003, "Data still processing",
                "Ines Carvalho", "2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z", "01:00:00", 4}));
    all.push_back(listed({W, kLiveWebinarUuid, 82000000001, "Launch livestream", "Mika Virtanen",
                          "2026-12-01T09:00:00Z", "", "", 2}));
    if (generated_live_participants >= 0) {
        all.push_back(
            listed({W, kGeneratedLiveWebinarUuid, 82000000002, "Town hall live (load test)",
                    "Mika Virtanen", "2026-12-01T10:00:00Z", "", "", generated_live_participants}));
    }
    all.push_back(
        listed({EventKind::Meeting, kMeetingUuid, 91234567890, "Design review", "Ines Carvalho",
                "2026-11-18T16:00:00Z", "2026-11-18T16:12:00Z", "00:12:00", 2, true, true}));
    return all;
}

void handle_event_list(const Dataset& dataset, api::Date today, const httplib::Request& req,
                       httplib::Response& res, EventKind kind) {
    if (req.method != "GET" && req.method != "HEAD") {
        send_method_not_allowed(res, req);
        return;
    }
    const std::string type = req.has_param("type") ? req.get_param_value("type") : "live";
    if (type != "live" && type != "past" && (type != "pastOne" || kind != EventKind::Meeting)) {
        send_invalid_field(res, "type");
        return;
    }
    const auto from = required_date(req, res, "from");
    if (!from) {
        return;
    }
    const auto to = required_date(req, res, "to");
    if (!to || !range_accepted(kind, *from, *to, today, res)) {
        return;
    }
    const std::optional<int> page_size =
        requested_page_size(req, res, kDefaultPageSize, kMaxPageSize);
    if (!page_size) {
        return;
    }
    const std::string from_text = api::format_date(*from);
    const std::string to_text = api::format_date(*to);
    const std::string today_text = api::format_date(today);
    const bool live = type == "live";
    std::vector<const ListedEvent*> matching;
    for (const ListedEvent& event : dataset.listed()) {
        if (event.kind == kind && event.live == live &&
            (type != "pastOne" || event.object.value("participants", 0) == 1) &&
            overlaps(event, from_text, to_text, today_text)) {
            matching.push_back(&event);
        }
    }
    const std::string scope = event_title(kind) + "|" + from_text + "|" + to_text + "|" + type;
    const std::optional<std::size_t> offset = first_index(req, res, scope, matching.size());
    if (!offset) {
        return;
    }
    const auto size = static_cast<std::size_t>(*page_size);
    const std::size_t end = std::min(matching.size(), *offset + size);
    Json events = Json::array();
    for (std::size_t i = *offset; i < end; ++i) {
        events.push_back(matching[i]->object);
    }
    const Json envelope{{"from", from_text},
                        {"to", to_text},
                        {"page_count", (matching.size() + size - 1) / size},
                        {"page_size", *page_size},
                        {"total_records", matching.size()},
                        {"next_page_token", end < matching.size() ? page_token(scope, end) : ""},
                        {std::string(api::event_noun(kind)) + "s", std::move(events)}};
    send_json(res, 200, serialize(envelope), kZoomData);
}

} // namespace zoomqos::mock
