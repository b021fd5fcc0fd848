#include <catch2/catch.hpp>

#include "zoomqos/config/settings.hpp"

using namespace zoomqos;
using config::SourceKind;

TEST_CASE("flags beat env beats config beats defaults", "[config]") {
    CHECK(config::pick_source(true, "env", true) == SourceKind::Flag);
    CHECK(config::pick_source(false, "env", true) == SourceKind::Env);
    CHECK(config::pick_source(false, "", true) == SourceKind::Config);
    CHECK(config::pick_source(false, nullptr, true) == SourceKind::Config);
    CHECK(config::pick_source(false, nullptr, false) == SourceKind::Default);
}

TEST_CASE("sources describe themselves", "[config]") {
    CHECK(config::Source{SourceKind::Flag, {}}.describe() == "flag");
    CHECK(config::Source{SourceKind::Env, "ZOOM_API_URL"}.describe() == "env ZOOM_API_URL");
    CHECK(config::Source{SourceKind::Config, "/c.toml"}.describe() == "config /c.toml");
    CHECK(config::Source{}.describe() == "default");
}

TEST_CASE("secrets display as ***", "[config]") {
    config::Setting secret{"client-secret", "hunter2", {}, true};
    CHECK(secret.display_value() == "***");
    secret.value.clear();
    CHECK(secret.display_value().empty());
    const config::Setting plain{"api-url", "https://x", {}, false};
    CHECK(plain.display_value() == "https://x");
}

TEST_CASE("the default config path", "[config]") {
    CHECK(config::default_config_path("/xdg", "/home/me") == "/xdg/zoomqos/config.toml");
    CHECK(config::default_config_path(nullptr, "/home/me") ==
          "/home/me/.config/zoomqos/config.toml");
    CHECK(config::default_config_path("relative", "/home/me") ==
          "/home/me/.config/zoomqos/config.toml");
    CHECK(config::default_config_path(nullptr, nullptr).empty());
}

TEST_CASE("well-formed config files pass the syntax check", "[config]") {
    CHECK_FALSE(config::check_config_syntax("").has_value());
    CHECK_FALSE(config::check_config_syntax("# comment\n\n; also\n"
                                            "api-url = \"https://x/v2\"  # trailing\n"
                                            "timeout = 5\n"
                                            "verbose = true\n"
                                            "type = 'past'\n"
                                            "[section]\n"
                                            "escaped = \"a \\\" b\"\n")
                    .has_value());
}

TEST_CASE("malformed lines are found with their line number", "[config]") {
    auto problem = config::check_config_syntax("a = 1\nb = \"open\n");
    REQUIRE(problem.has_value());
    CHECK(problem->line == 2);
    CHECK(problem->what == "an unterminated string, or text after it");

    CHECK(config::check_config_syntax("a = 1\n\njust words\n")->line == 3);
    CHECK(config::check_config_syntax("a =\n")->what == "a key without a value");
    CHECK(config::check_config_syntax("= 5\n")->line == 1);
    CHECK(config::check_config_syntax("a = two words\n")->line == 1);
    CHECK(config::check_config_syntax("a = \"x\" trailing\n")->line == 1);
    CHECK(config::check_config_syntax("[open\n")->what == "a malformed [section] line");
    CHECK(config::check_config_syntax("a = [1, 2\n")->what == "an unterminated array");
}

TEST_CASE("every key is set once, to one value", "[config]") {
    auto twice = config::check_config_syntax("a = 1\n# b = 1\nb = 2\nclient-secret = \"x\"\n"
                                             "client-secret = \"y\"\n");
    REQUIRE(twice.has_value());
    CHECK(twice->line == 5);
    CHECK(twice->what == "'client-secret' is set twice (first on line 4)");
    CHECK(config::check_config_syntax("a = 1\nb = 1\n a=2\n")->line == 3);

    auto array = config::check_config_syntax("a = 1\nclient-secret = [\"x\", \"y\"]\n");
    REQUIRE(array.has_value());
    CHECK(array->line == 2);
    CHECK(array->what == "'client-secret' takes one value, not an array");
    CHECK(config::check_config_syntax("rate = []\n")->line == 1);
    // A '[' inside a string is text, not an array.
    CHECK_FALSE(config::check_config_syntax("a = \"[1]\"\n").has_value());
}

TEST_CASE("a bad value is echoed cut to 80 characters", "[config]") {
    CHECK(config::shorten_value("short") == "short");
    CHECK(config::shorten_value(std::string(80, 'x')) == std::string(80, 'x'));
    CHECK(config::shorten_value(std::string(81, 'x')) == std::string(80, 'x') + "...");
    CHECK(config::kMaxConfigFileBytes == std::size_t{1024} * 1024);
}

TEST_CASE("keys are found by line", "[config]") {
    const char* text = "# c\napi-url = 1\n  timeout=2\nflag\n";
    CHECK(config::find_key_line(text, "api-url") == 2);
    CHECK(config::find_key_line(text, "timeout") == 3);
    CHECK(config::find_key_line(text, "flag") == 4);
    CHECK(config::find_key_line(text, "api") == 0);
}
