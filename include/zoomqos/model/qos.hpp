#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace zoomqos::model {

// Ordered so that what Zoom sends and we pass through keeps Zoom's key order.
using Json = nlohmann::ordered_json;

struct Resolution {
    long width = 0;
    long height = 0;
    bool operator==(const Resolution&) const = default;
};

// One stream object of a sample: audio_input, video_output, as_input,
// audio_device_from_crc, ... — any object holding bitrate, latency, jitter,
// avg_loss or max_loss. Every value is nullopt when Zoom sent nothing usable
// ("", null, missing, or text we cannot read): unknown is not zero.
struct Stream {
    std::string name;
    std::optional<double> bitrate_kbps;
    std::optional<double> latency_ms;
    std::optional<double> jitter_ms;
    std::optional<double> avg_loss_pct;
    std::optional<double> max_loss_pct;
    // Video-like streams (video_*, as_*, and any stream that carried a
    // resolution or frame_rate key) also have these two.
    bool video_like = false;
    std::optional<Resolution> resolution;
    std::optional<double> frame_rate_fps;
    // Keys inside the stream object the mapper does not know, unchanged.
    // Null until the first one: a day of samples holds hundreds of thousands
    // of streams, and an empty object costs an allocation each.
    Json extra = Json::value_t::null;

    // True when at least one typed value is known: an idle stream is all "".
    bool has_data() const;
};

struct CpuUsage {
    std::optional<double> zoom_min_cpu_usage_pct;
    std::optional<double> zoom_avg_cpu_usage_pct;
    std::optional<double> zoom_max_cpu_usage_pct;
    std::optional<double> system_max_cpu_usage_pct;
    Json extra = Json::value_t::null; // null until the first unknown key, as Stream::extra
};

// One entry of user_qos (one per minute for past events).
struct Sample {
    std::optional<std::string> date_time;
    std::vector<Stream> streams; // in the order Zoom sent them
    std::optional<CpuUsage> cpu_usage;
    // Every other key of the sample (wifi_rssi, fields newer than this
    // program), unchanged and in Zoom's order; null until the first one, as
    // Stream::extra.
    Json extra = Json::value_t::null;

    const Stream* find_stream(std::string_view name) const;
};

// The participant fields Zoom documents as strings. A field that is missing,
// null, or not a string is nullopt here; a value of an unexpected type is kept
// in `extra` instead, so nothing is lost.
struct Participant {
    std::optional<std::string> id;
    std::optional<std::string> user_id;
    std::optional<std::string> user_name;
    std::optional<std::string> email;
    std::optional<std::string> device;
    std::optional<std::string> client;
    std::optional<std::string> domain;
    std::optional<std::string> harddisk_id;
    std::optional<std::vector<std::string>> internal_ip_addresses;
    std::optional<std::string> ip_address;
    std::optional<std::string> location;
    std::optional<std::string> mac_addr;
    std::optional<std::string> pc_name;
    std::optional<std::string> version;
    std::optional<std::string> join_time;
    std::optional<std::string> leave_time;
    std::optional<std::string> health;                  // webinars only
    std::optional<std::vector<std::string>> issue_list; // webinars only
    std::optional<std::string> meeting_number;          // meetings only
    std::vector<Sample> user_qos;
    // Every other participant key, unchanged and in Zoom's order.
    Json extra = Json::object();
    // `list --details`: the participant's session from the details endpoint,
    // kDetailFields in order (all null when no session matched); none
    // without --details.
    std::optional<Json> details;
};

// What `list --details` keeps of a session of the participants' details
// endpoint (/metrics/{webinars|meetings}/{id}/participants), in output order.
inline constexpr std::string_view kDetailFields[] = {
    "id",         "user_id",      "user_name",     "device",          "ip_address",
    "location",   "network_type", "data_center",   "connection_type", "join_time",
    "leave_time", "leave_reason", "audio_quality", "video_quality",   "screen_share_quality",
    "os",         "os_version",   "version",       "microphone",      "speaker",
    "camera",     "role",
};

// The stream names the table and CSV know by name, in display order. Streams
// outside this list still reach JSON and NDJSON output.
inline constexpr std::string_view kMainStreams[] = {
    "audio_input", "audio_output", "video_input", "video_output", "as_input", "as_output",
};

} // namespace zoomqos::model
