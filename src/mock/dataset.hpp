#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "zoomqos/api/url.hpp"

// The mock's fixed data set: a handful of webinars and meetings whose
// participants look like what Zoom really returns (see API-NOTES.md), built in
// code so that every run and every machine serves the same bytes.
namespace zoomqos::mock {

// The client's own: one list of event kinds for both sides of a request.
using api::EventKind;

// Zoom serves type=live only while an event runs and type=past only once it
// has ended; asking for the other one answers 404 / 3001.
enum class EventState { Live, Ended };

struct Event {
    EventKind kind = EventKind::Webinar;
    std::string id; // a number, or an instance UUID exactly as Zoom spells it
    EventState state = EventState::Ended;
    std::vector<nlohmann::ordered_json> participants; // single-endpoint shape
    // Built on request after `participants` (--participants): a webinar with
    // tens of thousands of them would not fit in memory as JSON.
    std::size_t generated = 0;
    // Where the generated participants' numbers start: participant i (from 0)
    // of the list is number generated_first + i + 1. Moved by --churn.
    std::size_t generated_first = 0;
    // user_qos by kind (dataset.cpp), shared by the --generated-webinars copies.
    std::shared_ptr<const std::vector<nlohmann::ordered_json>> generated_samples{};
    // Other IDs that reach this event: its instance UUID when `id` is the
    // number, or the number when this is a recurring event's latest instance.
    std::vector<std::string> aliases{};
    // The participants' details endpoint's sessions, when written out by
    // hand (the rejoin webinar); otherwise made from the QoS participants.
    std::vector<nlohmann::ordered_json> details{};
};

// One entry of the Dashboard event lists (GET /metrics/webinars, /metrics/meetings).
struct ListedEvent {
    EventKind kind = EventKind::Webinar;
    bool live = false;             // listed for type=live (else past and pastOne)
    std::string first_day;         // YYYY-MM-DD of start_time, UTC
    std::string last_day;          // of end_time; a live event's is the mock's today
    nlohmann::ordered_json object; // in Zoom's shape
};

// An ended webinar whose details hold a participant who left and rejoined
// (two sessions, one user_id), a namesake, a join_time that differs by a
// second from the QoS entry's and a participant without a session.
inline constexpr std::string_view kRejoinWebinarId = "86000000002";

// The report's demo webinar: ended, 21 people in 22 sessions over 45 minutes
// with a platform-wide spike, bad Wi-Fi, a hot CPU, a rejoin and markup in
// names (dataset.cpp, report_webinar).
inline constexpr std::string_view kReportWebinarId = "87000000001";

// The webinar --participants adds: ended, so served for type=past only.
inline constexpr std::string_view kGeneratedWebinarId = "85000000000";
inline constexpr std::string_view kGeneratedWebinarUuid = "Gq5uN7rS9tUvWx1yZ2aB3c==";
// --generated-webinars N: N such webinars, IDs kGeneratedWebinarId upwards,
// each with its own UUID (the first one's is kGeneratedWebinarUuid).
inline constexpr int kMaxGeneratedWebinars = 1000;
std::string generated_webinar_id(std::size_t copy);
std::string generated_webinar_uuid(std::size_t copy);

// Instance UUIDs of the listed events (events.cpp lists them).
inline constexpr std::string_view kAllHandsUuid = "kF3mQ8rTSpeW0cYv2xN1bA==";    // 81234567890
inline constexpr std::string_view kLiveWebinarUuid = "Lv2bC3dE4fG5hI6jK7lM8n=="; // 82000000001
inline constexpr std::string_view kMeetingUuid = "Mt9aB8cD7eF6gH5iJ4kL3m==";     // 91234567890
// A recurring webinar of three instances: one UUID begins with '/', one
// holds "//"; the number reaches the latest.
inline constexpr std::string_view kRecurringWebinarId = "83456789012";
inline constexpr std::string_view kRecurringSlashUuid = "/Zq0aA1b2Cc3Dd4==";
inline constexpr std::string_view kRecurringDoubleSlashUuid = "Hq8//tR5wXyZ2aBc3dE4fg==";
inline constexpr std::string_view kRecurringLatestUuid = "Pn4kW7sQRmu1vX9yZ0aB2c==";

// The webinar --live-participants adds: live, so served for type=live only.
inline constexpr std::string_view kGeneratedLiveWebinarId = "82000000002";
inline constexpr std::string_view kGeneratedLiveWebinarUuid = "Lg8hJ9kL0mN1oP2qR3sT4u==";

// Its participants' user_id run from here upwards, one per participant.
inline constexpr long kFirstGeneratedUserId = 20000001;
inline constexpr std::size_t kMaxGeneratedParticipants = 100000;
// The highest participant number: user_id 99999999, the last of 8 digits.
inline constexpr std::size_t kMaxGeneratedNumber = 99999999 - kFirstGeneratedUserId + 1;

class Dataset {
public:
    // The one data set the mock serves; see dataset.cpp for its contents.
    static Dataset standard();

    // Adds the load-test webinar kGeneratedWebinarId with this many
    // participants ("Participant 1", ...), and `copies` - 1 more like it;
    // 0 participants makes it exist but empty.
    void add_generated_webinars(std::size_t participants, std::size_t copies);
    // Adds the live webinar kGeneratedLiveWebinarId with this many generated
    // participants (numbered as the ended one's, without a leave_time).
    void add_generated_live_webinar(std::size_t participants);

    const Event* find_event(EventKind kind, std::string_view id) const;

    // Every listed event, in order of start time.
    const std::vector<ListedEvent>& listed() const { return listed_; }
    void set_listed(std::vector<ListedEvent> listed) { listed_ = std::move(listed); }

private:
    std::vector<Event> events_;
    std::vector<ListedEvent> listed_;
};

std::size_t participant_count(const Event& event);

// The participant at `index` (< participant_count) in list order.
nlohmann::ordered_json participant_at(const Event& event, std::size_t index);

// Matches the path's participant ID against `user_id` (what the dashboard
// lists and what users copy) or `id`.
std::optional<nlohmann::ordered_json> find_participant(const Event& event,
                                                       std::string_view participant_id);

} // namespace zoomqos::mock
