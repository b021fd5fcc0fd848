#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "zoomqos/model/event.hpp"

// The event lists of `zoomqos events` and the per-event lines of `zoomqos
// sweep`, for people (table) and programs (CSV; JSON comes from model).
namespace zoomqos::render {

// "1:01:00", "0:05:00"; "-" for unknown.
std::string duration_text(std::optional<long long> seconds);

// START, ID, [UUID,] TOPIC, DURATION, PARTICIPANTS, HOST. The UUID column
// appears when an ID has several instances among `events`, so that they can
// be told apart. Times in UTC ("2026-11-20 14:00Z"). Columns fit the longest
// cell; text from Zoom passes text::printable.
void event_table(std::ostream& out, const std::vector<model::Event>& events);

// The fixed CSV header and one row (CRLF, RFC 4180):
// start_time,end_time,id,uuid,topic,host,email,duration_seconds,participants
void event_csv_header(std::ostream& out);
void event_csv_row(std::ostream& out, const model::Event& event);

// What `sweep` says about one archived event instance.
struct SweepLine {
    model::Event event;
    std::size_t participants = 0;          // archived
    std::size_t participants_breached = 0; // with at least one breach of the thresholds
    std::string worst; // "Zoë Åkesson: audio_input: loss 8% at 14:03 (...)", or "ok"
};

// Fixed-width, one line per event as it completes: START, ID, TOPIC,
// PARTICIPANTS, BREACHED, WORST.
std::string sweep_table_header();
std::string sweep_table_row(const SweepLine& line);
// {"start_time", "id", "uuid", "topic", "participants", "participants_breached", "worst"}
std::string sweep_ndjson_row(const SweepLine& line);
// start_time,id,uuid,topic,participants,participants_breached,worst
void sweep_csv_header(std::ostream& out);
void sweep_csv_row(std::ostream& out, const SweepLine& line);

} // namespace zoomqos::render
