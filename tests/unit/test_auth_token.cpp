#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "zoomqos/auth/token.hpp"

#include "temp_dir.hpp"

using namespace zoomqos;
namespace fs = std::filesystem;

namespace {

using testing::TempDir;

} // namespace

TEST_CASE("a token file's first line, trimmed, is the token", "[auth]") {
    TempDir dir;
    auto token = auth::read_token_file(dir.write("t", "  abc.def-ghi \r\nsecond line\n"));
    REQUIRE(token.ok());
    CHECK(*token == "abc.def-ghi");
    auto no_newline = auth::read_token_file(dir.write("u", "xyz"));
    REQUIRE(no_newline.ok());
    CHECK(*no_newline == "xyz");
}

TEST_CASE("unusable token files are auth errors naming the path", "[auth]") {
    TempDir dir;
    auto check = [](const std::string& path, const char* why) {
        auto token = auth::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().kind == ErrorKind::Auth);
        CHECK_THAT(token.error().message, Catch::Contains(path) && Catch::Contains(why));
    };
    check((dir.path / "missing").string(), "No such file");
    check(dir.path.string(), "directory");
    check(dir.write("empty", ""), "empty");
    check(dir.write("blank", "\n\nabc"), "empty");
    check(dir.write("ctl", "abc\x1b"
                           "def\n"),
          "control characters");
}

TEST_CASE("a token file beats ZOOM_ACCESS_TOKEN; the source never holds the value", "[auth]") {
    TempDir dir;
    const std::string file = dir.write("t", "from-file\n");
    auto token = auth::resolve_static_token(file, "from-env");
    REQUIRE(token.ok());
    CHECK(token->value == "from-file");
    CHECK(token->source == "--token-file " + file);

    auto env = auth::resolve_static_token(std::nullopt, " from-env ");
    REQUIRE(env.ok());
    CHECK(env->value == "from-env");
    CHECK(env->source == "env ZOOM_ACCESS_TOKEN");
}

TEST_CASE("no token at all says which variable to set", "[auth]") {
    for (const char* env : {static_cast<const char*>(nullptr), "", "   "}) {
        auto token = auth::resolve_static_token(std::nullopt, env);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().kind == ErrorKind::Auth);
        CHECK_THAT(token.error().message, Catch::Contains("ZOOM_ACCESS_TOKEN"));
    }
    CHECK_FALSE(auth::resolve_static_token(std::nullopt, "a\nb").ok());
}
