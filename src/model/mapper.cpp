#include "zoomqos/model/mapper.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zoomqos/model/json.hpp"
#include "zoomqos/model/units.hpp"

namespace zoomqos::model {
namespace {

// Zoom's objects are four levels deep. nlohmann parses any depth without recursing, but copying
// and dumping do recurse, so a broken or hostile server could overflow the stack with "[[[[...".
constexpr std::size_t kMaxDepth = 64;

Error invalid_response(std::string message) {
    Error error;
    error.kind = ErrorKind::InvalidResponse;
    error.message = std::move(message);
    return error;
}

std::string_view described(const Json& value) {
    if (value.is_null()) {
        return "null";
    }
    if (value.is_object()) {
        return "an object";
    }
    if (value.is_array()) {
        return "an array";
    }
    if (value.is_string()) {
        return "a string";
    }
    if (value.is_boolean()) {
        return "a boolean";
    }
    if (value.is_number()) {
        return "a number";
    }
    return "binary data";
}

// what() is "[json.exception.parse_error.101] parse error at line 1, column 9: <reason>", and
// the reason may quote the bytes it choked on after "; last read:". Those bytes are cut: they
// are part of a response body, which may hold personal data and has no place in a one-line
// error message.
std::string short_reason(const nlohmann::json::parse_error& error) {
    std::string_view reason = error.what();
    if (const auto colon = reason.find(": "); colon != std::string_view::npos) {
        reason.remove_prefix(colon + 2);
    }
    if (const auto quote = reason.find("; last read:"); quote != std::string_view::npos) {
        reason = reason.substr(0, quote);
    }
    return std::string(reason);
}

// Only called on text nlohmann accepted, so strings and escapes are well formed.
bool nested_deeper_than(std::string_view json_text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : json_text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return true;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// The participant fields in output order. A field is either text or a list of text.
struct Field {
    std::string_view name;
    std::optional<std::string> Participant::*text = nullptr;
    std::optional<std::vector<std::string>> Participant::*list = nullptr;
    // health and issue_list exist for webinars only, meeting_number for meetings only: printing
    // them as null for the other kind would suggest Zoom left them out.
    bool always = true;
};

constexpr std::array kParticipantFields = {
    Field{.name = "id", .text = &Participant::id},
    Field{.name = "user_id", .text = &Participant::user_id},
    Field{.name = "user_name", .text = &Participant::user_name},
    Field{.name = "email", .text = &Participant::email},
    Field{.name = "device", .text = &Participant::device},
    Field{.name = "client", .text = &Participant::client},
    Field{.name = "domain", .text = &Participant::domain},
    Field{.name = "harddisk_id", .text = &Participant::harddisk_id},
    Field{.name = "internal_ip_addresses", .list = &Participant::internal_ip_addresses},
    Field{.name = "ip_address", .text = &Participant::ip_address},
    Field{.name = "location", .text = &Participant::location},
    Field{.name = "mac_addr", .text = &Participant::mac_addr},
    Field{.name = "pc_name", .text = &Participant::pc_name},
    Field{.name = "version", .text = &Participant::version},
    Field{.name = "join_time", .text = &Participant::join_time},
    Field{.name = "leave_time", .text = &Participant::leave_time},
    Field{.name = "health", .text = &Participant::health, .always = false},
    Field{.name = "issue_list", .list = &Participant::issue_list, .always = false},
    Field{.name = "meeting_number", .text = &Participant::meeting_number, .always = false},
};

bool is_string_list(const Json& value) {
    if (!value.is_array()) {
        return false;
    }
    for (const auto& item : value) {
        if (!item.is_string()) {
            return false;
        }
    }
    return true;
}

// Returns false when the value has a type the field cannot hold; null means "not sent".
bool read_field(const Field& field, const Json& value, Participant& participant) {
    if (value.is_null()) {
        return true;
    }
    if (field.text != nullptr && value.is_string()) {
        participant.*field.text = value.get<std::string>();
        return true;
    }
    if (field.list != nullptr && is_string_list(value)) {
        participant.*field.list = value.get<std::vector<std::string>>();
        return true;
    }
    return false;
}

// Zoom writes a measurement as a unit string under a bare key ("bitrate": "23 kbps"); the typed
// JSON this program writes (and reads back from an archive) holds a number under a key that
// names the unit ("bitrate_kbps": 23). One reader serves both: a Dialect says which keys, and
// how a value reads.
using Reader = std::optional<double> (*)(const Json&);

struct Measurement {
    std::string_view key;
    std::optional<double> Stream::*member;
    Reader read;
};

struct CpuField {
    std::string_view key;
    std::optional<double> CpuUsage::*member;
};

struct Dialect {
    std::array<Measurement, 5> measurements;
    std::string_view resolution_key;
    std::optional<Resolution> (*resolution)(const Json&);
    std::string_view frame_rate_key;
    Reader frame_rate;
    std::array<CpuField, 4> cpu;
    Reader percent;
    // Zoom marks a stream by any one measurement it sent; to_json always writes all five.
    bool stream_needs_every_measurement;
    // Zoom may send user_qos as null; to_json always writes an array.
    bool null_samples_allowed;
    // Only the typed JSON carries the details of list --details.
    bool reads_details;
    std::string_view participant_noun;
};

// A typed value: a number, or nothing (null; anything else cannot come from to_json).
std::optional<double> typed_number(const Json& value) {
    if (value.is_number()) {
        return value.get<double>();
    }
    return std::nullopt;
}

std::optional<Resolution> typed_resolution(const Json& value) {
    if (!value.is_object()) {
        return std::nullopt;
    }
    const auto width = value.find("width");
    const auto height = value.find("height");
    if (width != value.end() && height != value.end() && width->is_number_integer() &&
        height->is_number_integer()) {
        return Resolution{width->get<long>(), height->get<long>()};
    }
    return std::nullopt;
}

constexpr Dialect kZoom{
    .measurements = {{
        {"bitrate", &Stream::bitrate_kbps, units::bitrate_kbps},
        {"latency", &Stream::latency_ms, units::duration_ms},
        {"jitter", &Stream::jitter_ms, units::duration_ms},
        {"avg_loss", &Stream::avg_loss_pct, units::percent},
        {"max_loss", &Stream::max_loss_pct, units::percent},
    }},
    .resolution_key = "resolution",
    .resolution = units::resolution,
    .frame_rate_key = "frame_rate",
    .frame_rate = units::fps,
    .cpu = {{
        {"zoom_min_cpu_usage", &CpuUsage::zoom_min_cpu_usage_pct},
        {"zoom_avg_cpu_usage", &CpuUsage::zoom_avg_cpu_usage_pct},
        {"zoom_max_cpu_usage", &CpuUsage::zoom_max_cpu_usage_pct},
        {"system_max_cpu_usage", &CpuUsage::system_max_cpu_usage_pct},
    }},
    .percent = units::percent,
    .stream_needs_every_measurement = false,
    .null_samples_allowed = true,
    .reads_details = false,
    .participant_noun = "a JSON object",
};

constexpr Dialect kTyped{
    .measurements = {{
        {"bitrate_kbps", &Stream::bitrate_kbps, typed_number},
        {"latency_ms", &Stream::latency_ms, typed_number},
        {"jitter_ms", &Stream::jitter_ms, typed_number},
        {"avg_loss_pct", &Stream::avg_loss_pct, typed_number},
        {"max_loss_pct", &Stream::max_loss_pct, typed_number},
    }},
    .resolution_key = "resolution",
    .resolution = typed_resolution,
    .frame_rate_key = "frame_rate_fps",
    .frame_rate = typed_number,
    .cpu = {{
        {"zoom_min_cpu_usage_pct", &CpuUsage::zoom_min_cpu_usage_pct},
        {"zoom_avg_cpu_usage_pct", &CpuUsage::zoom_avg_cpu_usage_pct},
        {"zoom_max_cpu_usage_pct", &CpuUsage::zoom_max_cpu_usage_pct},
        {"system_max_cpu_usage_pct", &CpuUsage::system_max_cpu_usage_pct},
    }},
    .percent = typed_number,
    .stream_needs_every_measurement = true,
    .null_samples_allowed = false,
    .reads_details = true,
    .participant_noun = "a participant object",
};

bool is_stream(const Json& value, const Dialect& dialect) {
    if (!value.is_object()) {
        return false;
    }
    const auto present = [&](const Measurement& m) {
        return value.contains(m.key);
    };
    return dialect.stream_needs_every_measurement
               ? std::ranges::all_of(dialect.measurements, present)
               : std::ranges::any_of(dialect.measurements, present);
}

Stream read_stream(const std::string& name, const Json& object, const Dialect& dialect) {
    Stream stream;
    stream.name = name;
    stream.video_like = name.starts_with("video_") || name.starts_with("as_");
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (const auto* m = std::ranges::find(dialect.measurements, key, &Measurement::key);
            m != dialect.measurements.end()) {
            stream.*m->member = m->read(value);
        } else if (key == dialect.resolution_key) {
            stream.video_like = true;
            stream.resolution = dialect.resolution(value);
        } else if (key == dialect.frame_rate_key) {
            stream.video_like = true;
            stream.frame_rate_fps = dialect.frame_rate(value);
        } else {
            stream.extra[key] = value;
        }
    }
    return stream;
}

CpuUsage read_cpu_usage(const Json& object, const Dialect& dialect) {
    CpuUsage cpu;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (const auto* field = std::ranges::find(dialect.cpu, it.key(), &CpuField::key);
            field != dialect.cpu.end()) {
            cpu.*field->member = dialect.percent(it.value());
        } else {
            cpu.extra[it.key()] = it.value();
        }
    }
    return cpu;
}

Sample read_sample(const Json& object, const Dialect& dialect) {
    Sample sample;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "date_time") {
            if (value.is_string()) {
                sample.date_time = value.get<std::string>();
            } else if (!value.is_null()) {
                sample.extra[key] = value;
            }
        } else if (key == "cpu_usage" && value.is_object()) {
            sample.cpu_usage = read_cpu_usage(value, dialect);
        } else if (is_stream(value, dialect)) {
            sample.streams.push_back(read_stream(key, value, dialect));
        } else {
            sample.extra[key] = value;
        }
    }
    return sample;
}

Result<Participant> read_participant(const Json& object, const Dialect& dialect) {
    if (!object.is_object()) {
        return invalid_response("expected " + std::string(dialect.participant_noun) + ", got " +
                                std::string(described(object)));
    }
    Participant participant;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "user_qos") {
            if (value.is_null() && dialect.null_samples_allowed) {
                continue;
            }
            if (!value.is_array()) {
                return invalid_response("expected user_qos to be an array, got " +
                                        std::string(described(value)));
            }
            // A sample that is not an object fails the whole response instead of being skipped:
            // dropping it would shift every later minute and hide that Zoom's shape changed.
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_object()) {
                    return invalid_response("expected user_qos[" + std::to_string(i) +
                                            "] to be an object, got " +
                                            std::string(described(value[i])));
                }
                participant.user_qos.push_back(read_sample(value[i], dialect));
            }
            continue;
        }
        if (dialect.reads_details && key == "details" && value.is_object()) {
            participant.details = value;
            continue;
        }
        const auto* field = std::ranges::find(kParticipantFields, key, &Field::name);
        if (field == kParticipantFields.end() || !read_field(*field, value, participant)) {
            participant.extra[key] = value;
        }
    }
    return participant;
}

// Integral values print as integers ("23", not "23.0") so that output matches what Zoom wrote
// and jq comparisons behave as people expect.
Json number(double value) {
    constexpr double kInt64Limit = 9223372036854775808.0; // 2^63
    if (!std::isfinite(value)) {
        return nullptr;
    }
    if (std::trunc(value) == value && value >= -kInt64Limit && value < kInt64Limit) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

Json number_or_null(const std::optional<double>& value) {
    return value ? number(*value) : Json(nullptr);
}

Json text_or_null(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

// For a field named as Zoom names it: when Zoom sent a value of an unexpected type it sits in
// `extra`, and it is printed in the field's own place rather than as null plus a stray key.
void put_field(Json& out, std::string_view name, Json typed, const Json& extra, bool always) {
    const std::string key(name);
    if (!typed.is_null()) {
        out[key] = std::move(typed);
    } else if (const auto raw = extra.find(key); raw != extra.end()) {
        out[key] = *raw;
    } else if (always) {
        out[key] = nullptr;
    }
}

// Keys already in `out` were written by the typed model, which wins: a key Zoom might add one
// day under one of our generated names (bitrate_kbps) must not make a duplicate or replace it.
void put_extras(Json& out, const Json& extra) {
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!out.contains(it.key())) {
            out[it.key()] = it.value();
        }
    }
}

// Every access in read_participant checks the type first: an nlohmann exception reaching here
// is a bug in the mapper, reported as one instead of escaping.
Result<Participant> read_guarded(const Json& object, const Dialect& dialect,
                                 std::string_view what) {
    try {
        return read_participant(object, dialect);
    } catch (const nlohmann::json::exception& error) {
        Error bug;
        bug.kind = ErrorKind::Internal;
        bug.message = "reading " + std::string(what) + " failed: " + error.what();
        return bug;
    }
}

} // namespace

Result<Json> parse_json(std::string_view body, std::string_view what) {
    Json parsed;
    try {
        parsed = Json::parse(body);
    } catch (const nlohmann::json::parse_error& error) {
        return invalid_response(std::string(what) + " is not valid JSON: " + short_reason(error) +
                                ", at byte " + std::to_string(error.byte));
    } catch (const nlohmann::json::exception& error) {
        return invalid_response(std::string(what) + " is not valid JSON: " + error.what());
    }
    if (nested_deeper_than(body, kMaxDepth)) {
        return invalid_response(std::string(what) + " is nested more than " +
                                std::to_string(kMaxDepth) + " levels deep");
    }
    return parsed;
}

Result<Page> parse_page(std::string_view body) {
    auto parsed = parse_json(body);
    if (!parsed) {
        return std::move(parsed).error();
    }
    const Json& envelope = *parsed;
    if (!envelope.is_object()) {
        return invalid_response("a list page is not a JSON object");
    }
    Page page;
    if (const auto token = envelope.find("next_page_token");
        token != envelope.end() && token->is_string()) {
        page.next_page_token = token->get<std::string>();
    }
    if (const auto total = envelope.find("total_records"); total != envelope.end()) {
        if (total->is_number_integer()) {
            page.total_records = total->get<long long>();
        } else if (total->is_number_unsigned()) {
            page.total_records = static_cast<long long>(
                std::min<std::uint64_t>(total->get<std::uint64_t>(), 1ULL << 62U));
        }
    }
    const auto participants = envelope.find("participants");
    if (participants == envelope.end() || participants->is_null()) {
        return page; // an empty webinar: Zoom may leave the array out
    }
    if (!participants->is_array()) {
        return invalid_response("a list page's participants is not an array");
    }
    page.participants.reserve(participants->size());
    for (const Json& item : *participants) {
        if (!item.is_object()) {
            return invalid_response("a list page holds a participant that is not an object");
        }
        auto participant = participant_from_json(item);
        if (!participant) {
            return std::move(participant).error();
        }
        page.participants.push_back(std::move(participant).value());
    }
    return page;
}

// A participant with a day of samples is tens of megabytes of JSON, and a DOM
// of it is ten times that. So each sample of the top-level user_qos array is
// mapped as soon as the parser has read it, then dropped from the DOM: what
// stays in memory is the body, the participant's own fields and the typed
// samples.
Result<Participant> parse_participant(std::string_view body) {
    if (nested_deeper_than(body, kMaxDepth)) {
        // Checked first here: the parse below must not even begin on it.
        auto parsed = parse_json(body);
        if (!parsed) {
            return std::move(parsed).error();
        }
    }
    std::vector<Sample> samples;
    std::optional<Error> bad_sample;
    bool in_samples = false;      // inside the participant's user_qos array
    bool next_is_samples = false; // the key just read was "user_qos"
    const auto keep = [&](int depth, nlohmann::json::parse_event_t event, Json& parsed) -> bool {
        using Event = nlohmann::json::parse_event_t;
        if (depth == 1) {
            if (event == Event::key) {
                next_is_samples =
                    parsed.is_string() && parsed.get_ref<const std::string&>() == "user_qos";
            } else if (event == Event::array_start) {
                // A repeated key replaces the earlier value, as the DOM does.
                in_samples = next_is_samples;
                if (in_samples) {
                    samples.clear();
                }
            } else if (event == Event::array_end) {
                in_samples = false;
            }
            return true;
        }
        if (depth != 2 || !in_samples || bad_sample) {
            return true;
        }
        if (event == Event::object_end) {
            samples.push_back(read_sample(parsed, kZoom));
            return false;
        }
        if (event == Event::value || event == Event::array_end) {
            bad_sample =
                invalid_response("expected user_qos[" + std::to_string(samples.size()) +
                                 "] to be an object, got " + std::string(described(parsed)));
        }
        return true;
    };
    Json envelope;
    try {
        envelope = Json::parse(body, keep);
    } catch (const nlohmann::json::parse_error& error) {
        return invalid_response("response is not valid JSON: " + short_reason(error) +
                                ", at byte " + std::to_string(error.byte));
    } catch (const nlohmann::json::exception& error) {
        return invalid_response(std::string("response is not valid JSON: ") + error.what());
    }
    if (bad_sample) {
        return std::move(*bad_sample);
    }
    auto participant = participant_from_json(envelope);
    if (participant && !samples.empty()) {
        participant->user_qos = std::move(samples);
    }
    return participant;
}

Result<Participant> participant_from_json(const Json& object) {
    return read_guarded(object, kZoom, "the response");
}

Result<Participant> participant_from_typed_json(const Json& object) {
    return read_guarded(object, kTyped, "a typed participant");
}

Json details_json(const Json& session) {
    Json out = Json::object();
    for (const std::string_view field : kDetailFields) {
        const std::string key(field);
        out[key] = session.is_object() && session.contains(key) ? session.at(key) : Json(nullptr);
    }
    return out;
}

Json to_json(const Participant& participant) {
    Json out = participant_head_json(participant);
    Json& samples = out["user_qos"];
    for (const Sample& sample : participant.user_qos) {
        samples.push_back(to_json(sample));
    }
    return out;
}

Json participant_head_json(const Participant& participant) {
    Json out = Json::object();
    for (const Field& field : kParticipantFields) {
        Json typed = nullptr;
        if (field.text != nullptr) {
            typed = text_or_null(participant.*field.text);
        } else if (const auto& list = participant.*field.list; list) {
            typed = *list;
        }
        put_field(out, field.name, std::move(typed), participant.extra, field.always);
    }
    put_extras(out, participant.extra);
    if (participant.details) {
        out["details"] = *participant.details;
    }
    out["user_qos"] = Json::array();
    return out;
}

Json to_json(const Sample& sample) {
    Json out = Json::object();
    put_field(out, "date_time", text_or_null(sample.date_time), sample.extra, true);
    for (const Stream& stream : sample.streams) {
        out[stream.name] = to_json(stream);
    }
    if (sample.cpu_usage) {
        out["cpu_usage"] = to_json(*sample.cpu_usage);
    }
    put_extras(out, sample.extra);
    return out;
}

Json to_json(const Stream& stream) {
    Json out = Json::object();
    for (const Measurement& measurement : kTyped.measurements) {
        out[std::string(measurement.key)] = number_or_null(stream.*measurement.member);
    }
    if (stream.video_like) {
        out[std::string(kTyped.resolution_key)] =
            stream.resolution
                ? Json{{"width", stream.resolution->width}, {"height", stream.resolution->height}}
                : Json(nullptr);
        out[std::string(kTyped.frame_rate_key)] = number_or_null(stream.frame_rate_fps);
    }
    put_extras(out, stream.extra);
    return out;
}

Json to_json(const CpuUsage& cpu) {
    Json out = Json::object();
    for (const CpuField& field : kTyped.cpu) {
        out[std::string(field.key)] = number_or_null(cpu.*field.member);
    }
    put_extras(out, cpu.extra);
    return out;
}

} // namespace zoomqos::model
