#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/errors.hpp"

using zoomqos::Error;
using zoomqos::ErrorKind;

TEST_CASE("every error kind has its documented exit code", "[errors]") {
    CHECK(zoomqos::exit_code(ErrorKind::Api) == 1);
    CHECK(zoomqos::exit_code(ErrorKind::Internal) == 1);
    CHECK(zoomqos::exit_code(ErrorKind::Usage) == 2);
    CHECK(zoomqos::exit_code(ErrorKind::Auth) == 3);
    CHECK(zoomqos::exit_code(ErrorKind::NotFound) == 4);
    CHECK(zoomqos::exit_code(ErrorKind::RateLimited) == 5);
    CHECK(zoomqos::exit_code(ErrorKind::Network) == 6);
    CHECK(zoomqos::exit_code(ErrorKind::InvalidResponse) == 7);
    CHECK(zoomqos::exit_code(ErrorKind::Threshold) == 8);
}

TEST_CASE("an error formats as one line plus the details it has", "[errors]") {
    SECTION("message only") {
        CHECK(zoomqos::format_error(zoomqos::make_error(ErrorKind::Auth, "no access token")) ==
              "zoomqos: error: no access token\n");
    }
    SECTION("every layer") {
        Error error = zoomqos::make_error(ErrorKind::NotFound, "webinar or participant not found");
        error.http_status = 404;
        error.zoom_code = 3001;
        error.zoom_message = "Webinar does not exist: 1.";
        error.tracking_id = "v=2.0;clid=us05;rid=WEB_1";
        error.hint = "try --type past";
        CHECK(zoomqos::format_error(error) ==
              "zoomqos: error: webinar or participant not found (HTTP 404, Zoom code 3001)\n"
              "  Zoom says: Webinar does not exist: 1.\n"
              "  tracking id: v=2.0;clid=us05;rid=WEB_1\n"
              "hint: try --type past\n");
    }
    SECTION("no part reaches the terminal with a control character") {
        Error error = zoomqos::make_error(ErrorKind::Usage, "bad id '\x1b]0;t\x07'");
        error.zoom_message = "a\x1b[2Jb";
        error.tracking_id = std::string("x\0y", 3);
        error.hint = "see \xE2\x80\xAE"
                     "evil";
        CHECK(zoomqos::format_error(error) == "zoomqos: error: bad id '?]0;t?'\n"
                                              "  Zoom says: a?[2Jb\n"
                                              "  tracking id: x?y\n"
                                              "hint: see ?evil\n");
    }
    SECTION("Zoom code without an HTTP status") {
        Error error = zoomqos::make_error(ErrorKind::Api, "odd");
        error.zoom_code = 200;
        CHECK(zoomqos::format_error(error) == "zoomqos: error: odd (Zoom code 200)\n");
    }
}

TEST_CASE("Result holds a value or an error", "[errors]") {
    zoomqos::Result<int> good = 42;
    REQUIRE(good.ok());
    CHECK(*good == 42);
    zoomqos::Result<int> bad = zoomqos::make_error(ErrorKind::Network, "refused");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == ErrorKind::Network);
    CHECK(bad.error().message == "refused");
}
