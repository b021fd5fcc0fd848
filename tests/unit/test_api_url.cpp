#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/api/url.hpp"

using namespace zoomqos::api;

TEST_CASE("path segments keep only RFC 3986 unreserved characters", "[url]") {
    CHECK(encode_segment("16778240") == "16778240");
    CHECK(encode_segment("AZaz09-._~") == "AZaz09-._~");
    CHECK(encode_segment("a/b") == "a%2Fb");
    CHECK(encode_segment("a?type=past") == "a%3Ftype%3Dpast");
    CHECK(encode_segment("a#b") == "a%23b");
    CHECK(encode_segment("x+y=") == "x%2By%3D");
    CHECK(encode_segment("%2F") == "%252F");
    CHECK(encode_segment("a b") == "a%20b");
    CHECK(encode_segment("Zoë") == "Zo%C3%AB");
    CHECK(encode_segment(std::string("a\0b", 3)) == "a%00b");
    CHECK(encode_segment("a..b") == "a..b");
}

TEST_CASE("dot-only segments are encoded so normalisation cannot remove them", "[url]") {
    CHECK(encode_segment(".") == "%2E");
    CHECK(encode_segment("..") == "%2E%2E");
    CHECK(encode_segment("...") == "%2E%2E%2E");
}

TEST_CASE("event IDs beginning with / or containing // are encoded twice", "[url]") {
    CHECK(encode_event_id("/abc==") == "%252Fabc%253D%253D");
    CHECK(encode_event_id("ab//c=") == "ab%252F%252Fc%253D");
    CHECK(encode_event_id("abc/d==") == "abc%2Fd%3D%3D");
    CHECK(encode_event_id("4444AAAiAAAAAiAiAiiAii==") == "4444AAAiAAAAAiAiAiiAii%3D%3D");
    CHECK(encode_event_id("81234567890") == "81234567890");
}

TEST_CASE("the participant QoS URL has exactly the expected segments", "[url]") {
    CHECK(
        participant_qos_url("https://api.zoom.us/v2", EventKind::Webinar, "81234567890", "16778240",
                            QosType::Past) ==
        "https://api.zoom.us/v2/metrics/webinars/81234567890/participants/16778240/qos?type=past");
    CHECK(participant_qos_url("http://127.0.0.1:8080/v2", EventKind::Meeting,
                              "/abc==", "a/b?c#d..e", QosType::Live) ==
          "http://127.0.0.1:8080/v2/metrics/meetings/%252Fabc%253D%253D/participants/"
          "a%2Fb%3Fc%23d..e/qos?type=live");
}

TEST_CASE("base URLs: https anywhere, http only on loopback", "[url]") {
    auto accepted = [](const char* url) {
        auto result = validate_base_url(url, "--api-url");
        INFO(url << ": " << (result ? std::string() : result.error().message));
        REQUIRE(result.ok());
        return *result;
    };
    auto refused = [](const char* url) {
        auto result = validate_base_url(url, "--api-url");
        INFO(url);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == zoomqos::ErrorKind::Usage);
        return result.error().message;
    };
    CHECK(accepted("https://api.zoom.us/v2") == "https://api.zoom.us/v2");
    CHECK(accepted("https://api-eu.zoom.us/v2/") == "https://api-eu.zoom.us/v2");
    CHECK(accepted("http://127.0.0.1:8080/v2") == "http://127.0.0.1:8080/v2");
    CHECK(accepted("http://localhost/v2") == "http://localhost/v2");
    CHECK(accepted("http://[::1]:9/v2") == "http://[::1]:9/v2");
    CHECK_THAT(refused("http://api.zoom.us/v2"), Catch::Contains("unencrypted"));
    CHECK_THAT(refused("http://10.0.0.1/v2"), Catch::Contains("refusing plain http://"));
    CHECK_THAT(refused("ftp://127.0.0.1/v2"), Catch::Contains("unsupported scheme 'ftp'"));
    CHECK_THAT(refused("api.zoom.us/v2"), Catch::Contains("not a valid URL"));
    CHECK_THAT(refused("garbage"), Catch::Contains("--api-url"));
    CHECK_THAT(refused(""), Catch::Contains("empty"));
    CHECK_THAT(refused("https://user:pw@api.zoom.us/v2"), Catch::Contains("credentials"));
    CHECK_THAT(refused("https://api.zoom.us/v2?x=1"), Catch::Contains("query"));
}

TEST_CASE("list URLs carry type, page size and an encoded page token", "[url]") {
    CHECK(participants_qos_url("https://api.zoom.us/v2", EventKind::Webinar, "81234567890",
                               QosType::Past, 10, "") ==
          "https://api.zoom.us/v2/metrics/webinars/81234567890/"
          "participants/qos?type=past&page_size=10");
    CHECK(participants_qos_url("https://api.zoom.us/v2", EventKind::Meeting, "/ab==", QosType::Live,
                               1, "Tk+n/x=&y") ==
          "https://api.zoom.us/v2/metrics/meetings/%252Fab%253D%253D/participants/qos"
          "?type=live&page_size=1&next_page_token=Tk%2Bn%2Fx%3D%26y");
}
