#include "details.hpp"

#include <array>
#include <string_view>

#include <httplib.h>

#include "pages.hpp"
#include "reply.hpp"

namespace zoomqos::mock {

namespace {

// Zoom's page sizes for the Dashboard's detail lists: 30 by default, 300 at most.
constexpr int kDefaultPageSize = 30;
constexpr int kMaxPageSize = 300;

constexpr std::array<std::string_view, 5> kNetworks = {"Wired", "Wifi", "Cellular", "PPP",
                                                       "Others"};
constexpr std::array<std::string_view, 3> kDataCenters = {"Frankfurt (DE)", "Amsterdam (NL)",
                                                          "San Jose (US)"};
constexpr std::array<std::string_view, 4> kQualities = {"good", "fair", "poor", "bad"};

std::string text(const Json& participant, const char* key) {
    const auto it = participant.find(key);
    return it != participant.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

Json details_session(const Json& participant, std::size_t index, EventKind kind) {
    const std::string device = text(participant, "device");
    const bool troubled = text(participant, "health") == "Warning";
    Json session = Json::object();
    session["id"] = text(participant, "id");
    session["user_id"] = text(participant, "user_id");
    session["user_name"] = text(participant, "user_name");
    session["participant_uuid"] = "pu-" + std::to_string(index);
    session["device"] = device;
    session["ip_address"] = text(participant, "ip_address");
    session["location"] = text(participant, "location");
    // Zoom sends network_type in the QoS body too, at times: the same value here.
    const std::string qos_network = text(participant, "network_type");
    session["network_type"] =
        qos_network.empty() ? std::string(kNetworks[index % kNetworks.size()]) : qos_network;
    session["data_center"] = std::string(kDataCenters[index % kDataCenters.size()]);
    session["full_data_center"] = std::string(kDataCenters[index % kDataCenters.size()]) + ";";
    session["connection_type"] = index % 4 == 3 ? "SSL" : "UDP";
    session["join_time"] = text(participant, "join_time");
    session["leave_time"] = text(participant, "leave_time");
    session["leave_reason"] =
        text(participant, "leave_time").empty() ? "" : "left the webinar by themselves.";
    session["share_application"] = false;
    session["share_desktop"] = index % 5 == 0;
    session["share_whiteboard"] = false;
    session["recording"] = false;
    session["pc_name"] = text(participant, "pc_name");
    session["domain"] = "";
    session["mac_addr"] = "";
    session["harddisk_id"] = "";
    session["version"] = text(participant, "version");
    session["os"] = device;
    session["os_version"] = device == "Mac" ? "15.1" : device == "Windows" ? "11" : "";
    session["microphone"] = "Built-in Microphone";
    session["speaker"] = "Built-in Speakers";
    if (kind == EventKind::Meeting) {
        session["camera"] = "FaceTime HD Camera";
    }
    session["audio_quality"] = std::string(kQualities[troubled ? 2 : index % 2]);
    session["video_quality"] = std::string(kQualities[index % 2]);
    session["screen_share_quality"] = "";
    session["role"] = index == 0 ? "host" : "attendee";
    return session;
}

void serve_details_page(const httplib::Request& req, httplib::Response& res, const Event& event,
                        const std::string& type) {
    Listing listing;
    listing.scope = "details|" + event_title(event.kind) + "|" + event.id + "|" + type;
    listing.default_page_size = kDefaultPageSize;
    listing.max_page_size = kMaxPageSize;
    if (!event.details.empty()) {
        listing.total = event.details.size();
        listing.item = [&event](std::size_t i) {
            return event.details[i];
        };
    } else {
        // Not in the QoS list's order: a client must join by IDs, not by position.
        const std::size_t total = participant_count(event);
        listing.total = total;
        listing.item = [&event, total](std::size_t i) {
            const std::size_t index = total - 1 - i;
            return details_session(participant_at(event, index), index, event.kind);
        };
    }
    serve_listing(req, res, listing);
}

} // namespace zoomqos::mock
