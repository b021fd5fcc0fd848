#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

// The mock's fixed data set: a handful of webinars and meetings whose
// participants look like what Zoom really returns (see API-NOTES.md), built in
// code so that every run and every machine serves the same bytes.
namespace zoomqos::mock {

enum class EventKind { Webinar, Meeting };

// Zoom serves type=live only while an event runs and type=past only once it
// has ended; asking for the other one answers 404 / 3001.
enum class EventState { Live, Ended };

struct Event {
    EventKind kind = EventKind::Webinar;
    std::string id; // a number, or an instance UUID exactly as Zoom spells it
    EventState state = EventState::Ended;
    std::vector<nlohmann::ordered_json> participants; // single-endpoint shape
};

class Dataset {
public:
    // The one data set the mock serves; see dataset.cpp for its contents.
    static Dataset standard();

    const Event* find_event(EventKind kind, std::string_view id) const;

private:
    std::vector<Event> events_;
};

// Matches the path's participant ID against `user_id` (what the dashboard
// lists and what users copy) or `id`.
const nlohmann::ordered_json* find_participant(const Event& event, std::string_view participant_id);

} // namespace zoomqos::mock
