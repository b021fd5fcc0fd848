#include <catch2/catch.hpp>

#include "zoomqos/api/response.hpp"

using namespace zoomqos;
using api::RequestContext;

namespace {

http::Response response(long status, std::string body) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

RequestContext live_webinar() {
    RequestContext context;
    context.event_id = "81234567890";
    context.participant_id = "16778240";
    return context;
}

} // namespace

TEST_CASE("Zoom's error body is read when it is one", "[response]") {
    auto error = api::parse_zoom_error(R"({"code":3001,"message":"Webinar does not exist."})");
    CHECK(error.code == 3001);
    CHECK(error.message == "Webinar does not exist.");
    CHECK_FALSE(api::parse_zoom_error("<html>502 Bad Gateway</html>").code);
    CHECK_FALSE(api::parse_zoom_error("").code);
    CHECK_FALSE(api::parse_zoom_error(R"({"code":"x"})").code);
    CHECK(api::parse_zoom_error("{\"code\":1,\"message\":\"a\\u001b[2Jb\\nc\"}").message ==
          "a?[2Jb?c");
}

TEST_CASE("statuses and Zoom codes map to exit-code kinds", "[response]") {
    struct Case {
        long status;
        const char* body;
        ErrorKind kind;
    };
    const Case cases[] = {
        {404, R"({"code":3001,"message":"x"})", ErrorKind::NotFound},
        {300, R"({"code":300,"message":"x"})", ErrorKind::NotFound},
        {401, R"({"code":124,"message":"Invalid access token."})", ErrorKind::Auth},
        {403, "", ErrorKind::Auth},
        {400, R"({"code":4700,"message":"Invalid access token, does not contain scopes."})",
         ErrorKind::Auth},
        {400, R"({"code":12702,"message":"x"})", ErrorKind::Api},
        {400, R"({"code":200,"message":"Only available for Paid account."})", ErrorKind::Api},
        {429, R"({"code":429,"message":"x"})", ErrorKind::RateLimited},
        {500, "", ErrorKind::Network},
        {502, "<html>Bad Gateway</html>", ErrorKind::Network},
        {302, "", ErrorKind::Api},
        {418, "", ErrorKind::Api},
    };
    for (const auto& c : cases) {
        INFO(c.status << " " << c.body);
        CHECK(api::error_from_response(response(c.status, c.body), live_webinar()).kind == c.kind);
    }
}

TEST_CASE("a 3001 on a live request hints at --type past", "[response]") {
    auto r = response(404, R"({"code":3001,"message":"Webinar does not exist: 81234567890."})");
    r.headers.emplace_back("x-zm-trackingid", "WEB_abc");
    const Error error = api::error_from_response(r, live_webinar());
    CHECK(error.message == "webinar or participant not found");
    CHECK(error.http_status == 404);
    CHECK(error.zoom_code == 3001);
    CHECK(error.zoom_message == "Webinar does not exist: 81234567890.");
    CHECK(error.tracking_id == "WEB_abc");
    CHECK_THAT(error.hint, Catch::Contains("--type past"));

    RequestContext past = live_webinar();
    past.type = api::QosType::Past;
    past.kind = api::EventKind::Meeting;
    const Error after = api::error_from_response(r, past);
    CHECK(after.message == "meeting or participant not found");
    CHECK_THAT(after.hint, !Catch::Contains("--type past only"));
    CHECK_THAT(after.hint, Catch::Contains("has ended"));
}

TEST_CASE("hints name what to check", "[response]") {
    CHECK_THAT(api::error_from_response(response(401, R"({"code":124})"), live_webinar()).hint,
               Catch::Contains("ZOOM_ACCESS_TOKEN"));
    CHECK_THAT(api::error_from_response(response(400, R"({"code":4700})"), live_webinar()).hint,
               Catch::Contains("dashboard_webinars:read:admin"));
    CHECK_THAT(api::error_from_response(response(400, R"({"code":200})"), live_webinar()).hint,
               Catch::Contains("Business"));
    auto redirect = response(302, "");
    redirect.headers.emplace_back("Location", "https://elsewhere.example/");
    CHECK_THAT(api::error_from_response(redirect, live_webinar()).hint,
               Catch::Contains("https://elsewhere.example/"));
}

TEST_CASE("a rejected next page token says tokens expire", "[response]") {
    RequestContext page = live_webinar();
    page.participant_id.clear();
    page.next_page = true;
    const auto expired = api::error_from_response(
        response(300, R"({"code":300,"message":"The next page token is invalid or expired."})"),
        page);
    CHECK(expired.kind == ErrorKind::NotFound);
    CHECK(expired.message == "Zoom rejected the next page token");
    CHECK_THAT(expired.hint, Catch::Contains("15 minutes"));

    // The same status on the first page is about access, not the token.
    page.next_page = false;
    const auto first = api::error_from_response(response(300, R"({"code":300})"), page);
    CHECK_THAT(first.hint, !Catch::Contains("15 minutes"));
}
