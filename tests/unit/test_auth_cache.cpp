#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/auth/cache.hpp"
#include "zoomqos/auth/credentials.hpp"
#include "zoomqos/auth/oauth.hpp"

#include "temp_dir.hpp"

using namespace zoomqos;
namespace fs = std::filesystem;

namespace {

using testing::TempDir;

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777U;
}

const auth::CacheKey kKey{"https://zoom.us", "acct", "client",
                          auth::credential_digest("acct", "client", "secret")};

auth::MintedToken token_expiring_at(std::int64_t expires_at) {
    return auth::MintedToken{"tok-123", expires_at, "dashboard_webinars:read:admin",
                             "https://api-eu.zoom.us"};
}

} // namespace

TEST_CASE("the cache directory follows XDG, else HOME, else none", "[auth][cache]") {
    CHECK(auth::cache_directory("/x/cache", "/home/me") == "/x/cache/zoomqos");
    CHECK(auth::cache_directory(nullptr, "/home/me") == "/home/me/.cache/zoomqos");
    // A relative XDG path is invalid per the XDG spec and ignored.
    CHECK(auth::cache_directory("rel/cache", "/home/me") == "/home/me/.cache/zoomqos");
    CHECK(auth::cache_directory("", nullptr).empty());
}

TEST_CASE("one cache file name per key, saying nothing about it", "[auth][cache]") {
    const std::string name = auth::cache_file_name("https://zoom.us", "acct", "client");
    CHECK(name.size() == std::string("token-0123456789abcdef.json").size());
    CHECK(name.rfind("token-", 0) == 0);
    CHECK(name.find("acct") == std::string::npos);
    CHECK(name == auth::cache_file_name("https://zoom.us", "acct", "client"));
    CHECK(name != auth::cache_file_name("https://zoom.us", "acct", "client2"));
    CHECK(name != auth::cache_file_name("https://zoomgov.com", "acct", "client"));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    CHECK(auth::cache_file_name("u", "ab", "c") != auth::cache_file_name("u", "a", "bc"));
}

TEST_CASE("the credential digest: SHA-256 hex, one per secret, never the secret", "[auth][cache]") {
    const std::string digest = auth::credential_digest("acct", "client", "s3cret-value");
    CHECK(digest.size() == 64);
    CHECK(digest.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(digest == auth::credential_digest("acct", "client", "s3cret-value"));
    CHECK(digest != auth::credential_digest("acct", "client", "s3cret-valuf"));
    CHECK(digest != auth::credential_digest("acct", "client2", "s3cret-value"));
    // The separators keep ("ab", "c") and ("a", "bc") apart.
    CHECK(auth::credential_digest("ab", "c", "s") != auth::credential_digest("a", "bc", "s"));
    // A fixed value, so that the file format cannot change by accident:
    // printf 'zoomqos token cache v1\0a\0b\0c' | sha256sum
    CHECK(auth::credential_digest("a", "b", "c") ==
          "c4d6fba8ef185495ff9fb5b5c204cb9deed22e46014f75888c8d6d5d554f825b");
}

TEST_CASE("a stored token loads back until a minute before it expires", "[auth][cache]") {
    TempDir dir;
    const std::string directory = (dir.path / "zoomqos").string();
    const std::string path = directory + "/token.json";
    REQUIRE(auth::store_cached_token(directory, path, kKey, token_expiring_at(10'000)).ok());
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(directory) == 0700);

    auto loaded = auth::load_cached_token(path, kKey, 9'000);
    REQUIRE(loaded.token.has_value());
    CHECK(loaded.token->access_token == "tok-123");
    CHECK(loaded.token->expires_at == 10'000);
    CHECK(loaded.token->scope == "dashboard_webinars:read:admin");
    CHECK(loaded.token->api_url == "https://api-eu.zoom.us");

    CHECK(auth::load_cached_token(path, kKey, 10'000 - 61).token.has_value());
    CHECK_FALSE(auth::load_cached_token(path, kKey, 10'000 - 60).token.has_value());
    CHECK(auth::load_cached_token(path, kKey, 10'000 - 60).reason ==
          "cached token expires within a minute");
}

TEST_CASE("an untrusted cache file is ignored", "[auth][cache]") {
    TempDir dir;
    const std::string directory = dir.path.string();
    const std::string path = directory + "/token.json";
    REQUIRE(auth::store_cached_token(directory, path, kKey, token_expiring_at(10'000)).ok());

    SECTION("missing") {
        fs::remove(path);
        CHECK(auth::load_cached_token(path, kKey, 0).reason == "no cache file");
    }
    SECTION("readable by others") {
        fs::permissions(path, fs::perms::others_read, fs::perm_options::add);
        CHECK(auth::load_cached_token(path, kKey, 0).reason ==
              "cache file is readable or writable by group or others");
    }
    SECTION("corrupt") {
        std::ofstream(path, std::ios::trunc) << "{\"access_token\": \"tok";
        CHECK(auth::load_cached_token(path, kKey, 0).reason == "cache file is corrupt");
    }
    SECTION("wrong types") {
        std::ofstream(path, std::ios::trunc)
            << R"({"oauth_url":"https://zoom.us","account_id":"acct","client_id":"client",)"
               R"("access_token":"t","expires_at":"soon","scope":"","api_url":""})";
        CHECK(auth::load_cached_token(path, kKey, 0).reason == "cache file is corrupt");
    }
    SECTION("for another key") {
        CHECK(auth::load_cached_token(
                  path, {"https://zoom.us", "acct", "other", kKey.credential_digest}, 0)
                  .reason == "cache file is for other credentials");
    }
    SECTION("for another client secret") {
        const auth::CacheKey other{kKey.oauth_url, kKey.account_id, kKey.client_id,
                                   auth::credential_digest("acct", "client", "secret2")};
        CHECK(auth::load_cached_token(path, other, 0).reason ==
              "cache file is for another client secret");
    }
    SECTION("a symlink") {
        const std::string link = directory + "/link.json";
        fs::create_symlink(path, link);
        CHECK_FALSE(auth::load_cached_token(link, kKey, 0).token.has_value());
    }
}

TEST_CASE("an expiry time out of range or not an integer is no valid cache", "[auth][cache]") {
    TempDir dir;
    const std::string path = (dir.path / "token.json").string();
    const std::int64_t now = 1'700'000'000;
    auto write_expiring_at = [&](const std::string& expires_at) {
        std::ofstream(path, std::ios::trunc)
            << R"({"oauth_url":"https://zoom.us","account_id":"acct","client_id":"client",)"
            << R"("credential_sha256":")" << kKey.credential_digest << R"(",)"
            << R"("access_token":"t","expires_at":)" << expires_at
            << R"(,"scope":"","api_url":""})";
        fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    };
    write_expiring_at(std::to_string(now + 3600));
    REQUIRE(auth::load_cached_token(path, kKey, now).token.has_value());

    // Each of these once passed `expires_at - 60 > now` by overflow or
    // conversion and was trusted for centuries.
    for (const std::string& expires_at : std::vector<std::string>{
             "-9223372036854775808", "-9223372036854775807", "9223372036854775807",
             "18446744073709551615", "-1e300", "1e300", "1700003600.5", "1.7e9", "-1", "0",
             std::to_string(now + std::int64_t{10} * 366 * 86400)}) {
        INFO("expires_at " << expires_at);
        write_expiring_at(expires_at);
        const auth::CacheLookup lookup = auth::load_cached_token(path, kKey, now);
        CHECK_FALSE(lookup.token.has_value());
        CHECK_FALSE(lookup.reason.empty());
    }
}

TEST_CASE("a valid token in an untrusted cache directory is ignored", "[auth][cache]") {
    TempDir dir;
    const std::string directory = (dir.path / "zoomqos").string();
    const std::string path = directory + "/token.json";
    REQUIRE(auth::store_cached_token(directory, path, kKey, token_expiring_at(10'000)).ok());
    REQUIRE(auth::load_cached_token(path, kKey, 0).token.has_value());

    SECTION("a symlinked directory") {
        const std::string link = (dir.path / "link").string();
        fs::create_directory_symlink(directory, link);
        const auth::CacheLookup lookup = auth::load_cached_token(link + "/token.json", kKey, 0);
        CHECK_FALSE(lookup.token.has_value());
        CHECK(lookup.reason == "cache directory is a symlink or not a directory");
    }
    SECTION("a directory others can write to") {
        fs::permissions(directory, fs::perms::all);
        const auth::CacheLookup lookup = auth::load_cached_token(path, kKey, 0);
        CHECK_FALSE(lookup.token.has_value());
        CHECK(lookup.reason == "cache directory is readable or writable by group or others");
    }
    SECTION("a directory of another user (only root can make one)") {
        if (::geteuid() == 0) {
            REQUIRE(::chown(directory.c_str(), 65534, 65534) == 0);
            const auth::CacheLookup lookup = auth::load_cached_token(path, kKey, 0);
            CHECK_FALSE(lookup.token.has_value());
            CHECK(lookup.reason == "cache directory is owned by another user");
        }
    }
}

TEST_CASE("storing replaces the file and leaves no temporary file", "[auth][cache]") {
    TempDir dir;
    const std::string path = (dir.path / "token.json").string();
    std::ofstream(path) << "old";
    fs::permissions(path, fs::perms::all);
    REQUIRE(
        auth::store_cached_token(dir.path.string(), path, kKey, token_expiring_at(10'000)).ok());
    CHECK(mode_of(path) == 0600);
    CHECK(auth::load_cached_token(path, kKey, 0).token.has_value());
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) {
        ++files;
    }
    CHECK(files == 1);
    auth::drop_cached_token(path);
    CHECK_FALSE(fs::exists(path));
}

TEST_CASE("the token request", "[auth][oauth]") {
    CHECK(auth::token_request_body("ab c&d=") ==
          "grant_type=account_credentials&account_id=ab%20c%26d%3D");
    const auth::S2SCredentials credentials{"https://zoom.us", "acct", "cid", "sec", "env X"};
    const http::Request request = auth::token_request(credentials, std::chrono::seconds(5));
    CHECK(request.method == http::Method::Post);
    CHECK(request.url == "https://zoom.us/oauth/token");
    REQUIRE(request.basic_auth.has_value());
    CHECK(request.basic_auth->user == "cid");
    CHECK(request.basic_auth->password == "sec");
    CHECK(request.bearer_token.empty());
}

TEST_CASE("the token response", "[auth][oauth]") {
    const auth::S2SCredentials credentials{"https://zoom.us", "acct", "cid", "the-secret",
                                           "env ZOOM_CLIENT_SECRET"};
    http::Response response;
    response.status = 200;
    response.body = R"({"access_token":"abc","token_type":"bearer","expires_in":3599,)"
                    R"("scope":"a b","api_url":"https://api-eu.zoom.us"})";
    auto token = auth::parse_token_response(response, credentials, 1000);
    REQUIRE(token.ok());
    CHECK(token->access_token == "abc");
    CHECK(token->expires_at == 4599);
    CHECK(token->scope == "a b");
    CHECK(token->api_url == "https://api-eu.zoom.us");

    response.body = R"({"access_token":"abc"})";
    CHECK(auth::parse_token_response(response, credentials, 0).error().kind ==
          ErrorKind::InvalidResponse);
    response.body = R"({"access_token":"a\nb","expires_in":5})";
    CHECK(auth::parse_token_response(response, credentials, 0).error().kind ==
          ErrorKind::InvalidResponse);

    // A refused request names the credential, never the secret, even if the
    // server echoes it.
    response.status = 401;
    response.body =
        R"({"reason":"Invalid client_id or client_secret the-secret","error":"invalid_client"})";
    const Error refused = auth::parse_token_response(response, credentials, 0).error();
    CHECK(refused.kind == ErrorKind::Auth);
    CHECK(
        refused.message ==
        "the token request to https://zoom.us was refused: Invalid client_id or client_secret ***");
    CHECK(refused.hint ==
          "check the client ID (cid) and the client secret (from env ZOOM_CLIENT_SECRET)");
    response.status = 400;
    response.body = R"({"reason":"Invalid account_id","error":"invalid_request"})";
    CHECK(auth::parse_token_response(response, credentials, 0)
              .error()
              .hint.rfind("check the account ID (acct)", 0) == 0);
    response.status = 503;
    response.body = "";
    CHECK(auth::parse_token_response(response, credentials, 0).error().kind == ErrorKind::Network);
}

TEST_CASE("a token request that reached no OAuth server points at the OAuth URL", "[auth][oauth]") {
    const auth::S2SCredentials credentials{"https://api.zoom.us/v2", "acct", "cid", "the-secret",
                                           "env ZOOM_CLIENT_SECRET"};
    const std::string hint = "check the OAuth URL (ZOOM_OAUTH_URL or --oauth-url): it is Zoom's "
                             "OAuth host, https://zoom.us by default, not the API URL";
    http::Response response;
    // The API host's own 401 shape, and a 404 of any shape.
    for (const auto& [status, body] : std::vector<std::pair<long, std::string>>{
             {401, R"({"code":124,"message":"Invalid access token."})"},
             {401, "<html>Unauthorized</html>"},
             {404, R"({"code":404,"message":"Not Found"})"},
             {404, ""}}) {
        response.status = status;
        response.body = body;
        const Error error = auth::parse_token_response(response, credentials, 0).error();
        CHECK(error.kind == ErrorKind::Auth);
        CHECK(error.http_status == status);
        CHECK(error.message == "the token request to https://api.zoom.us/v2/oauth/token was not "
                               "answered by an OAuth server");
        CHECK(error.hint == hint);
    }
    // Zoom's OAuth refusal still blames the credentials.
    response.status = 401;
    response.body = R"({"reason":"Invalid client_id or client_secret","error":"invalid_client"})";
    CHECK(auth::parse_token_response(response, credentials, 0)
              .error()
              .hint.starts_with("check the client ID (cid)"));
}

TEST_CASE("the QoS scopes", "[auth][oauth]") {
    CHECK(auth::has_qos_scope("dashboard_webinars:read:admin"));
    CHECK(auth::has_qos_scope("user:read:admin dashboard_meetings:read:admin"));
    CHECK(auth::has_qos_scope("dashboard:read:webinar_participant_qos:admin"));
    CHECK_FALSE(auth::has_qos_scope("user:read:admin meeting:read:admin"));
    CHECK_FALSE(auth::has_qos_scope("dashboard_webinars:read"));
    CHECK_FALSE(auth::has_qos_scope(""));
}

TEST_CASE("credential precedence: token file, then env token, then S2S", "[auth]") {
    auth::S2SInputs s2s;
    s2s.account_id = "a";
    s2s.client_id = "c";
    s2s.client_secret = "s";
    s2s.account_id_source = "flag";
    s2s.client_id_source = "env ZOOM_CLIENT_ID";
    s2s.secret_source = "config /x.toml";

    auto from_env = auth::resolve_credentials(std::nullopt, "tok", s2s);
    REQUIRE(from_env.ok());
    REQUIRE(from_env->static_token.has_value());
    CHECK(from_env->source == "env ZOOM_ACCESS_TOKEN");

    auto from_s2s = auth::resolve_credentials(std::nullopt, "  ", s2s);
    REQUIRE(from_s2s.ok());
    CHECK_FALSE(from_s2s->static_token.has_value());
    CHECK(from_s2s->s2s.client_secret == "s");
    CHECK(from_s2s->source == "Server-to-Server OAuth (account ID from flag, client ID from env "
                              "ZOOM_CLIENT_ID, client secret from config /x.toml)");

    s2s.client_secret = {};
    auto incomplete = auth::resolve_credentials(std::nullopt, nullptr, s2s);
    REQUIRE_FALSE(incomplete.ok());
    CHECK(incomplete.error().kind == ErrorKind::Auth);
    CHECK(incomplete.error().message.find("missing the client secret") != std::string::npos);

    auto none = auth::resolve_credentials(std::nullopt, nullptr, auth::S2SInputs{});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.rfind("no credentials", 0) == 0);
}
