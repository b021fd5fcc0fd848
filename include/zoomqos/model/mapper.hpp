#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/json.hpp"
#include "zoomqos/model/json_text.hpp"
#include "zoomqos/model/qos.hpp"

// The boundary between Zoom's JSON and the typed model. nlohmann exceptions
// never cross it: malformed input comes back as an InvalidResponse error.
namespace zoomqos::model {

// Parses a single-participant QoS response body. Errors: not JSON, not an
// object, or user_qos present but not an array (ErrorKind::InvalidResponse).
Result<Participant> parse_participant(std::string_view body);

// The same from an already parsed object (list pages hold many of these).
Result<Participant> participant_from_json(const Json& object);

// One page of the list endpoint (/participants/qos): its participants and
// where the next page starts. An empty next_page_token ends the walk. Errors:
// not JSON, not an object, participants not an array, or a participant that
// is not an object (ErrorKind::InvalidResponse).
struct Page {
    std::vector<Participant> participants;
    std::string next_page_token;
    std::optional<long long> total_records;
};
Result<Page> parse_page(std::string_view body);

// Typed JSON in Zoom's shape: unit strings become numbers under new names
// (bitrate -> bitrate_kbps, latency -> latency_ms, resolution -> {width,
// height}, ...), unknown keys pass through unchanged. Every known field is
// present in the output, null when unknown, so that jq filters see a stable
// schema; the exceptions are health and issue_list (webinars only) and
// meeting_number (meetings only), which appear only when Zoom sent them. A
// participant field Zoom sent with an unexpected type keeps its raw value in
// its own place. Where an unknown key has the name of a generated one
// (bitrate_kbps), the typed value wins.
Json to_json(const Participant& participant);

// to_json(participant) with user_qos an empty array, always its last key: for
// a writer that streams the samples one by one instead of holding them all
// as JSON at once.
Json participant_head_json(const Participant& participant);

// The inverse of to_json(Participant), for typed JSON read back (an archive
// written from `list`'s output): to_json(participant_from_typed_json(to_json(p)))
// == to_json(p). A typed stream is an object holding every one of
// bitrate_kbps, latency_ms, jitter_ms, avg_loss_pct and max_loss_pct; a
// "details" object becomes Participant::details. Errors: not an object,
// user_qos not an array or holding a non-object (ErrorKind::InvalidResponse).
Result<Participant> participant_from_typed_json(const Json& object);

// One session of the participants' details endpoint as `list --details`
// shows it: kDetailFields in order, each Zoom's value or null; a session
// that is not an object (none matched) gives every field null.
Json details_json(const Json& session);

// The typed JSON of a sample, a stream and CPU usage (to_json(Participant)'s
// parts), written as text straight from the structs; to_json of each is that
// text parsed. write_members writes a sample's members into an object already
// open, leaving out the keys in `skip` (written there already: NDJSON's
// context keys). has_member: whether the sample's typed JSON has the key.
void write_json(JsonText& text, const Sample& sample);
void write_json(JsonText& text, const Stream& stream);
void write_json(JsonText& text, const CpuUsage& cpu);
void write_members(JsonText& text, const Sample& sample, std::span<const std::string_view> skip);
bool has_member(const Sample& sample, std::string_view key);
Json to_json(const Sample& sample);
Json to_json(const Stream& stream);
Json to_json(const CpuUsage& cpu);

} // namespace zoomqos::model
