#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/http/url.hpp"

using zoomqos::ErrorKind;
using zoomqos::http::is_loopback_host;
using zoomqos::http::parse_url;

TEST_CASE("every part of a full URL", "[http][url]") {
    const auto url = parse_url("https://user:pw@api.zoom.us:8443/v2/x?a=1#frag");
    REQUIRE(url.ok());
    CHECK(url->scheme == "https");
    CHECK(url->user == "user");
    CHECK(url->password == "pw");
    CHECK(url->host == "api.zoom.us");
    CHECK(url->port == "8443");
    CHECK(url->path == "/v2/x");
    CHECK(url->query == "a=1");
    CHECK(url->fragment == "frag");
}

TEST_CASE("parts a URL lacks are absent, and the path is at least /", "[http][url]") {
    const auto url = parse_url("https://api.zoom.us");
    REQUIRE(url.ok());
    CHECK(url->scheme == "https");
    CHECK(url->host == "api.zoom.us");
    CHECK(url->path == "/");
    CHECK_FALSE(url->user);
    CHECK_FALSE(url->password);
    CHECK_FALSE(url->port);
    CHECK_FALSE(url->query);
    CHECK_FALSE(url->fragment);
}

TEST_CASE("an IPv6 host keeps its brackets", "[http][url]") {
    const auto url = parse_url("http://[::1]:9/v2");
    REQUIRE(url.ok());
    CHECK(url->host == "[::1]");
    CHECK(url->port == "9");
    CHECK(url->path == "/v2");
}

TEST_CASE("the scheme is lower-cased and any scheme parses", "[http][url]") {
    // Which schemes are acceptable is the caller's decision (api: https, or
    // http on loopback).
    CHECK(parse_url("HTTPS://api.zoom.us/v2")->scheme == "https");
    CHECK(parse_url("ftp://127.0.0.1/v2")->scheme == "ftp");
}

TEST_CASE("URLs libcurl refuses are usage errors", "[http][url]") {
    for (const char* text :
         {"api.zoom.us/v2", "garbage", "", "https://a b/", "https://api.zoom.us:99999/"}) {
        INFO(text);
        const auto url = parse_url(text);
        REQUIRE_FALSE(url.ok());
        CHECK(url.error().kind == ErrorKind::Usage);
        CHECK_FALSE(url.error().message.empty());
    }
}

TEST_CASE("loopback hosts", "[http][url]") {
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.255.0.9"));
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("[::1]"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("128.0.0.1"));
    CHECK_FALSE(is_loopback_host("127.0.0.1.example.com"));
    CHECK_FALSE(is_loopback_host("127.1"));
    CHECK_FALSE(is_loopback_host("127.0.0.256"));
    CHECK_FALSE(is_loopback_host("localhost.example.com"));
    CHECK_FALSE(is_loopback_host("example.com"));
    CHECK_FALSE(is_loopback_host("[::2]"));
    CHECK_FALSE(is_loopback_host(""));
}
