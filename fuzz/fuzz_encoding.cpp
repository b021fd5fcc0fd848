// Path-segment encoding, by property: decoding the encoded segment gives back
// exactly the input ID, the encoded text holds no character that could end or
// split a segment, and the request path never gains or loses a segment.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "zoomqos/api/url.hpp"

namespace api = zoomqos::api;

namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size()) {
                std::abort(); // a truncated escape: the encoder never makes one
            }
            const int high = hex(text[i + 1]);
            const int low = hex(text[i + 2]);
            if (high < 0 || low < 0) {
                std::abort();
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string id(reinterpret_cast<const char*>(data), size);

    const std::string segment = api::encode_segment(id);
    require(segment.find_first_of("/?#") == std::string::npos);
    require(segment != "." && segment != "..");
    require(decode(segment) == id);

    const std::string event = api::encode_event_id(id);
    require(event.find_first_of("/?#") == std::string::npos);
    const bool twice = (!id.empty() && id.front() == '/') || id.find("//") != std::string::npos;
    require((twice ? decode(decode(event)) : decode(event)) == id);

    const std::string url = api::participant_qos_url(
        "https://api.zoom.us/v2", api::EventKind::Webinar, id, id, api::QosType::Past);
    // https: + "" + host + v2 + metrics + webinars + ID + participants + ID + qos?type=past
    require(std::count(url.begin(), url.end(), '/') == 9);
    require(std::count(url.begin(), url.end(), '?') == 1);
    require(url.find('#') == std::string::npos);
    return 0;
}
