#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/units.hpp"

namespace units = zoomqos::model::units;
using zoomqos::model::Json;
using zoomqos::model::Resolution;

namespace {

// Catch prints std::optional as "{?}". The shortest round-trip text of a double is unique to
// it, so comparing these strings is as exact as comparing the values, and failures are readable.
std::string shown(const std::optional<double>& value) {
    if (!value) {
        return "nullopt";
    }
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *value);
    return std::string(buffer.data(), result.ptr);
}

std::string shown(const std::optional<Resolution>& value) {
    return value ? std::to_string(value->width) + "x" + std::to_string(value->height) : "nullopt";
}

std::string digits(std::size_t count) {
    return std::string(count, '9');
}

} // namespace

TEST_CASE("bitrates in every spelling Zoom uses", "[units]") {
    const auto [text, expected] = GENERATE(table<std::string, double>({
        {"23 kbps", 23.0},
        {"27.15kbps", 27.15},
        {"0 kbps", 0.0},
        {"1.2 Mbps", 1200.0},
        {"1.005 Mbps", 1005.0}, // 1.005 * 1000 would be 1004.9999999999999
        {"2 Gbps", 2000000.0},
        {"500 bps", 0.5},
        {"23", 23.0},
        {"27.15", 27.15},
        {"007 kbps", 7.0},
        {"23 KBPS", 23.0},
        {"23 Kbps", 23.0},
        {"1.2 mbps", 1200.0},
        {"1.2 MBPS", 1200.0},
        {"  23 kbps  ", 23.0},
        {"\t23\tkbps\n", 23.0},
        {"23     kbps", 23.0},
        {"99999999999999999999 kbps", 1e20},
    }));
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_bitrate_kbps(text)) == shown(expected));
}

TEST_CASE("durations in ms and seconds", "[units]") {
    const auto [text, expected] = GENERATE(table<std::string, double>({
        {"126 ms", 126.0},
        {"0ms", 0.0},
        {"4.5 ms", 4.5},
        {"126", 126.0},
        {"126 MS", 126.0},
        {"2 s", 2000.0},
        {"0.2s", 200.0},
        {"1.5 S", 1500.0},
        {" 126ms ", 126.0},
    }));
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_duration_ms(text)) == shown(expected));
}

TEST_CASE("percentages", "[units]") {
    const auto [text, expected] = GENERATE(table<std::string, double>({
        {"0.3%", 0.3},
        {"0.03%", 0.03},
        {"8%", 8.0},
        {"0%", 0.0},
        {"0.3 %", 0.3},
        {"0.3", 0.3},
        {"150%", 150.0}, // system CPU can exceed one core's worth; not ours to clamp
    }));
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_percent(text)) == shown(expected));
}

TEST_CASE("frame rates", "[units]") {
    const auto [text, expected] = GENERATE(table<std::string, double>({
        {"12 fps", 12.0},
        {"12fps", 12.0},
        {"7.5 fps", 7.5},
        {"12 FPS", 12.0},
        {"12", 12.0},
        {"0 fps", 0.0},
    }));
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_fps(text)) == shown(expected));
}

TEST_CASE("text that is not a bitrate is unknown, never zero", "[units]") {
    const std::string text =
        GENERATE(as<std::string>{}, "", " ", "\t\n", "kbps", "abc", "12 kbps abc", "12 kbps kbps",
                 "12kbps%", "1 2 kbps", "12 k bps", "12 kb", "12 ms", "12 %", "12 fps", "-5 kbps",
                 "-0", "+5 kbps", "nan", "NaN kbps", "inf", "infinity kbps", "0x1A", "0x1A kbps",
                 "1,5 kbps", "12..5 kbps", "12. kbps", ".5 kbps", "1.2.3 kbps", "1e3 kbps", "1E3",
                 "12\xC2\xA0kbps", "\xD9\xA1\xD9\xA2 kbps", "kbps 12");
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_bitrate_kbps(text)) == "nullopt");
}

TEST_CASE("an embedded NUL is junk, not the end of the text", "[units]") {
    CHECK_FALSE(units::parse_bitrate_kbps(std::string_view("12\0kbps", 7)));
    CHECK_FALSE(units::parse_bitrate_kbps(std::string_view("12 kbps\0", 8)));
}

TEST_CASE("units of another dimension are rejected", "[units]") {
    CHECK_FALSE(units::parse_duration_ms("12 kbps"));
    CHECK_FALSE(units::parse_duration_ms("12 %"));
    CHECK_FALSE(units::parse_duration_ms("12 sec"));
    CHECK_FALSE(units::parse_duration_ms("12 msec"));
    CHECK_FALSE(units::parse_percent("12 ms"));
    CHECK_FALSE(units::parse_percent("12 %%"));
    CHECK_FALSE(units::parse_percent("%12"));
    CHECK_FALSE(units::parse_fps("12 ms"));
    CHECK_FALSE(units::parse_fps("12 f/s"));
}

TEST_CASE("numbers too large for a double are unknown", "[units]") {
    CHECK_FALSE(units::parse_bitrate_kbps(digits(400)));
    CHECK_FALSE(units::parse_bitrate_kbps(digits(400) + " kbps"));
    CHECK_FALSE(units::parse_percent(digits(309) + "%"));
    // Finite as kbps, infinite once scaled: the scaling must not produce inf.
    CHECK_FALSE(units::parse_bitrate_kbps(digits(305) + " Gbps"));
    CHECK(units::parse_bitrate_kbps(digits(305) + " kbps").has_value());
    CHECK_FALSE(units::parse_duration_ms(digits(308) + " s"));
}

TEST_CASE("resolutions", "[units]") {
    const auto [text, width, height] = GENERATE(table<std::string, long, long>({
        {"1280*720", 1280, 720},
        {"0*0", 0, 0},
        {"1280x720", 1280, 720},
        {"1280X720", 1280, 720},
        {" 1280 * 720 ", 1280, 720},
        {"640x360", 640, 360},
        {"0640*0360", 640, 360},
    }));
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_resolution(text)) == shown(Resolution{width, height}));
}

TEST_CASE("text that is not a resolution is unknown", "[units]") {
    const std::string text = GENERATE(as<std::string>{}, "", " ", "1280", "1280*", "*720", "x",
                                      "1280*720*3", "-1280*720", "1280*-720", "+1280*720",
                                      "1280.5*720", "1280*720.0", "1280 720", "1280x720p",
                                      "1280\xC3\x97"
                                      "720",
                                      "1280/720", "0x1A", "1280**720", "99999999999999999999*1",
                                      "1*99999999999999999999", "1280 kbps");
    INFO("text: \"" << text << "\"");
    CHECK(shown(units::parse_resolution(text)) == "nullopt");
}

TEST_CASE("JSON strings are parsed like text", "[units]") {
    CHECK(shown(units::bitrate_kbps(Json("1.2 Mbps"))) == shown(1200.0));
    CHECK(shown(units::duration_ms(Json("0.2 s"))) == shown(200.0));
    CHECK(shown(units::percent(Json("0.03%"))) == shown(0.03));
    CHECK(shown(units::fps(Json("12 fps"))) == shown(12.0));
    CHECK(shown(units::resolution(Json("1280*720"))) == shown(Resolution{1280, 720}));
    CHECK(shown(units::bitrate_kbps(Json(""))) == "nullopt");
    CHECK(shown(units::duration_ms(Json("12 kbps"))) == "nullopt");
}

TEST_CASE("non-negative finite JSON numbers are taken in the default unit", "[units]") {
    CHECK(shown(units::bitrate_kbps(Json(23))) == shown(23.0));
    CHECK(shown(units::bitrate_kbps(Json(27.15))) == shown(27.15));
    CHECK(shown(units::duration_ms(Json(0))) == shown(0.0));
    CHECK(shown(units::percent(Json(0.5))) == shown(0.5));
    CHECK(shown(units::fps(Json(30U))) == shown(30.0));
    CHECK(shown(units::bitrate_kbps(Json(std::numeric_limits<std::uint64_t>::max()))) ==
          shown(18446744073709551616.0));

    const auto negative_zero = units::bitrate_kbps(Json(-0.0));
    REQUIRE(negative_zero.has_value());
    CHECK_FALSE(std::signbit(*negative_zero));
}

TEST_CASE("other JSON values are unknown", "[units]") {
    const Json value = GENERATE(Json(nullptr), Json(true), Json(false), Json::object(),
                                Json::array(), Json::array({23}), Json({{"value", 23}}), Json(-1),
                                Json(-0.5), Json(std::numeric_limits<double>::quiet_NaN()),
                                Json(std::numeric_limits<double>::infinity()));
    INFO("value: " << value.dump());
    CHECK(shown(units::bitrate_kbps(value)) == "nullopt");
    CHECK(shown(units::duration_ms(value)) == "nullopt");
    CHECK(shown(units::percent(value)) == "nullopt");
    CHECK(shown(units::fps(value)) == "nullopt");
    CHECK(shown(units::resolution(value)) == "nullopt");
}

TEST_CASE("a resolution is only read from text", "[units]") {
    CHECK(shown(units::resolution(Json(1280))) == "nullopt");
    CHECK(shown(units::resolution(Json({{"width", 1280}, {"height", 720}}))) == "nullopt");
}
