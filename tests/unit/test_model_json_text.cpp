#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/json_text.hpp"
#include "zoomqos/model/mapper.hpp"

using namespace zoomqos::model;

namespace {

// What nlohmann writes for the same value: the text JsonText must equal byte for byte.
std::string dumped(const Json& value, int indent) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string string_text(std::string_view value) {
    std::string out;
    JsonText(out).string(value);
    return out;
}

std::string number_text(std::optional<double> value) {
    std::string out;
    JsonText(out).number(value);
    return out;
}

} // namespace

TEST_CASE("strings are written as nlohmann escapes them", "[json_text]") {
    for (const std::string& value :
         {std::string("plain 2026-11-20T14:01:00Z"), std::string(), std::string("quote \" here"),
          std::string("back\\slash"), std::string("tab\tnew\nline\x01\x1f"), std::string("\x7f"),
          std::string("Zoë 北京"), std::string("bad \xff\xfe utf-8"), std::string("\x1b[31m")}) {
        INFO(value);
        CHECK(string_text(value) == dumped(Json(value), -1));
    }
}

TEST_CASE("any bytes at all: the same text as nlohmann's", "[json_text]") {
    // Short strings drawn from the bytes where escaping and UTF-8 decoding
    // decide: controls, quote, backslash, DEL, continuation and lead bytes.
    const unsigned char alphabet[] = {0x00, 0x09, 0x1f, 0x20, '"',  '\\', 'a',  0x7f,
                                      0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0,
                                      0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
    std::uint32_t state = 12345;
    for (int i = 0; i < 20000; ++i) {
        std::string value;
        state = state * 1664525U + 1013904223U;
        const std::size_t length = state % 7;
        for (std::size_t k = 0; k < length; ++k) {
            state = state * 1664525U + 1013904223U;
            value += static_cast<char>(alphabet[(state >> 8) % sizeof(alphabet)]);
        }
        INFO(i);
        REQUIRE(string_text(value) == dumped(Json(value), -1));
    }
}

TEST_CASE("numbers: integral ones as integers, the rest as nlohmann writes doubles",
          "[json_text]") {
    CHECK(number_text(23.0) == "23");
    CHECK(number_text(-0.0) == "0");
    CHECK(number_text(1300.0) == "1300");
    CHECK(number_text(std::nullopt) == "null");
    CHECK(number_text(std::numeric_limits<double>::quiet_NaN()) == "null");
    CHECK(number_text(std::numeric_limits<double>::infinity()) == "null");
    for (const double value : {0.18, 27.15, 1e-05, 0.1 + 0.2, 1.5e300, -2.5, 9.3e18, 123456.789}) {
        INFO(value);
        CHECK(number_text(value) == dumped(Json(value), -1));
    }
    // 2^63 and beyond do not fit an integer.
    CHECK(number_text(9223372036854775808.0) == dumped(Json(9223372036854775808.0), -1));
    CHECK(number_text(-9223372036854775808.0) == "-9223372036854775808");
}

TEST_CASE("objects, compact and indented at any depth, as nlohmann writes them", "[json_text]") {
    const Json nested = Json::parse(R"({"a": [1, {"b": null}, []], "c": {}, "d": "e"})");
    for (const int indent : {-1, 2, 4}) {
        for (const int depth : {0, 1, 3}) {
            INFO("indent " << indent << ", depth " << depth);
            std::string out;
            JsonText text(out, indent, depth);
            text.begin_object();
            text.key("s");
            text.string("x");
            text.key("n");
            text.number(0.5);
            text.key("i");
            text.integer(-7);
            text.key("none");
            text.null();
            text.key("empty");
            text.begin_object();
            text.end_object();
            text.key("nested");
            text.value(nested);
            text.key("k\"ey");
            text.optional_string(std::nullopt);
            text.end_object();

            const Json expected = {{"s", "x"},
                                   {"n", 0.5},
                                   {"i", -7},
                                   {"none", nullptr},
                                   {"empty", Json::object()},
                                   {"nested", nested},
                                   {"k\"ey", nullptr}};
            // nlohmann indents a value at depth d by re-indenting every line after the first.
            std::string want = dumped(expected, indent);
            if (indent >= 0) {
                const std::string pad(static_cast<std::size_t>(indent * depth), ' ');
                for (std::size_t at = want.find('\n'); at != std::string::npos;
                     at = want.find('\n', at + 1)) {
                    want.insert(at + 1, pad);
                }
            }
            CHECK(out == want);
        }
    }
}

TEST_CASE("a sample's members can leave out keys an enclosing object already has", "[json_text]") {
    Sample sample;
    sample.date_time = "t";
    Stream odd;
    odd.name = "user_id";
    Stream audio;
    audio.name = "audio_input";
    audio.latency_ms = 5.0;
    sample.streams.push_back(odd);
    sample.streams.push_back(audio);
    sample.extra = Json{{"wifi_rssi", -40}, {"date_time", "dup"}};
    std::string out;
    JsonText text(out);
    text.begin_object();
    text.key("user_id");
    text.string("u");
    const std::string_view skip[] = {"user_id"};
    write_members(text, sample, skip);
    text.end_object();
    CHECK(out == R"({"user_id":"u","date_time":"t","audio_input":{"bitrate_kbps":null,)"
                 R"("latency_ms":5,"jitter_ms":null,"avg_loss_pct":null,"max_loss_pct":null},)"
                 R"("wifi_rssi":-40})");
    CHECK(has_member(sample, "wifi_rssi"));
    CHECK(has_member(sample, "user_id"));
    CHECK(has_member(sample, "date_time"));
    CHECK_FALSE(has_member(sample, "details"));
    CHECK_FALSE(has_member(sample, "cpu_usage"));
}
