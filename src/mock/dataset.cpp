#include "dataset.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "details.hpp"

// Everything here is a pure function of constants: the "noise" is a hash of
// (participant seed, minute, field), so tests can rely on exact values and no
// clock or random device is ever read.
namespace zoomqos::mock {

namespace {

using Json = nlohmann::ordered_json;

// Zoom is not consistent about units ("23 kbps" next to "27.15kbps", "126 ms"
// next to "0ms"), so every sample picks one of two spellings.
enum class Spelling { Spaced, Tight };

// How a participant's media reach Zoom. The Cloud Room Connector (H.323/SIP
// rooms) and the web gateway add `*_device_{from,to}_{crc,rwg}` streams.
enum class MediaPath { Direct, WebGateway, RoomConnector };

std::uint32_t mix(std::uint32_t a, std::uint32_t b) {
    std::uint32_t h = a * 0x9E3779B1U ^ (b + 0x7F4A7C15U + (a << 6U) + (a >> 2U));
    h ^= h >> 16U;
    h *= 0x85EBCA6BU;
    h ^= h >> 13U;
    h *= 0xC2B2AE35U;
    h ^= h >> 16U;
    return h;
}

// A value in [0, 1) that depends only on its arguments.
double noise(std::uint32_t seed, int minute, std::uint32_t field) {
    const std::uint32_t h = mix(mix(seed, static_cast<std::uint32_t>(minute)), field);
    return static_cast<double>(h % 10000U) / 10000.0;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    if (std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value) < 0) {
        return "0";
    }
    return buffer;
}

std::string kbps(double value, Spelling spelling) {
    if (spelling == Spelling::Tight) {
        return fixed(value, 2) + "kbps";
    }
    if (value >= 1000.0) {
        return fixed(value / 1000.0, 1) + " Mbps";
    }
    return fixed(value, 0) + " kbps";
}

std::string ms(int value, Spelling spelling) {
    return std::to_string(value) + (spelling == Spelling::Spaced ? " ms" : "ms");
}

// "8%", "0.3%", "0.03%": Zoom prints no trailing zeros.
std::string percent(double value) {
    std::string text = fixed(value, 2);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text + "%";
}

std::string fps(int value, Spelling spelling) {
    return std::to_string(value) + (spelling == Spelling::Spaced ? " fps" : "fps");
}

std::string two_digits(int value) {
    // Built by appending: g++ 12 -O3 warns (-Wrestrict, a false positive)
    // about `"0" + std::to_string(...)`.
    std::string text = std::to_string(value);
    if (text.size() < 2) {
        text.insert(text.begin(), '0');
    }
    return text;
}

// Samples are one minute apart; no event in the data set crosses midnight.
std::string minute_stamp(const std::string& date, int hour, int minute) {
    hour += minute / 60;
    minute %= 60;
    return date + "T" + two_digits(hour) + ":" + two_digits(minute) + ":00Z";
}

struct Network {
    int latency_ms = 0;
    int jitter_ms = 0;
    double avg_loss_pct = 0.0;
    double max_loss_pct = 0.0;
};

struct Resolution {
    int width = 0;
    int height = 0;
};

Json audio_stream(double bitrate_kbps, const Network& net, Spelling spelling) {
    return Json{{"bitrate", kbps(bitrate_kbps, spelling)},
                {"latency", ms(net.latency_ms, spelling)},
                {"jitter", ms(net.jitter_ms, spelling)},
                {"avg_loss", percent(net.avg_loss_pct)},
                {"max_loss", percent(net.max_loss_pct)}};
}

Json video_stream(double bitrate_kbps, const Network& net, Resolution resolution, int frame_rate,
                  Spelling spelling) {
    Json stream = audio_stream(bitrate_kbps, net, spelling);
    stream["resolution"] =
        std::to_string(resolution.width) + "*" + std::to_string(resolution.height);
    stream["frame_rate"] = fps(frame_rate, spelling);
    return stream;
}

// Zoom reports a stream that carries nothing with every field "".
Json idle_audio() {
    return Json{
        {"bitrate", ""}, {"latency", ""}, {"jitter", ""}, {"avg_loss", ""}, {"max_loss", ""}};
}

Json idle_video() {
    Json stream = idle_audio();
    stream["resolution"] = "";
    stream["frame_rate"] = "";
    return stream;
}

struct Minutes {
    int first = -1; // sample index; -1 = never
    int last = -1;
    bool contains(int index) const { return first >= 0 && index >= first && index <= last; }
};

// What one participant's samples look like; quirks that a profile cannot
// express are applied to the generated JSON by the event builders below.
struct Profile {
    std::uint32_t seed = 0;
    std::string date;
    int hour = 0;
    int minute = 0; // of the first sample
    int samples = 0;
    double audio_kbps = 24.0;
    double video_kbps = 900.0;
    Resolution camera{1280, 720};
    int base_latency_ms = 40;
    Minutes camera_off;     // video_input idle
    Minutes sharing;        // as_input carries the participant's screen
    Minutes watching_share; // as_output carries someone else's screen
    int burst_at = -1;      // sample index of the worst minute of a bad-quality burst
    MediaPath path = MediaPath::Direct;
    bool cpu_usage = true;
    bool wifi_rssi = true;
};

// A profile with the defaults of a healthy client: whose (seed), when the first
// sample is, and how many there are.
Profile profile(std::uint32_t seed, std::string date, int hour, int minute, int samples) {
    Profile p;
    p.seed = seed;
    p.date = std::move(date);
    p.hour = hour;
    p.minute = minute;
    p.samples = samples;
    return p;
}

Network network_at(const Profile& p, int i, std::uint32_t direction) {
    Network net;
    const std::uint32_t salt = direction * 16U;
    net.latency_ms = p.base_latency_ms + static_cast<int>(noise(p.seed, i, salt + 1U) * 40.0);
    net.jitter_ms = 1 + static_cast<int>(noise(p.seed, i, salt + 2U) * 8.0);
    net.avg_loss_pct = static_cast<int>(noise(p.seed, i, salt + 3U) * 30.0) / 100.0;
    net.max_loss_pct =
        net.avg_loss_pct + static_cast<int>(noise(p.seed, i, salt + 4U) * 90.0) / 100.0;
    const int distance = p.burst_at < 0 ? -1 : std::abs(i - p.burst_at);
    if (distance == 0) {
        net.latency_ms = 312 + static_cast<int>(noise(p.seed, i, salt + 5U) * 60.0);
        net.jitter_ms = 46 + static_cast<int>(noise(p.seed, i, salt + 6U) * 10.0);
        net.avg_loss_pct = 8.0;
        net.max_loss_pct = 14.5;
    } else if (distance == 1) {
        net.latency_ms = 180 + static_cast<int>(noise(p.seed, i, salt + 5U) * 50.0);
        net.jitter_ms = 24 + static_cast<int>(noise(p.seed, i, salt + 6U) * 8.0);
        net.avg_loss_pct = 2.4 + static_cast<int>(noise(p.seed, i, salt + 7U) * 80.0) / 100.0;
        net.max_loss_pct = net.avg_loss_pct + 2.5;
    }
    return net;
}

Json device_streams(const Profile& p, int i, Spelling spelling, const char* suffix) {
    const Network in = network_at(p, i, 5U);
    const Network out = network_at(p, i, 6U);
    const double video = p.video_kbps + noise(p.seed, i, 40U) * 300.0;
    Json streams;
    streams[std::string("audio_device_from_") + suffix] =
        audio_stream(p.audio_kbps + noise(p.seed, i, 41U) * 6.0, in, spelling);
    streams[std::string("audio_device_to_") + suffix] =
        audio_stream(p.audio_kbps + noise(p.seed, i, 42U) * 6.0, out, spelling);
    streams[std::string("video_device_from_") + suffix] =
        video_stream(video, in, p.camera, 25, spelling);
    streams[std::string("video_device_to_") + suffix] =
        video_stream(video * 0.9, out, Resolution{640, 360}, 25, spelling);
    streams[std::string("as_device_from_") + suffix] = idle_video();
    streams[std::string("as_device_to_") + suffix] = idle_video();
    return streams;
}

Json sample_at(const Profile& p, int i) {
    const Spelling spelling = noise(p.seed, i, 99U) < 0.5 ? Spelling::Spaced : Spelling::Tight;
    const Network up = network_at(p, i, 1U);
    const Network down = network_at(p, i, 2U);
    const Network video_up = network_at(p, i, 3U);
    const Network video_down = network_at(p, i, 4U);
    // Zoom often reports 0 latency for a share it relays to a viewer.
    Network share_down = network_at(p, i, 7U);
    share_down.latency_ms = 0;
    const bool degraded = p.burst_at >= 0 && std::abs(i - p.burst_at) <= 1;
    const int camera_fps = degraded ? 12 : 25;
    const Resolution camera = degraded ? Resolution{640, 360} : p.camera;

    Json sample;
    sample["date_time"] = minute_stamp(p.date, p.hour, p.minute + i);
    // Room systems send through the connector, so their own streams are idle.
    const bool direct = p.path != MediaPath::RoomConnector;
    sample["audio_input"] =
        direct ? audio_stream(p.audio_kbps + noise(p.seed, i, 20U) * 8.0, up, spelling)
               : idle_audio();
    sample["audio_output"] =
        direct ? audio_stream(p.audio_kbps + noise(p.seed, i, 21U) * 12.0, down, spelling)
               : idle_audio();
    sample["video_input"] =
        direct && !p.camera_off.contains(i)
            ? video_stream(p.video_kbps * (degraded ? 0.4 : 1.0) + noise(p.seed, i, 22U) * 400.0,
                           video_up, camera, camera_fps, spelling)
            : idle_video();
    sample["video_output"] =
        direct ? video_stream(p.video_kbps * 0.8 + noise(p.seed, i, 23U) * 300.0, video_down,
                              Resolution{640, 360}, degraded ? 12 : 25, spelling)
               : idle_video();
    sample["as_input"] = p.sharing.contains(i)
                             ? video_stream(300.0 + noise(p.seed, i, 24U) * 300.0, video_up,
                                            Resolution{1920, 1080}, 5, spelling)
                             : idle_video();
    sample["as_output"] = p.watching_share.contains(i)
                              ? video_stream(200.0 + noise(p.seed, i, 25U) * 250.0, share_down,
                                             Resolution{1920, 1080}, 10, spelling)
                              : idle_video();
    if (p.path == MediaPath::RoomConnector) {
        sample.update(device_streams(p, i, spelling, "crc"));
    } else if (p.path == MediaPath::WebGateway && i % 2 == 0) {
        // The gateway streams come and go between samples on real accounts.
        sample.update(device_streams(p, i, spelling, "rwg"));
    }
    if (p.cpu_usage) {
        const double avg =
            8.0 + noise(p.seed, i, 30U) * 10.0 + (p.sharing.contains(i) ? 15.0 : 0.0);
        sample["cpu_usage"] = Json{{"zoom_min_cpu_usage", percent(avg * 0.3)},
                                   {"zoom_avg_cpu_usage", percent(avg)},
                                   {"zoom_max_cpu_usage", percent(avg * 1.9)},
                                   {"system_max_cpu_usage", percent(avg * 1.9 + 20.0)}};
    }
    if (p.wifi_rssi) {
        const int avg = -58 + static_cast<int>(noise(p.seed, i, 31U) * 10.0);
        sample["wifi_rssi"] = Json{
            {"max_rssi", avg + 6}, {"avg_rssi", avg}, {"min_rssi", avg - 9}, {"rssi_unit", "dBm"}};
    }
    if (p.sharing.contains(i)) {
        // A 2025+ field whose placement Zoom does not document: clients must pass it through.
        sample["as_connection_type"] = "UDP";
    }
    return sample;
}

Json samples(const Profile& p) {
    Json list = Json::array();
    for (int i = 0; i < p.samples; ++i) {
        list.push_back(sample_at(p, i));
    }
    return list;
}

struct Person {
    std::string user_id;
    std::string id;
    std::string user_name;
    std::string email;
    std::string device;
    std::string client;
    std::string version;
    std::string pc_name;
    std::string location;
    std::string ip_address;
    Json internal_ip_addresses = Json::array();
    std::string join_time;
    std::string leave_time;
};

Json participant(const Person& who, EventKind kind, const std::string& event_number,
                 const std::string& health, Json issues, Json user_qos) {
    Json p;
    p["id"] = who.id;
    p["user_id"] = who.user_id;
    p["user_name"] = who.user_name;
    p["email"] = who.email;
    p["device"] = who.device;
    p["client"] = who.client;
    p["domain"] = "";
    p["harddisk_id"] = "";
    p["internal_ip_addresses"] = who.internal_ip_addresses;
    p["ip_address"] = who.ip_address;
    p["location"] = who.location;
    p["mac_addr"] = "";
    p["pc_name"] = who.pc_name;
    p["version"] = who.version;
    p["join_time"] = who.join_time;
    p["leave_time"] = who.leave_time;
    if (kind == EventKind::Webinar) {
        p["health"] = health;
        p["issue_list"] = std::move(issues);
    } else {
        p["meeting_number"] = event_number;
    }
    p["user_qos"] = std::move(user_qos);
    return p;
}

// An ended webinar with every quirk the client must survive.
Event ended_webinar() {
    Event event{EventKind::Webinar, "81234567890", EventState::Ended, {}};
    const std::string date = "2026-11-20";

    // 60 per-minute samples, a bad burst at 14:03, camera off 14:40-14:44,
    // sharing her screen 14:20-14:29.
    Profile zoe = profile(16778240U, date, 14, 1, 60);
    zoe.base_latency_ms = 38;
    zoe.camera_off = {39, 43};
    zoe.sharing = {19, 28};
    zoe.watching_share = {30, 50};
    zoe.burst_at = 2;
    event.participants.push_back(participant(
        Person{"16778240", "tMqX3vQ5SxOd4rA8Lw0bKg", "Zoë Åkesson", "zoe.akesson@example.se", "Mac",
               "Mac", "6.2.11 (45208)", "Zoë’s MacBook Pro", "Stockholm (SE)", "203.0.113.24",
               Json::array({"192.168.1.23"}), date + "T14:00:12Z", date + "T15:00:41Z"},
        EventKind::Webinar, event.id, "Warning",
        Json::array({"High audio latency", "High audio packet loss"}), samples(zoe)));

    // A Windows VDI session behind the web gateway, with gaps and nulls.
    Profile taro = profile(16779264U, date, 14, 5, 12);
    taro.audio_kbps = 31.0;
    taro.video_kbps = 640.0;
    taro.base_latency_ms = 95;
    taro.path = MediaPath::WebGateway;
    Json taro_qos = samples(taro);
    taro_qos[3]["audio_input"]["jitter"] = nullptr;
    taro_qos[7].erase("video_output");
    Json taro_json = participant(
        Person{"16779264", "Vh2mKq8YRZ-1p0aXbT4cUw", "田中 太郎", "taro.tanaka@example.jp",
               "Windows", "VDI", "6.0.10 (38451)", "CTX-VDA-0417", "Osaka (JP)", "198.51.100.77",
               Json::array({"10.20.4.17", "fe80::1c2a:9ff:fe3b:7d10"}), date + "T14:03:40Z",
               date + "T14:58:02Z"},
        EventKind::Webinar, event.id, "Good", Json::array(), std::move(taro_qos));
    // A participant-level field newer than our model; placement unconfirmed.
    taro_json["vdi_plugin_info"] = Json{{"vdi_client", "Citrix Workspace"},
                                        {"plugin_version", "6.0.10.22150"},
                                        {"vdi_os", "Windows 11 Enterprise"}};
    event.participants.push_back(std::move(taro_json));

    // A room system through the Cloud Room Connector whose location and IP
    // the account's privacy settings blank out.
    Profile room = profile(16780288U, date, 14, 10, 8);
    room.base_latency_ms = 22;
    room.path = MediaPath::RoomConnector;
    room.cpu_usage = false;
    room.wifi_rssi = false;
    Json room_qos = samples(room);
    room_qos[5]["video_device_to_crc"]["resolution"] = "0*0";
    room_qos[5]["video_device_to_crc"]["frame_rate"] = "0 fps";
    event.participants.push_back(
        participant(Person{"16780288", "", "Boardroom 4 (H.323)", "", "H.323/SIP", "H.323/SIP", "",
                           "", "", "", Json::array(), date + "T14:09:30Z", date + "T14:18:02Z"},
                    EventKind::Webinar, event.id, "Good", Json::array(), std::move(room_qos)));

    // Joined and left within a minute: Zoom has no sample for them.
    event.participants.push_back(participant(
        Person{"16781312", "Xc0pLw5NQd6tYb2sJz9aHg", "Priya Raman", "priya.raman@example.in", "iOS",
               "iOS", "6.2.10 (44963)", "iPhone", "Bengaluru (IN)", "192.0.2.141",
               Json::array({"10.0.0.12"}), date + "T14:30:05Z", date + "T14:30:31Z"},
        EventKind::Webinar, event.id, "Good", Json::array(), Json::array()));

    // An ID with '/', '?', '#' and "..": proves the client sends it as one
    // path segment.
    Profile odd = profile(424242U, date, 14, 20, 3);
    event.participants.push_back(participant(
        Person{"a/b?c#d..e", "", "Path Segment Tester", "path.tester@example.com", "Linux", "Linux",
               "6.2.11 (45208)", "qa-box", "Berlin (DE)", "203.0.113.99",
               Json::array({"172.16.0.9"}), date + "T14:19:10Z", date + "T14:23:00Z"},
        EventKind::Webinar, event.id, "Good", Json::array(), samples(odd)));
    return event;
}

// An instance UUID beginning with '/': Zoom finds it only when double-encoded.
Event slash_uuid_webinar() {
    Event event{EventKind::Webinar, "/Zq0aA1b2Cc3Dd4==", EventState::Ended, {}};
    const std::string date = "2026-11-13";
    Profile p = profile(7001U, date, 10, 1, 3);
    event.participants.push_back(participant(
        Person{"16778240", "Lr7bN2wQTe-8kPq3Hd1yAg", "Élodie Durand", "elodie.durand@example.fr",
               "Windows", "Windows", "6.2.11 (45208)", "ELODIE-PC", "Lyon (FR)", "198.51.100.12",
               Json::array({"192.168.0.40"}), date + "T10:00:20Z", date + "T10:04:10Z"},
        EventKind::Webinar, event.id, "Good", Json::array(), samples(p)));
    return event;
}

// Still running: only type=live has data, and no one has a leave_time yet.
Event live_webinar() {
    Event event{EventKind::Webinar, "82000000001", EventState::Live, {}};
    const std::string date = "2026-12-01";
    Profile maja = profile(8101U, date, 9, 1, 4);
    event.participants.push_back(participant(
        Person{"16778240", "Qa1sW2deR3ft-G4hY5ju6K", "Maja Lind", "maja.lind@example.se", "Mac",
               "Mac", "6.2.11 (45208)", "majas-air", "Gothenburg (SE)", "203.0.113.51",
               Json::array({"192.168.50.7"}), date + "T09:00:03Z", ""},
        EventKind::Webinar, event.id, "Good", Json::array(), samples(maja)));
    Profile ahmed = profile(8102U, date, 9, 2, 3);
    ahmed.camera_off = {0, 2};
    event.participants.push_back(participant(
        Person{"16779264", "Zx9cV8bn-M7lK6jH5gF4dS", "Ahmed Al-Farsi", "ahmed.alfarsi@example.ae",
               "Android", "Android", "6.2.9 (44120)", "Pixel 9", "Dubai (AE)", "192.0.2.77",
               Json::array({"10.1.1.5"}), date + "T09:01:40Z", ""},
        EventKind::Webinar, event.id, "Good", Json::array(), samples(ahmed)));
    return event;
}

// Alex Kim leaves and rejoins (two QoS entries, two sessions, one user_id); a
// second Alex Kim is someone else; Priya's session says she joined a second
// later than her QoS entry does; the dial-in guest has no session at all.
Event rejoin_webinar() {
    Event event{EventKind::Webinar, std::string(kRejoinWebinarId), EventState::Ended, {}};
    const std::string date = "2026-11-24";
    const auto person = [&](const char* user_id, const char* id, const char* name,
                            const char* device, const char* location, const char* ip,
                            const std::string& join, const std::string& leave) {
        return Person{user_id,           id, name,     "", device,        device,
                      "6.2.11 (45208)",  "", location, ip, Json::array(), date + "T" + join,
                      date + "T" + leave};
    };
    const Person alex_first = person("16790001", "Rj1aLeXkIm-FiRsT0000001", "Alex Kim", "Mac",
                                     "Seoul (KR)", "203.0.113.90", "10:00:10Z", "10:05:40Z");
    const Person alex_again = person("16790001", "Rj1aLeXkIm-FiRsT0000001", "Alex Kim", "iOS",
                                     "Seoul (KR)", "198.51.100.90", "10:08:05Z", "10:14:00Z");
    const Person namesake = person("16790002", "Rj2aLeXkIm-OtHeR0000002", "Alex Kim", "Windows",
                                   "Busan (KR)", "203.0.113.91", "10:01:00Z", "10:14:00Z");
    const Person priya = person("16790003", "Rj3pRiYaNaIr00000000003", "Priya Nair", "Linux",
                                "Pune (IN)", "192.0.2.93", "10:00:30Z", "10:14:00Z");
    const Person guest =
        person("16790004", "", "Dial-in Guest", "Phone", "", "", "10:02:00Z", "10:10:00Z");
    Profile alex1 = profile(8601U, date, 10, 1, 4);
    Profile alex2 = profile(8602U, date, 10, 9, 5);
    alex2.base_latency_ms = 190; // on the phone's cellular link
    Profile other = profile(8603U, date, 10, 2, 12);
    Profile pn = profile(8604U, date, 10, 1, 13);
    pn.base_latency_ms = 90;
    Profile phone = profile(8605U, date, 10, 3, 7);
    phone.camera_off = {0, 6};
    const Person* people[] = {&alex_first, &namesake, &priya, &guest, &alex_again};
    const Profile* profiles[] = {&alex1, &other, &pn, &phone, &alex2};
    for (std::size_t i = 0; i < std::size(people); ++i) {
        event.participants.push_back(participant(*people[i], EventKind::Webinar, event.id, "Good",
                                                 Json::array(), samples(*profiles[i])));
    }
    // The sessions, in an order of their own.
    Json again = details_session(event.participants[4], 4, EventKind::Webinar);
    again["network_type"] = "Cellular";
    Json first = details_session(event.participants[0], 0, EventKind::Webinar);
    first["network_type"] = "Wifi";
    Json other_alex = details_session(event.participants[1], 1, EventKind::Webinar);
    other_alex["network_type"] = "Wired";
    Json late = details_session(event.participants[2], 2, EventKind::Webinar);
    late["network_type"] = "PPP";
    late["join_time"] = date + "T10:00:31Z";
    event.details = {again, other_alex, late, first};
    return event;
}

// Meeting participants carry `meeting_number` instead of health/issue_list.
Event ended_meeting() {
    Event event{EventKind::Meeting, "91234567890", EventState::Ended, {}};
    const std::string date = "2026-11-18";
    Profile ana = profile(9101U, date, 16, 1, 10);
    ana.sharing = {4, 6};
    event.participants.push_back(
        participant(Person{"16778240", "Ws3eDr4fTg5yHu6jIk7oLp", "Ana Souza",
                           "ana.souza@example.com.br", "Windows", "Windows", "6.2.11 (45208)",
                           "ANA-LAPTOP", "São Paulo (BR)", "198.51.100.200",
                           Json::array({"192.168.15.3"}), date + "T16:00:30Z", date + "T16:11:05Z"},
                    EventKind::Meeting, event.id, "", Json::array(), samples(ana)));
    Profile lars = profile(9102U, date, 16, 3, 6);
    lars.watching_share = {2, 4};
    event.participants.push_back(participant(
        Person{"16779264", "Mn8bVc7xZa6sDf5gHj4kLq", "Lars Nilsson", "lars.nilsson@example.no",
               "Linux", "Linux", "6.2.5 (43817)", "lars-thinkpad", "Oslo (NO)", "203.0.113.140",
               Json::array({"10.8.0.22"}), date + "T16:02:50Z", date + "T16:09:15Z"},
        EventKind::Meeting, event.id, "", Json::array(), samples(lars)));
    return event;
}

// An ordinary attendee of the events the lists add: `number` picks a name and
// a client, `seed` the samples.
Json attendee(const Event& event, std::uint32_t seed, std::size_t number, const std::string& date,
              int hour, int minute, int samples_count) {
    struct Who {
        const char* name;
        const char* device;
        const char* location;
    };
    static constexpr std::array<Who, 4> kPeople{{
        {"Noah Becker", "Windows", "Hamburg (DE)"},
        {"Lina Haddad", "Mac", "Beirut (LB)"},
        {"Kenji Mori", "iOS", "Sapporo (JP)"},
        {"Sofia Rossi", "Android", "Turin (IT)"},
    }};
    const Who& who = kPeople[number % kPeople.size()];
    const std::string user_id = std::to_string(16790000 + seed % 1000U * 10U + number);
    Profile p =
        profile(seed + static_cast<std::uint32_t>(number), date, hour, minute, samples_count);
    if (number == 1) {
        p.burst_at = 1; // one bad minute, so that a sweep has a breach to report
    }
    return participant(Person{user_id, "Ev" + std::to_string(seed) + "P" + std::to_string(number),
                              who.name, "attendee." + user_id + "@example.com", who.device,
                              who.device, "6.2.11 (45208)", "pc-" + user_id, who.location,
                              "198.51.100." + std::to_string(number + 10),
                              Json::array({"10.9.0." + std::to_string(number)}),
                              minute_stamp(date, hour, minute - 1),
                              minute_stamp(date, hour, minute + samples_count)},
                       event.kind, event.id, "Good", Json::array(), samples(p));
}

// An ended event of `people` attendees whose samples start at hour:minute.
Event attended_event(EventKind kind, std::string id, std::vector<std::string> aliases,
                     std::uint32_t seed, std::size_t people, const std::string& date, int hour,
                     int minute) {
    Event event{kind, std::move(id), EventState::Ended, {}};
    event.aliases = std::move(aliases);
    for (std::size_t number = 0; number < people; ++number) {
        event.participants.push_back(attendee(event, seed, number, date, hour, minute, 3));
    }
    return event;
}

// The --participants webinar's `id` values: 22 characters like Zoom's, and
// the participant's number in the last 8 so that a lookup needs no search.
constexpr std::string_view kGeneratedIdPrefix = "GenParticipant";
constexpr std::size_t kGeneratedNumberDigits = 8;

std::string zero_padded(std::size_t value, std::size_t digits) {
    std::string text = std::to_string(value);
    if (text.size() < digits) {
        text.insert(0, digits - text.size(), '0');
    }
    return text;
}

// The number (1-based) in `digits`, when it is exactly 8 decimal digits.
std::optional<std::size_t> eight_digits(std::string_view digits) {
    if (digits.size() != kGeneratedNumberDigits) {
        return std::nullopt;
    }
    std::size_t value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

// Where `participant_id` (a user_id or an id) sits among the generated ones.
std::optional<std::size_t> generated_index(const Event& event, std::string_view participant_id) {
    std::optional<std::size_t> number; // 1-based
    if (participant_id.substr(0, kGeneratedIdPrefix.size()) == kGeneratedIdPrefix) {
        number = eight_digits(participant_id.substr(kGeneratedIdPrefix.size()));
    } else if (const auto user_id = eight_digits(participant_id);
               user_id && *user_id >= static_cast<std::size_t>(kFirstGeneratedUserId)) {
        number = *user_id - static_cast<std::size_t>(kFirstGeneratedUserId) + 1;
    }
    if (!number || *number <= event.generated_first ||
        *number > event.generated_first + event.generated) {
        return std::nullopt;
    }
    return *number - 1;
}

struct Client {
    const char* device;
    const char* version;
    const char* location;
};

constexpr std::array<Client, 5> kAudienceClients{{
    {"Windows", "6.2.11 (45208)", "Frankfurt (DE)"},
    {"Mac", "6.2.11 (45208)", "Amsterdam (NL)"},
    {"iOS", "6.2.10 (44963)", "Madrid (ES)"},
    {"Android", "6.2.9 (44120)", "Warsaw (PL)"},
    {"Linux", "6.2.5 (43817)", "Dublin (IE)"},
}};

// The generated participants' samples come in this many kinds, built once:
// building samples costs ~0.2 ms a participant, too much for a walk through
// tens of thousands. 210 = lcm of the 30 join minutes, a camera left off by
// every 7th participant and a bad minute for every 10th.
constexpr std::size_t kGeneratedKinds = 210;

// The samples of generated participant `index`, whose kind is index % 210.
Profile generated_profile(std::size_t index) {
    const std::size_t kind = index % kGeneratedKinds;
    Profile p = profile(static_cast<std::uint32_t>(kFirstGeneratedUserId) +
                            static_cast<std::uint32_t>(kind),
                        "2026-11-25", 10, 1 + static_cast<int>(kind % 30), 5);
    p.base_latency_ms = 20 + static_cast<int>(kind % 7) * 10;
    if ((kind + 1) % 10 == 0) {
        p.burst_at = 2;
    }
    if ((kind + 1) % 7 == 0) {
        p.camera_off = {0, p.samples - 1};
    }
    return p;
}

// Participant number index + 1 of a generated webinar: a few ordinary
// samples, varied enough (devices, join times, now and then a bad minute or a
// camera left off) to look like an audience.
Json generated_participant(const Event& event, std::size_t index) {
    const std::size_t number = index + 1;
    const std::string text = std::to_string(number);
    const Client& client = kAudienceClients[index % kAudienceClients.size()];
    const Profile p = generated_profile(index);
    const bool troubled = p.burst_at >= 0;
    const std::string internal_ip = "10." + std::to_string((number >> 16U) & 0xFFU) + "." +
                                    std::to_string((number >> 8U) & 0xFFU) + "." +
                                    std::to_string(number & 0xFFU);
    // Zoom sets no leave_time while the event runs.
    const std::string leave_time = event.state == EventState::Live
                                       ? std::string()
                                       : minute_stamp(p.date, p.hour, p.minute + p.samples);
    Person who{std::to_string(static_cast<std::size_t>(kFirstGeneratedUserId) + index),
               std::string(kGeneratedIdPrefix) + zero_padded(number, kGeneratedNumberDigits),
               "Participant " + text,
               "participant." + text + "@example.com",
               client.device,
               client.device,
               client.version,
               "pc-" + text,
               client.location,
               "198.51.100." + std::to_string(index % 254 + 1),
               Json::array({internal_ip}),
               minute_stamp(p.date, p.hour, p.minute - 1),
               leave_time};
    return participant(who, EventKind::Webinar, event.id, troubled ? "Warning" : "Good",
                       troubled ? Json::array({"High audio latency", "High audio packet loss"})
                                : Json::array(),
                       (*event.generated_samples)[index % kGeneratedKinds]);
}

// The report's demo webinar (kReportWebinarId): 45 minutes, 22 sessions, the
// shapes a report must make readable. A platform-wide spike at 15:21 for
// nearly everyone; three participants on bad Wi-Fi with trouble at their own
// minutes; one with a hot CPU; cameras left off; one participant who drops
// out and rejoins (two sessions); names, a location and a device carrying
// markup and a bidi override, which must stay text.
Event report_webinar() {
    Event event{EventKind::Webinar, std::string(kReportWebinarId), EventState::Ended, {}};
    const std::string date = "2026-11-24";
    constexpr int kSamples = 45;
    constexpr int kSpike = 20; // 15:21
    struct Guest {
        const char* name;
        const char* device;
        const char* location;
    };
    static const Guest kGuests[] = {
        {"Amara Okafor", "Windows", "Lagos (NG)"},
        {"Bjørn Halvorsen", "Mac", "Bergen (NO)"},
        {"Chen Wei", "Windows", "Shanghai (CN)"},
        {"Daniela Ruiz", "iOS", "Bogotá (CO)"},
        {"Elif Yılmaz", "Android", "Istanbul (TR)"},
        {"Farid Haddad", "Windows", "Beirut (LB)"},
        {"Grace O'Neill", "Mac", "Dublin (IE)"},
        {"Hiroshi Sato", "Mac", "Tokyo (JP)"},
        {"Ines Moreau", "Windows", "Paris (FR)"},
        {"Jonas Becker", "Linux", "Berlin (DE)"},
        {"Kavya Nair", "Android", "Kochi (IN)"},
        {"Liam Walsh", "Windows", "Dublin (IE)"},
        {"Mei Lin", "iOS", "Taipei (TW)"},
        {"Noah Cohen", "Mac", "Tel Aviv (IL)"},
        {"Olga Petrova", "Windows", "Riga (LV)"},
        {"Pedro Alves", "Windows", "Lisbon (PT)"},
        {"<script>alert(1)</script>", "Windows", "Paris (FR)"},
        {"\"><img src=x onerror=alert(1)>", "<b>Windows</b>", "</title><script>alert(2)</script>"},
        {"Mallory \u202Egnp.exe", "Linux", "Nowhere \u2066(XX)\u2069"},
        {"Quinn Taylor", "Mac", "Toronto (CA)"},
        {"Rosa Jiménez", "Android", "Seville (ES)"},
    };
    const auto make_person = [&](std::size_t i, const Guest& guest, int first, int last) {
        const std::string n = std::to_string(30000001 + i);
        return Person{n,
                      "RptParticipant" + zero_padded(i + 1, 8),
                      guest.name,
                      "guest" + std::to_string(i + 1) + "@example.com",
                      guest.device,
                      guest.device,
                      i % 3 == 0 ? "6.2.11 (45208)"
                                 : (i % 3 == 1 ? "6.2.10 (44963)" : "6.1.5 (40211)"),
                      "pc-" + std::to_string(i + 1),
                      guest.location,
                      "198.51.100." + std::to_string(i + 10),
                      Json::array({"10.0.7." + std::to_string(i + 10)}),
                      minute_stamp(date, 15, first),
                      minute_stamp(date, 15, last + 1)};
    };
    // Everyone at the spike minute: Zoom's side, not theirs.
    const auto spike = [&](Json& qos, int at) {
        for (const char* stream : {"audio_input", "audio_output", "video_input", "video_output"}) {
            Json& s = qos[static_cast<std::size_t>(at)][stream];
            if (s.is_object() && s.value("latency", "") != "") {
                s["latency"] = "412 ms";
                s["avg_loss"] = "6.5%";
                s["max_loss"] = "12%";
            }
        }
    };
    for (std::size_t i = 0; i < std::size(kGuests); ++i) {
        const Guest& guest = kGuests[i];
        Profile p = profile(31000U + static_cast<std::uint32_t>(i), date, 15, 1, kSamples);
        p.base_latency_ms = 25 + static_cast<int>(i % 5) * 8;
        std::string health = "Good";
        Json issues = Json::array();
        if (i == 2 || i == 9 || i == 14) { // bad Wi-Fi, each at its own minutes
            p.base_latency_ms = 95;
            p.burst_at = i == 2 ? 7 : (i == 9 ? 31 : 39);
            health = "Warning";
            issues = Json::array({"High audio jitter", "High audio packet loss", "Poor Wi-Fi"});
        }
        if (i % 4 == 1 || i == 18) {
            p.camera_off = {0, kSamples - 1};
        }
        if (i == 5) {
            p.sharing = {10, 25};
        } else {
            p.watching_share = {10, 25};
        }
        Json qos = samples(p);
        for (Json& sample : qos) {
            // A shared screen reaches viewers at 15 fps here, clear of the 10 fps threshold.
            if (sample["as_output"].value("frame_rate", "") != "") {
                sample["as_output"]["frame_rate"] = "15 fps";
            }
        }
        if (i == 2 || i == 9 || i == 14) {
            for (Json& sample : qos) {
                sample["wifi_rssi"]["avg_rssi"] = -78;
                sample["wifi_rssi"]["min_rssi"] = -86;
            }
        }
        if (i == 7) { // a hot CPU from 15:11 on
            health = "Warning";
            issues = Json::array({"High CPU usage"});
            for (int m = 10; m < kSamples; ++m) {
                const double avg = 84.0 + noise(p.seed, m, 77U) * 12.0;
                qos[static_cast<std::size_t>(m)]["cpu_usage"] =
                    Json{{"zoom_min_cpu_usage", percent(avg * 0.8)},
                         {"zoom_avg_cpu_usage", percent(avg)},
                         {"zoom_max_cpu_usage", percent(std::min(avg * 1.1, 100.0))},
                         {"system_max_cpu_usage", "100%"}};
            }
        }
        if (i != 3) { // all but one, whose network path Zoom served well
            spike(qos, kSpike);
        }
        if (i == 10) {
            // Drops out at 15:16 and rejoins at 15:19 as a new session.
            Json first = Json::array();
            Json second = Json::array();
            for (std::size_t m = 0; m < qos.size(); ++m) {
                if (m < 15) {
                    first.push_back(qos[m]);
                } else if (m >= 18) {
                    second.push_back(qos[m]);
                }
            }
            event.participants.push_back(participant(make_person(i, guest, 0, 14),
                                                     EventKind::Webinar, event.id, health, issues,
                                                     std::move(first)));
            Person again = make_person(i, guest, 18, kSamples - 1);
            again.user_id = std::to_string(30000101);
            again.id = "RptParticipant00000101";
            event.participants.push_back(participant(again, EventKind::Webinar, event.id, health,
                                                     issues, std::move(second)));
            continue;
        }
        event.participants.push_back(participant(make_person(i, guest, 0, kSamples - 1),
                                                 EventKind::Webinar, event.id, health,
                                                 std::move(issues), std::move(qos)));
    }
    return event;
}

} // namespace

Dataset Dataset::standard() {
    Dataset dataset;
    Event webinar = ended_webinar();
    webinar.aliases = {std::string(kAllHandsUuid)};
    dataset.events_.push_back(std::move(webinar));
    // The first instance of the recurring webinar kRecurringWebinarId.
    dataset.events_.push_back(slash_uuid_webinar());
    Event live = live_webinar();
    live.aliases = {std::string(kLiveWebinarUuid)};
    dataset.events_.push_back(std::move(live));
    Event meeting = ended_meeting();
    meeting.aliases = {std::string(kMeetingUuid)};
    dataset.events_.push_back(std::move(meeting));
    dataset.events_.push_back(rejoin_webinar());
    // The recurring webinar's later instances: the bare number answers the
    // latest one only, as Zoom's does.
    dataset.events_.push_back(attended_event(EventKind::Webinar,
                                             std::string(kRecurringDoubleSlashUuid), {}, 8300U, 2,
                                             "2026-11-20", 10, 1));
    dataset.events_.push_back(attended_event(EventKind::Webinar, std::string(kRecurringLatestUuid),
                                             {std::string(kRecurringWebinarId)}, 8310U, 3,
                                             "2026-11-27", 10, 1));
    // October's: one early in the month and one across midnight into November.
    dataset.events_.push_back(attended_event(EventKind::Webinar, "84000000001",
                                             {"OcT5kIcK0fFaB1cD2eF3gH=="}, 8401U, 1, "2026-10-05",
                                             15, 1));
    dataset.events_.push_back(attended_event(EventKind::Webinar, "84000000002",
                                             {"HaL0wEeN9nIgHt8LaTe7sW=="}, 8402U, 2, "2026-10-31",
                                             23, 31));
    // The report's demo webinar; not in the event lists.
    dataset.events_.push_back(report_webinar());
    return dataset;
}

std::string generated_webinar_id(std::size_t copy) {
    return std::to_string(85000000000ULL + copy);
}

std::string generated_webinar_uuid(std::size_t copy) {
    if (copy == 0) {
        return std::string(kGeneratedWebinarUuid);
    }
    std::string uuid = "Gq5uN7rS9tUvWx1yZ2";
    uuid.append(zero_padded(copy, 4)).append("==");
    return uuid;
}

void Dataset::add_generated_webinars(std::size_t participants, std::size_t copies) {
    auto kinds = std::make_shared<std::vector<Json>>();
    for (std::size_t kind = 0; kind < std::min(participants, kGeneratedKinds); ++kind) {
        kinds->push_back(samples(generated_profile(kind)));
    }
    for (std::size_t copy = 0; copy < copies; ++copy) {
        Event event{EventKind::Webinar, generated_webinar_id(copy), EventState::Ended, {}};
        event.aliases = {generated_webinar_uuid(copy)};
        event.generated = participants;
        event.generated_samples = kinds;
        events_.push_back(std::move(event));
    }
}

void Dataset::add_generated_live_webinar(std::size_t participants) {
    Event event{EventKind::Webinar, std::string(kGeneratedLiveWebinarId), EventState::Live, {}};
    event.aliases = {std::string(kGeneratedLiveWebinarUuid)};
    event.generated = participants;
    // Every kind: with --churn, any participant number may come to be listed.
    auto kinds = std::make_shared<std::vector<Json>>();
    for (std::size_t kind = 0; participants > 0 && kind < kGeneratedKinds; ++kind) {
        kinds->push_back(samples(generated_profile(kind)));
    }
    event.generated_samples = kinds;
    events_.push_back(std::move(event));
}

const Event* Dataset::find_event(EventKind kind, std::string_view id) const {
    for (const Event& event : events_) {
        if (event.kind == kind &&
            (event.id == id ||
             std::find(event.aliases.begin(), event.aliases.end(), id) != event.aliases.end())) {
            return &event;
        }
    }
    return nullptr;
}

std::size_t participant_count(const Event& event) {
    return event.participants.size() + event.generated;
}

nlohmann::ordered_json participant_at(const Event& event, std::size_t index) {
    if (index < event.participants.size()) {
        return event.participants[index];
    }
    return generated_participant(event, event.generated_first + index - event.participants.size());
}

std::optional<nlohmann::ordered_json> find_participant(const Event& event,
                                                       std::string_view participant_id) {
    if (participant_id.empty()) {
        return std::nullopt;
    }
    for (const nlohmann::ordered_json& p : event.participants) {
        if (p.value("user_id", "") == participant_id || p.value("id", "") == participant_id) {
            return p;
        }
    }
    if (const auto index = generated_index(event, participant_id)) {
        return generated_participant(event, *index);
    }
    return std::nullopt;
}

} // namespace zoomqos::mock
