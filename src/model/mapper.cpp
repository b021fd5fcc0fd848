#include "zoomqos/model/mapper.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "zoomqos/model/json.hpp"
#include "zoomqos/model/json_text.hpp"
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
// How the dialect reads a value that is text; nullptr: text is not a value there.
using TextReader = std::optional<double> (*)(std::string_view);

struct Measurement {
    std::string_view key;
    std::optional<double> Stream::*member;
    Reader read;
    TextReader read_text;
};

struct CpuField {
    std::string_view key;
    std::optional<double> CpuUsage::*member;
};

struct Dialect {
    std::array<Measurement, 5> measurements;
    std::string_view resolution_key;
    std::optional<Resolution> (*resolution)(const Json&);
    std::optional<Resolution> (*resolution_text)(std::string_view);
    std::string_view frame_rate_key;
    Reader frame_rate;
    TextReader frame_rate_text;
    std::array<CpuField, 4> cpu;
    Reader percent;
    TextReader percent_text;
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
        {"bitrate", &Stream::bitrate_kbps, units::bitrate_kbps, units::parse_bitrate_kbps},
        {"latency", &Stream::latency_ms, units::duration_ms, units::parse_duration_ms},
        {"jitter", &Stream::jitter_ms, units::duration_ms, units::parse_duration_ms},
        {"avg_loss", &Stream::avg_loss_pct, units::percent, units::parse_percent},
        {"max_loss", &Stream::max_loss_pct, units::percent, units::parse_percent},
    }},
    .resolution_key = "resolution",
    .resolution = units::resolution,
    .resolution_text = units::parse_resolution,
    .frame_rate_key = "frame_rate",
    .frame_rate = units::fps,
    .frame_rate_text = units::parse_fps,
    .cpu = {{
        {"zoom_min_cpu_usage", &CpuUsage::zoom_min_cpu_usage_pct},
        {"zoom_avg_cpu_usage", &CpuUsage::zoom_avg_cpu_usage_pct},
        {"zoom_max_cpu_usage", &CpuUsage::zoom_max_cpu_usage_pct},
        {"system_max_cpu_usage", &CpuUsage::system_max_cpu_usage_pct},
    }},
    .percent = units::percent,
    .percent_text = units::parse_percent,
    .stream_needs_every_measurement = false,
    .null_samples_allowed = true,
    .reads_details = false,
    .participant_noun = "a JSON object",
};

constexpr Dialect kTyped{
    .measurements = {{
        {"bitrate_kbps", &Stream::bitrate_kbps, typed_number, nullptr},
        {"latency_ms", &Stream::latency_ms, typed_number, nullptr},
        {"jitter_ms", &Stream::jitter_ms, typed_number, nullptr},
        {"avg_loss_pct", &Stream::avg_loss_pct, typed_number, nullptr},
        {"max_loss_pct", &Stream::max_loss_pct, typed_number, nullptr},
    }},
    .resolution_key = "resolution",
    .resolution = typed_resolution,
    .resolution_text = nullptr,
    .frame_rate_key = "frame_rate_fps",
    .frame_rate = typed_number,
    .frame_rate_text = nullptr,
    .cpu = {{
        {"zoom_min_cpu_usage_pct", &CpuUsage::zoom_min_cpu_usage_pct},
        {"zoom_avg_cpu_usage_pct", &CpuUsage::zoom_avg_cpu_usage_pct},
        {"zoom_max_cpu_usage_pct", &CpuUsage::zoom_max_cpu_usage_pct},
        {"system_max_cpu_usage_pct", &CpuUsage::system_max_cpu_usage_pct},
    }},
    .percent = typed_number,
    .percent_text = nullptr,
    .stream_needs_every_measurement = true,
    .null_samples_allowed = false,
    .reads_details = true,
    .participant_noun = "a participant object",
};

// A sample as the streaming reader collects it, without a DOM: text stays text (most values are
// short unit strings), an object among the sample's members (a stream, cpu_usage, wifi_rssi) is
// its members, and anything else is an nlohmann value. Slots are reused from sample to sample
// for their capacity: `size` members are in use.
struct FlatMember;
// The implicit moves only move; clang-tidy 14 counts nlohmann's invariant checks as throwing.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct FlatValue {
    enum class Kind : unsigned char { Text, Object, Other };
    Kind kind = Kind::Other;
    std::string text;
    std::vector<FlatMember> members;
    std::size_t size = 0;
    Json other;
};
// NOLINTNEXTLINE(bugprone-exception-escape): as FlatValue
struct FlatMember {
    std::string key;
    FlatValue value;
};

// The readers below take a Json (a DOM: list pages' envelopes, archives) or a FlatValue (the
// samples of Zoom's responses, read as they stream by) through these few accessors.
const std::string* text_of(const Json& value) {
    return value.is_string() ? &value.get_ref<const std::string&>() : nullptr;
}

const std::string* text_of(const FlatValue& value) {
    return value.kind == FlatValue::Kind::Text ? &value.text : nullptr;
}

// The value for a Reader: text never reaches one (see read_value).
const Json& non_text(const Json& value) {
    return value;
}

const Json& non_text(const FlatValue& value) {
    static const Json kNull;
    return value.kind == FlatValue::Kind::Other ? value.other : kNull;
}

bool is_null(const Json& value) {
    return value.is_null();
}

bool is_null(const FlatValue& value) {
    return value.kind == FlatValue::Kind::Other && value.other.is_null();
}

bool is_object(const Json& value) {
    return value.is_object();
}

bool is_object(const FlatValue& value) {
    return value.kind == FlatValue::Kind::Object ||
           (value.kind == FlatValue::Kind::Other && value.other.is_object());
}

bool has_key(const Json& object, std::string_view key) {
    return object.contains(key);
}

bool has_key(const FlatValue& object, std::string_view key) {
    if (object.kind == FlatValue::Kind::Other) {
        return object.other.contains(key);
    }
    const auto end = object.members.begin() + static_cast<std::ptrdiff_t>(object.size);
    return std::find_if(object.members.begin(), end,
                        [&](const FlatMember& m) { return m.key == key; }) != end;
}

template <typename Visit>
void for_each_member(const Json& object, Visit&& visit) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        visit(it.key(), it.value());
    }
}

template <typename Visit>
void for_each_member(const FlatValue& object, Visit&& visit) {
    if (object.kind == FlatValue::Kind::Other) {
        for_each_member(object.other, visit);
        return;
    }
    for (std::size_t i = 0; i < object.size; ++i) {
        visit(object.members[i].key, object.members[i].value);
    }
}

const Json& json_of(const Json& value) {
    return value;
}

Json json_of(const FlatValue& value) {
    switch (value.kind) {
    case FlatValue::Kind::Text:
        return value.text;
    case FlatValue::Kind::Object: {
        Json object = Json::object();
        for_each_member(value, [&](const std::string& key, const auto& member) {
            object[key] = json_of(member);
        });
        return object;
    }
    case FlatValue::Kind::Other:
        break;
    }
    return value.other;
}

// Text through the dialect's text reader (none: not a value), anything else through its reader.
template <typename Value, typename Parsed>
std::optional<Parsed> read_value(const Value& value, std::optional<Parsed> (*read)(const Json&),
                                 std::optional<Parsed> (*read_text)(std::string_view)) {
    if (const std::string* text = text_of(value)) {
        return read_text != nullptr ? read_text(*text) : std::nullopt;
    }
    return read(non_text(value));
}

template <typename Value>
bool is_stream(const Value& value, const Dialect& dialect) {
    if (!is_object(value)) {
        return false;
    }
    const auto present = [&](const Measurement& m) {
        return has_key(value, m.key);
    };
    return dialect.stream_needs_every_measurement
               ? std::ranges::all_of(dialect.measurements, present)
               : std::ranges::any_of(dialect.measurements, present);
}

template <typename Value>
Stream read_stream(const std::string& name, const Value& object, const Dialect& dialect) {
    Stream stream;
    stream.name = name;
    stream.video_like = name.starts_with("video_") || name.starts_with("as_");
    for_each_member(object, [&](const std::string& key, const auto& value) {
        if (const auto* m = std::ranges::find(dialect.measurements, key, &Measurement::key);
            m != dialect.measurements.end()) {
            stream.*m->member = read_value(value, m->read, m->read_text);
        } else if (key == dialect.resolution_key) {
            stream.video_like = true;
            stream.resolution = read_value(value, dialect.resolution, dialect.resolution_text);
        } else if (key == dialect.frame_rate_key) {
            stream.video_like = true;
            stream.frame_rate_fps = read_value(value, dialect.frame_rate, dialect.frame_rate_text);
        } else {
            stream.extra[key] = json_of(value);
        }
    });
    return stream;
}

template <typename Value>
CpuUsage read_cpu_usage(const Value& object, const Dialect& dialect) {
    CpuUsage cpu;
    for_each_member(object, [&](const std::string& key, const auto& value) {
        if (const auto* field = std::ranges::find(dialect.cpu, key, &CpuField::key);
            field != dialect.cpu.end()) {
            cpu.*field->member = read_value(value, dialect.percent, dialect.percent_text);
        } else {
            cpu.extra[key] = json_of(value);
        }
    });
    return cpu;
}

std::size_t member_count(const Json& object) {
    return object.size();
}

std::size_t member_count(const FlatValue& object) {
    return object.kind == FlatValue::Kind::Other ? object.other.size() : object.size;
}

template <typename Value>
Sample read_sample(const Value& object, const Dialect& dialect) {
    Sample sample;
    // Most members of a sample are streams: one allocation instead of a growing vector's four.
    sample.streams.reserve(member_count(object));
    for_each_member(object, [&](const std::string& key, const auto& value) {
        if (key == "date_time") {
            if (const std::string* text = text_of(value)) {
                sample.date_time = *text;
            } else if (!is_null(value)) {
                sample.extra[key] = json_of(value);
            }
        } else if (key == "cpu_usage" && is_object(value)) {
            sample.cpu_usage = read_cpu_usage(value, dialect);
        } else if (is_stream(value, dialect)) {
            sample.streams.push_back(read_stream(key, value, dialect));
        } else {
            sample.extra[key] = json_of(value);
        }
    });
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

// Zoom's JSON read as it streams by: everything but the samples goes into a DOM (nlohmann's own
// DOM builder), and each sample of a participant's user_qos is read into a FlatValue and mapped
// as soon as it ends. A sample never exists as a DOM, which is most of the cost of a response
// (an allocation for every key and unit string), and a day of samples never sits in memory as
// JSON. What the DOM gets is what it had before, with every user_qos an empty array.
class ZoomReader {
public:
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    // A single participant's response, or a list page (participants under "participants").
    enum class Shape : unsigned char { Participant, Page };

    ZoomReader(Json& root, Shape shape)
        : dom_(root), participant_depth_(shape == Shape::Page ? 3 : 1),
          page_(shape == Shape::Page) {
        if (!page_) {
            samples_.emplace_back();
        }
    }

    // The samples of each participant, in the order of the participants array (or one list).
    std::vector<std::vector<Sample>>& samples() { return samples_; }
    // The first user_qos element that was not an object, and whose participant it was.
    const std::optional<Error>& bad_sample() const { return bad_sample_; }
    // The text went deeper than kMaxDepth, and the parse stopped there.
    bool too_deep() const { return open_ > kMaxDepth; }
    std::size_t bad_participant() const { return bad_participant_; }

    bool null() { return scalar(Json(nullptr)); }
    bool boolean(bool value) { return scalar(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return scalar(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return scalar(Json(value)); }
    bool number_float(Json::number_float_t value, const string_t& /*text*/) {
        return scalar(Json(value));
    }
    bool binary(binary_t& value) { return scalar(Json::binary(value)); }

    bool string(string_t& value) {
        if (nested_depth_ > 0) {
            return nested_->string(value);
        }
        if (in_sample()) {
            FlatValue& slot = *member_;
            slot.kind = FlatValue::Kind::Text;
            slot.text.assign(value);
            return true;
        }
        if (starts_sample()) {
            reject_sample(Json(value));
            return true;
        }
        return outer_value([&] { return dom_.string(value); });
    }

    bool start_object(std::size_t size) {
        if (!open_container()) {
            return false;
        }
        if (nested_depth_ > 0) {
            ++nested_depth_;
            return nested_->start_object(size);
        }
        if (in_sample()) {
            if (sample_depth_ == 1) { // one of the sample's members: a stream, cpu_usage, ...
                FlatValue& slot = *member_;
                slot.kind = FlatValue::Kind::Object;
                slot.size = 0;
                object_ = &slot;
                ++sample_depth_;
                return true;
            }
            return start_nested([&] { return nested_->start_object(size); });
        }
        if (starts_sample()) {
            sample_.kind = FlatValue::Kind::Object;
            sample_.size = 0;
            object_ = &sample_;
            sample_depth_ = 1;
            return true;
        }
        return outer_container([&] { return dom_.start_object(size); });
    }

    bool start_array(std::size_t size) {
        if (!open_container()) {
            return false;
        }
        if (nested_depth_ > 0) {
            ++nested_depth_;
            return nested_->start_array(size);
        }
        if (in_sample()) {
            return start_nested([&] { return nested_->start_array(size); });
        }
        if (starts_sample()) {
            reject_sample(Json::array());
            return true;
        }
        const bool samples =
            depth_ == participant_depth_ && next_is_samples_ && (!page_ || in_participants_);
        if (!outer_container([&] { return dom_.start_array(size); })) {
            return false;
        }
        if (samples) {
            // A repeated key replaces the earlier value, as the DOM does.
            in_samples_ = true;
            samples_[participant()].clear();
        } else if (page_ && depth_ == 2 && next_is_participants_) {
            in_participants_ = true;
            participants_ = 0;
            samples_.clear();
        }
        return true;
    }

    bool key(string_t& name) {
        if (nested_depth_ > 0) {
            return nested_->key(name);
        }
        if (in_sample()) {
            member_ = &slot(*object_, name);
            return true;
        }
        if (skip_depth_ > 0) {
            return true;
        }
        if (depth_ == participant_depth_) {
            next_is_samples_ = name == "user_qos";
        }
        if (page_ && depth_ == 1) {
            next_is_participants_ = name == "participants";
        }
        return dom_.key(name);
    }

    bool end_object() {
        --open_;
        if (nested_depth_ > 0) {
            return end_nested([&] { return nested_->end_object(); });
        }
        if (in_sample()) {
            --sample_depth_;
            if (sample_depth_ == 1) {
                object_ = &sample_;
            } else if (bad_sample_ == std::nullopt) {
                samples_[participant()].push_back(read_sample(sample_, kZoom));
            }
            return true;
        }
        if (skip_depth_ > 0) {
            --skip_depth_;
            return true;
        }
        --depth_;
        return dom_.end_object();
    }

    bool end_array() {
        --open_;
        if (nested_depth_ > 0) {
            return end_nested([&] { return nested_->end_array(); });
        }
        if (skip_depth_ > 0) {
            --skip_depth_;
            return true;
        }
        --depth_;
        if (in_samples_ && depth_ == participant_depth_) {
            in_samples_ = false;
        } else if (in_participants_ && depth_ == 1) {
            in_participants_ = false;
        }
        return dom_.end_array();
    }

    template <class Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const Exception& error) {
        throw error;
    }

private:
    // Copying and dumping a value recurse, and samples are mapped (copied) while the parse goes
    // on: so the parse stops at the first container past the limit, before anything is copied.
    bool open_container() { return ++open_ <= kMaxDepth; }

    bool in_sample() const { return sample_depth_ > 0; }

    // The next value is an element of a participant's user_qos array.
    bool starts_sample() const {
        return in_samples_ && depth_ == participant_depth_ + 1 && skip_depth_ == 0;
    }

    std::size_t participant() const { return page_ ? participants_ - 1 : 0; }

    // The member named `name` of a FlatValue object: a repeated key reuses its slot, as the DOM
    // keeps the first position and the last value.
    static FlatValue& slot(FlatValue& object, const string_t& name) {
        for (std::size_t i = 0; i < object.size; ++i) {
            if (object.members[i].key == name) {
                return object.members[i].value;
            }
        }
        if (object.size == object.members.size()) {
            object.members.emplace_back();
        }
        FlatMember& member = object.members[object.size++];
        member.key.assign(name);
        return member.value;
    }

    bool scalar(Json value) {
        if (nested_depth_ > 0) {
            return forward_scalar(*nested_, std::move(value));
        }
        if (in_sample()) {
            FlatValue& slot = *member_;
            slot.kind = FlatValue::Kind::Other;
            slot.other = std::move(value);
            return true;
        }
        if (starts_sample()) {
            reject_sample(value);
            return true;
        }
        return outer_value([&] { return forward_scalar(dom_, std::move(value)); });
    }

    // A scalar handed on to a DOM builder (the outer one, or a nested value's), as the parser
    // would have.
    template <typename Builder>
    static bool forward_scalar(Builder& builder, Json value) {
        switch (value.type()) {
        case Json::value_t::null:
            return builder.null();
        case Json::value_t::boolean:
            return builder.boolean(value.get<bool>());
        case Json::value_t::number_integer:
            return builder.number_integer(value.get<Json::number_integer_t>());
        case Json::value_t::number_unsigned:
            return builder.number_unsigned(value.get<Json::number_unsigned_t>());
        case Json::value_t::number_float:
            return builder.number_float(value.get<double>(), {});
        default:
            return builder.binary(value.get_binary());
        }
    }

    // A value outside the samples: an element of the participants array counts as a participant.
    template <typename Forward>
    bool outer_value(Forward forward) {
        if (skip_depth_ > 0) {
            return true;
        }
        if (in_participants_ && depth_ == 2) {
            ++participants_;
            samples_.emplace_back();
        }
        return forward();
    }

    template <typename Forward>
    bool outer_container(Forward forward) {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return true;
        }
        if (in_participants_ && depth_ == 2) {
            ++participants_;
            samples_.emplace_back();
        }
        ++depth_;
        return forward();
    }

    // A container inside a sample below the level the FlatValue keeps: an nlohmann value.
    template <typename Forward>
    bool start_nested(Forward forward) {
        FlatValue& slot = *member_;
        slot.kind = FlatValue::Kind::Other;
        slot.other = nullptr;
        nested_.emplace(slot.other);
        nested_depth_ = 1;
        return forward();
    }

    template <typename Forward>
    bool end_nested(Forward forward) {
        const bool ok = forward();
        if (--nested_depth_ == 0) {
            nested_.reset();
        }
        return ok;
    }

    // A user_qos element that is not an object fails the whole response instead of being
    // skipped: dropping it would shift every later minute and hide that Zoom's shape changed.
    void reject_sample(const Json& value) {
        if (!bad_sample_) {
            bad_sample_ = invalid_response(
                "expected user_qos[" + std::to_string(samples_[participant()].size()) +
                "] to be an object, got " + std::string(described(value)));
            bad_participant_ = participant();
        }
        if (value.is_array()) {
            skip_depth_ = 1;
        }
    }

    nlohmann::detail::json_sax_dom_parser<Json> dom_;
    std::size_t open_ = 0; // containers open in the text
    std::size_t participant_depth_;
    bool page_;
    std::size_t depth_ = 0; // containers open in the DOM
    bool next_is_samples_ = false;
    bool next_is_participants_ = false;
    bool in_samples_ = false;
    bool in_participants_ = false;
    std::size_t participants_ = 0;
    std::vector<std::vector<Sample>> samples_;
    std::optional<Error> bad_sample_;
    std::size_t bad_participant_ = 0;
    std::size_t skip_depth_ = 0; // inside a rejected array element of user_qos

    // The sample being read: 1 while in its members, 2 inside one of them.
    std::size_t sample_depth_ = 0;
    FlatValue sample_;
    FlatValue* object_ = nullptr; // the FlatValue object whose members come next
    FlatValue* member_ = nullptr; // the slot the next value goes into
    std::optional<nlohmann::detail::json_sax_dom_parser<Json>> nested_;
    std::size_t nested_depth_ = 0;
};

// Parses Zoom's text with the reader: errors as parse_json reports them.
// Runs `parse` over JSON text from outside with what every reader of it checks: no NUL byte
// (nlohmann's lexer takes one outside a string for the end of the input, so "{}\0junk" would
// parse as "{}"; JSON has no place for a raw NUL at all), nlohmann's errors as one line naming
// the byte, and then the depth limit, as `too_deep` tells it.
template <typename Parse, typename TooDeep>
std::optional<Error> parse_checked(std::string_view body, std::string_view what, Parse parse,
                                   TooDeep too_deep) {
    const std::string invalid = std::string(what) + " is not valid JSON: ";
    if (const auto nul = body.find('\0'); nul != std::string_view::npos) {
        return invalid_response(invalid + "a NUL byte, at byte " + std::to_string(nul + 1));
    }
    try {
        parse();
    } catch (const nlohmann::json::parse_error& error) {
        return invalid_response(invalid + short_reason(error) + ", at byte " +
                                std::to_string(error.byte));
    } catch (const nlohmann::json::exception& error) {
        return invalid_response(invalid + error.what());
    }
    if (too_deep()) {
        return invalid_response(std::string(what) + " is nested more than " +
                                std::to_string(kMaxDepth) + " levels deep");
    }
    return std::nullopt;
}

Result<Json> read_zoom_json(std::string_view body, ZoomReader& reader, Json& root) {
    if (auto error = parse_checked(
            body, "response", [&] { Json::sax_parse(body, &reader); },
            [&] { return reader.too_deep(); })) {
        return std::move(*error);
    }
    return std::move(root);
}

} // namespace

Result<Json> parse_json(std::string_view body, std::string_view what) {
    Json parsed;
    if (auto error = parse_checked(
            body, what, [&] { parsed = Json::parse(body); },
            [&] { return nested_deeper_than(body, kMaxDepth); })) {
        return std::move(*error);
    }
    return parsed;
}

Result<Page> parse_page(std::string_view body) {
    Json root;
    ZoomReader reader(root, ZoomReader::Shape::Page);
    auto parsed = read_zoom_json(body, reader, root);
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
    for (std::size_t i = 0; i < participants->size(); ++i) {
        const Json& item = (*participants)[i];
        if (!item.is_object()) {
            return invalid_response("a list page holds a participant that is not an object");
        }
        if (reader.bad_sample() && reader.bad_participant() == i) {
            return *reader.bad_sample();
        }
        auto participant = participant_from_json(item);
        if (!participant) {
            return std::move(participant).error();
        }
        participant->user_qos = std::move(reader.samples()[i]);
        page.participants.push_back(std::move(participant).value());
    }
    return page;
}

// A participant with a day of samples is tens of megabytes of JSON, and a DOM
// of it is ten times that. So each sample of the top-level user_qos array is
// mapped as soon as the parser has read it (ZoomReader): what stays in memory
// is the body, the participant's own fields and the typed samples.
Result<Participant> parse_participant(std::string_view body) {
    Json root;
    ZoomReader reader(root, ZoomReader::Shape::Participant);
    auto envelope = read_zoom_json(body, reader, root);
    if (!envelope) {
        return std::move(envelope).error();
    }
    if (reader.bad_sample()) {
        return *reader.bad_sample();
    }
    auto participant = participant_from_json(*envelope);
    if (participant) {
        participant->user_qos = std::move(reader.samples().front());
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

namespace {

bool is_one_of(std::string_view key, std::span<const std::string_view> keys) {
    return std::ranges::find(keys, key) != keys.end();
}

// Every member of `extra` whose key is not one the typed model wrote: a key Zoom might add one
// day under one of our generated names (bitrate_kbps) must not make a duplicate or replace it.
template <typename Written>
void write_extras(JsonText& text, const Json& extra, const Written& written) {
    if (!extra.is_object()) {
        return;
    }
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!written(it.key())) {
            text.key(it.key());
            text.value(it.value());
        }
    }
}

// The typed JSON as text, parsed back: the text is the one definition of the schema.
template <typename Typed>
Json parsed(const Typed& typed) {
    std::string text;
    JsonText writer(text);
    write_json(writer, typed);
    return Json::parse(text);
}

} // namespace

void write_json(JsonText& text, const Sample& sample) {
    text.begin_object();
    write_members(text, sample, {});
    text.end_object();
}

void write_members(JsonText& text, const Sample& sample, std::span<const std::string_view> skip) {
    if (!is_one_of("date_time", skip)) {
        text.key("date_time");
        // A date_time Zoom sent as something other than text sits in `extra`, and is printed in
        // the field's own place rather than as null plus a stray key.
        const auto raw =
            sample.extra.is_object() ? sample.extra.find("date_time") : sample.extra.end();
        if (sample.date_time) {
            text.string(*sample.date_time);
        } else if (raw != sample.extra.end()) {
            text.value(*raw);
        } else {
            text.null();
        }
    }
    for (const Stream& stream : sample.streams) {
        if (!is_one_of(stream.name, skip)) {
            text.key(stream.name);
            write_json(text, stream);
        }
    }
    if (sample.cpu_usage && !is_one_of("cpu_usage", skip)) {
        text.key("cpu_usage");
        write_json(text, *sample.cpu_usage);
    }
    write_extras(text, sample.extra, [&](const std::string& key) {
        return is_one_of(key, skip) || key == "date_time" ||
               (sample.cpu_usage && key == "cpu_usage") ||
               std::ranges::find(sample.streams, key, &Stream::name) != sample.streams.end();
    });
}

bool has_member(const Sample& sample, std::string_view key) {
    return key == "date_time" || (sample.cpu_usage && key == "cpu_usage") ||
           std::ranges::find(sample.streams, key, &Stream::name) != sample.streams.end() ||
           (sample.extra.is_object() && sample.extra.contains(key));
}

void write_json(JsonText& text, const Stream& stream) {
    text.begin_object();
    for (const Measurement& measurement : kTyped.measurements) {
        text.key(measurement.key);
        text.number(stream.*measurement.member);
    }
    if (stream.video_like) {
        text.key(kTyped.resolution_key);
        if (stream.resolution) {
            text.begin_object();
            text.key("width");
            text.integer(stream.resolution->width);
            text.key("height");
            text.integer(stream.resolution->height);
            text.end_object();
        } else {
            text.null();
        }
        text.key(kTyped.frame_rate_key);
        text.number(stream.frame_rate_fps);
    }
    write_extras(text, stream.extra, [&](const std::string& key) {
        return std::ranges::find(kTyped.measurements, key, &Measurement::key) !=
                   kTyped.measurements.end() ||
               (stream.video_like &&
                (key == kTyped.resolution_key || key == kTyped.frame_rate_key));
    });
    text.end_object();
}

void write_json(JsonText& text, const CpuUsage& cpu) {
    text.begin_object();
    for (const CpuField& field : kTyped.cpu) {
        text.key(field.key);
        text.number(cpu.*field.member);
    }
    write_extras(text, cpu.extra, [&](const std::string& key) {
        return std::ranges::find(kTyped.cpu, key, &CpuField::key) != kTyped.cpu.end();
    });
    text.end_object();
}

Json to_json(const Sample& sample) {
    return parsed(sample);
}

Json to_json(const Stream& stream) {
    return parsed(stream);
}

Json to_json(const CpuUsage& cpu) {
    return parsed(cpu);
}

} // namespace zoomqos::model
