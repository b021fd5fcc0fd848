#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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
    std::vector<nlohmann::ordered_json> generated_samples{}; // user_qos by kind, see dataset.cpp
};

// The report's demo webinar: ended, 21 people in 22 sessions over 45 minutes
// with a platform-wide spike, bad Wi-Fi, a hot CPU, a rejoin and markup in
// names (dataset.cpp, report_webinar).
inline constexpr std::string_view kReportWebinarId = "87000000001";

// The webinar --participants adds: ended, so served for type=past only.
inline constexpr std::string_view kGeneratedWebinarId = "85000000000";
// Its participants' user_id run from here upwards, one per participant.
inline constexpr long kFirstGeneratedUserId = 20000001;
inline constexpr std::size_t kMaxGeneratedParticipants = 100000;

class Dataset {
public:
    // The one data set the mock serves; see dataset.cpp for its contents.
    static Dataset standard();

    // Adds the load-test webinar kGeneratedWebinarId with this many
    // participants ("Participant 1", ...); 0 makes it exist but empty.
    void add_generated_webinar(std::size_t participants);

    const Event* find_event(EventKind kind, std::string_view id) const;

private:
    std::vector<Event> events_;
};

std::size_t participant_count(const Event& event);

// The participant at `index` (< participant_count) in list order.
nlohmann::ordered_json participant_at(const Event& event, std::size_t index);

// Matches the path's participant ID against `user_id` (what the dashboard
// lists and what users copy) or `id`.
std::optional<nlohmann::ordered_json> find_participant(const Event& event,
                                                       std::string_view participant_id);

} // namespace zoomqos::mock
