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

constexpr std::string_view kStreamMeasurements[] = {
    "bitrate", "latency", "jitter", "avg_loss", "max_loss",
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

bool is_stream(const Json& value) {
    if (!value.is_object()) {
        return false;
    }
    for (const auto measurement : kStreamMeasurements) {
        if (value.contains(measurement)) {
            return true;
        }
    }
    return false;
}

Stream stream_from_json(const std::string& name, const Json& object) {
    Stream stream;
    stream.name = name;
    stream.video_like = name.starts_with("video_") || name.starts_with("as_");
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "bitrate") {
            stream.bitrate_kbps = units::bitrate_kbps(value);
        } else if (key == "latency") {
            stream.latency_ms = units::duration_ms(value);
        } else if (key == "jitter") {
            stream.jitter_ms = units::duration_ms(value);
        } else if (key == "avg_loss") {
            stream.avg_loss_pct = units::percent(value);
        } else if (key == "max_loss") {
            stream.max_loss_pct = units::percent(value);
        } else if (key == "resolution") {
            stream.video_like = true;
            stream.resolution = units::resolution(value);
        } else if (key == "frame_rate") {
            stream.video_like = true;
            stream.frame_rate_fps = units::fps(value);
        } else {
            stream.extra[key] = value;
        }
    }
    return stream;
}

CpuUsage cpu_usage_from_json(const Json& object) {
    CpuUsage cpu;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "zoom_min_cpu_usage") {
            cpu.zoom_min_cpu_usage_pct = units::percent(value);
        } else if (key == "zoom_avg_cpu_usage") {
            cpu.zoom_avg_cpu_usage_pct = units::percent(value);
        } else if (key == "zoom_max_cpu_usage") {
            cpu.zoom_max_cpu_usage_pct = units::percent(value);
        } else if (key == "system_max_cpu_usage") {
            cpu.system_max_cpu_usage_pct = units::percent(value);
        } else {
            cpu.extra[key] = value;
        }
    }
    return cpu;
}

Sample sample_from_json(const Json& object) {
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
            sample.cpu_usage = cpu_usage_from_json(value);
        } else if (is_stream(value)) {
            sample.streams.push_back(stream_from_json(key, value));
        } else {
            sample.extra[key] = value;
        }
    }
    return sample;
}

Result<Participant> map_participant(const Json& object) {
    if (!object.is_object()) {
        return invalid_response("expected a JSON object, got " + std::string(described(object)));
    }
    Participant participant;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "user_qos") {
            if (value.is_null()) {
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
                participant.user_qos.push_back(sample_from_json(value[i]));
            }
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

constexpr std::string_view kTypedMeasurements[] = {
    "bitrate_kbps", "latency_ms", "jitter_ms", "avg_loss_pct", "max_loss_pct",
};

bool is_typed_stream(const Json& value) {
    if (!value.is_object()) {
        return false;
    }
    return std::ranges::all_of(kTypedMeasurements,
                               [&](std::string_view key) { return value.contains(key); });
}

// A typed value: a number, or nothing (null; anything else cannot come from to_json).
std::optional<double> typed_number(const Json& value) {
    if (value.is_number()) {
        return value.get<double>();
    }
    return std::nullopt;
}

Stream typed_stream(const std::string& name, const Json& object) {
    Stream stream;
    stream.name = name;
    stream.video_like = name.starts_with("video_") || name.starts_with("as_");
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "bitrate_kbps") {
            stream.bitrate_kbps = typed_number(value);
        } else if (key == "latency_ms") {
            stream.latency_ms = typed_number(value);
        } else if (key == "jitter_ms") {
            stream.jitter_ms = typed_number(value);
        } else if (key == "avg_loss_pct") {
            stream.avg_loss_pct = typed_number(value);
        } else if (key == "max_loss_pct") {
            stream.max_loss_pct = typed_number(value);
        } else if (key == "resolution") {
            stream.video_like = true;
            const auto width = value.is_object() ? value.find("width") : value.end();
            const auto height = value.is_object() ? value.find("height") : value.end();
            if (value.is_object() && width != value.end() && height != value.end() &&
                width->is_number_integer() && height->is_number_integer()) {
                stream.resolution = Resolution{width->get<long>(), height->get<long>()};
            }
        } else if (key == "frame_rate_fps") {
            stream.video_like = true;
            stream.frame_rate_fps = typed_number(value);
        } else {
            stream.extra[key] = value;
        }
    }
    return stream;
}

CpuUsage typed_cpu_usage(const Json& object) {
    CpuUsage cpu;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "zoom_min_cpu_usage_pct") {
            cpu.zoom_min_cpu_usage_pct = typed_number(value);
        } else if (key == "zoom_avg_cpu_usage_pct") {
            cpu.zoom_avg_cpu_usage_pct = typed_number(value);
        } else if (key == "zoom_max_cpu_usage_pct") {
            cpu.zoom_max_cpu_usage_pct = typed_number(value);
        } else if (key == "system_max_cpu_usage_pct") {
            cpu.system_max_cpu_usage_pct = typed_number(value);
        } else {
            cpu.extra[key] = value;
        }
    }
    return cpu;
}

Sample typed_sample(const Json& object) {
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
            sample.cpu_usage = typed_cpu_usage(value);
        } else if (is_typed_stream(value)) {
            sample.streams.push_back(typed_stream(key, value));
        } else {
            sample.extra[key] = value;
        }
    }
    return sample;
}

Result<Participant> map_typed_participant(const Json& object) {
    if (!object.is_object()) {
        return invalid_response("expected a participant object, got " +
                                std::string(described(object)));
    }
    Participant participant;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const Json& value = it.value();
        if (key == "user_qos") {
            if (!value.is_array()) {
                return invalid_response("expected user_qos to be an array, got " +
                                        std::string(described(value)));
            }
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_object()) {
                    return invalid_response("expected user_qos[" + std::to_string(i) +
                                            "] to be an object, got " +
                                            std::string(described(value[i])));
                }
                participant.user_qos.push_back(typed_sample(value[i]));
            }
            continue;
        }
        if (key == "details" && value.is_object()) {
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
            samples.push_back(sample_from_json(parsed));
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
    try {
        return map_participant(object);
    } catch (const nlohmann::json::exception& error) {
        // Every access above checks the type first; reaching this is a bug in the mapper.
        Error bug;
        bug.kind = ErrorKind::Internal;
        bug.message = std::string("reading the response failed: ") + error.what();
        return bug;
    }
}

Result<Participant> participant_from_typed_json(const Json& object) {
    try {
        return map_typed_participant(object);
    } catch (const nlohmann::json::exception& error) {
        Error bug;
        bug.kind = ErrorKind::Internal;
        bug.message = std::string("reading a typed participant failed: ") + error.what();
        return bug;
    }
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
    out["bitrate_kbps"] = number_or_null(stream.bitrate_kbps);
    out["latency_ms"] = number_or_null(stream.latency_ms);
    out["jitter_ms"] = number_or_null(stream.jitter_ms);
    out["avg_loss_pct"] = number_or_null(stream.avg_loss_pct);
    out["max_loss_pct"] = number_or_null(stream.max_loss_pct);
    if (stream.video_like) {
        out["resolution"] = stream.resolution ? Json{{"width", stream.resolution->width},
                                                     {"height", stream.resolution->height}}
                                              : Json(nullptr);
        out["frame_rate_fps"] = number_or_null(stream.frame_rate_fps);
    }
    put_extras(out, stream.extra);
    return out;
}

Json to_json(const CpuUsage& cpu) {
    Json out = Json::object();
    out["zoom_min_cpu_usage_pct"] = number_or_null(cpu.zoom_min_cpu_usage_pct);
    out["zoom_avg_cpu_usage_pct"] = number_or_null(cpu.zoom_avg_cpu_usage_pct);
    out["zoom_max_cpu_usage_pct"] = number_or_null(cpu.zoom_max_cpu_usage_pct);
    out["system_max_cpu_usage_pct"] = number_or_null(cpu.system_max_cpu_usage_pct);
    put_extras(out, cpu.extra);
    return out;
}

} // namespace zoomqos::model
