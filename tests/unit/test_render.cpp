#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/model/times.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/term/width.hpp"

namespace {

using namespace zoomqos;
using model::CpuUsage;
using model::Participant;
using model::Resolution;
using model::Sample;
using model::Stream;

// ---------------------------------------------------------------------------
// Golden files
//
// Each renderer's exact output is pinned in tests/golden/<name>. After an
// intended change of output, rewrite them with
//
//     ZOOMQOS_UPDATE_GOLDEN=1 build/tests/zoomqos_unit_tests "[render]"
//
// and read `git diff tests/golden` line by line before committing: in update
// mode every check passes, whatever the code printed.
// ---------------------------------------------------------------------------

std::filesystem::path golden_path(const std::string& name) {
    return std::filesystem::path(ZOOMQOS_GOLDEN_DIR) / name;
}

bool updating_goldens() {
    const char* value = std::getenv("ZOOMQOS_UPDATE_GOLDEN");
    return value != nullptr && std::string_view(value) == "1";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

// Line i (0-based) of `text`, terminator included, so that a CRLF or a
// missing final newline shows up in the message.
std::string line_at(const std::string& text, std::size_t index) {
    std::size_t begin = 0;
    for (std::size_t i = 0; i < index && begin != std::string::npos; ++i) {
        const auto newline = text.find('\n', begin);
        begin = newline == std::string::npos ? newline : newline + 1;
    }
    if (begin == std::string::npos || begin >= text.size()) {
        return "<end of output>";
    }
    const auto newline = text.find('\n', begin);
    return text.substr(begin, newline == std::string::npos ? newline : newline - begin + 1);
}

// Control characters made visible, UTF-8 kept, so the message shows the bytes.
std::string visible(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\r') {
            out += "\\r";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[static_cast<unsigned char>(c) >> 4];
            out += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

void check_golden(const std::string& name, const std::string& actual) {
    const auto path = golden_path(name);
    if (updating_goldens()) {
        write_file(path, actual);
        WARN("rewrote golden " << path.string() << ": review it with git diff");
        return;
    }
    if (!std::filesystem::exists(path)) {
        FAIL("missing golden " << path.string()
                               << "; create it with ZOOMQOS_UPDATE_GOLDEN=1 and review it");
    }
    const std::string expected = read_file(path);
    if (actual == expected) {
        SUCCEED();
        return;
    }
    // The whole output is kept in a file so that `diff -u` can show everything.
    const auto actual_path = std::filesystem::temp_directory_path() / ("zoomqos-golden-" + name);
    write_file(actual_path, actual);
    std::size_t line = 0;
    while (line_at(expected, line) == line_at(actual, line)) {
        ++line;
    }
    FAIL("output differs from golden "
         << name << " at line " << line + 1 << "\n  expected: " << visible(line_at(expected, line))
         << "\n  actual:   " << visible(line_at(actual, line)) << "\nsee: diff -u " << path.string()
         << " " << actual_path.string());
}

// What the brief promises every table: at most 100 columns, no trailing spaces.
void check_table_shape(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        INFO("line: " << line);
        CHECK(term::display_width(line) <= 100);
        CHECK((line.empty() || line.back() != ' '));
    }
}

// ---------------------------------------------------------------------------
// Inputs, built as structs so that table and CSV tests do not depend on the
// mapper.
// ---------------------------------------------------------------------------

Stream audio(std::string name, std::optional<double> bitrate, std::optional<double> latency,
             std::optional<double> jitter, std::optional<double> avg_loss,
             std::optional<double> max_loss) {
    Stream s;
    s.name = std::move(name);
    s.bitrate_kbps = bitrate;
    s.latency_ms = latency;
    s.jitter_ms = jitter;
    s.avg_loss_pct = avg_loss;
    s.max_loss_pct = max_loss;
    return s;
}

Stream video(std::string name, std::optional<double> bitrate, std::optional<double> latency,
             std::optional<double> jitter, std::optional<double> avg_loss,
             std::optional<double> max_loss, std::optional<Resolution> resolution,
             std::optional<double> fps) {
    Stream s = audio(std::move(name), bitrate, latency, jitter, avg_loss, max_loss);
    s.video_like = true;
    s.resolution = resolution;
    s.frame_rate_fps = fps;
    return s;
}

// An idle stream: Zoom sent "" for every field.
Stream idle(std::string name, bool video_like) {
    Stream s;
    s.name = std::move(name);
    s.video_like = video_like;
    return s;
}

CpuUsage cpu(std::optional<double> zoom_min, std::optional<double> zoom_avg,
             std::optional<double> zoom_max, std::optional<double> system_max) {
    CpuUsage c;
    c.zoom_min_cpu_usage_pct = zoom_min;
    c.zoom_avg_cpu_usage_pct = zoom_avg;
    c.zoom_max_cpu_usage_pct = zoom_max;
    c.system_max_cpu_usage_pct = system_max;
    return c;
}

Participant zoe() {
    Participant p;
    p.id = "aBcDeFgHiJkLmNoPqRsTuV";
    p.user_id = "16778240";
    p.user_name = "Zo\u00eb \u00c5kesson";
    p.device = "Mac";
    p.client = "Zoom";
    p.domain = "example.com";
    p.ip_address = "192.0.2.10";
    p.location = "Stockholm (SE)";
    p.version = "5.16.10";
    p.join_time = "2026-11-20T14:00:05Z";
    p.leave_time = "2026-11-20T15:01:10Z";
    p.health = "good";
    p.extra["customer_key"] = "crm-4711";

    Sample first;
    first.date_time = "2026-11-20T14:01:00Z";
    first.streams = {
        audio("audio_input", 23, 126, 3, 0.3, 1.2),
        audio("audio_output", 61.4, 85, 2, 0, 0),
        video("video_input", 1200, 130, 4, 0.12, 0.98, Resolution{1280, 720}, 12),
        video("video_output", 2345.6, 131.5, 5, 0.03, 0.5, Resolution{1920, 1080}, 29.97),
        idle("as_input", true),
    };
    first.cpu_usage = cpu(5, 12, 30, 45);
    first.extra["wifi_rssi"] = {
        {"max_rssi", -40}, {"avg_rssi", -45}, {"min_rssi", -51}, {"rssi_unit", "dBm"}};

    Sample second;
    second.date_time = "2026-11-20T14:02:00Z";
    second.streams = {
        audio("audio_input", 27.15, 0, 0, 0, 0),
        audio("audio_output", 999, 1000, 40.25, 12.5, 100),
        video("as_output", 999.999, 98, 1, 0, 0, Resolution{0, 0}, 0),
        audio("audio_device_from_crc", 64, 20, 1, 0, 0),
    };
    second.streams[3].extra["rc_reason"] = "none";
    second.cpu_usage = cpu(std::nullopt, 12.5, std::nullopt, 45.75);

    p.user_qos = {first, second};
    return p;
}

Participant tanaka() {
    Participant p;
    p.user_id = "33554432";
    p.user_name = "\u7530\u4e2d \u592a\u90ce"; // 田中 太郎
    p.email = "tanaka@example.jp";
    p.device = "Windows";
    p.version = "6.0.2";
    p.location = "\u6771\u4eac (JP)"; // 東京 (JP)
    p.ip_address = "198.51.100.7";
    p.join_time = "2026-11-20T05:00:00Z";
    p.leave_time = "2026-11-20T06:00:00Z";
    Sample s;
    s.date_time = "2026-11-20T05:01:00Z";
    s.streams = {
        audio("audio_input", 40, 210, 35, 2.5, 9.75),
        video("video_input", 640, 220, 36, 1.5, 4, Resolution{640, 360}, 15),
    };
    p.user_qos = {s};
    return p;
}

const render::Subject kWebinar{"webinar_id", "81234567890", "16778240"};
const render::Subject kMeeting{"meeting_id", "85123456789", "33554432"};

std::string table_of(const Participant& p, bool utf8 = true) {
    std::ostringstream out;
    render::TableOptions options;
    options.utf8 = utf8;
    render::table(out, kWebinar, p, options);
    return out.str();
}

} // namespace

TEST_CASE("parse_format knows every format by its name", "[render]") {
    using render::Format;
    CHECK(render::parse_format("table") == Format::Table);
    CHECK(render::parse_format("json") == Format::Json);
    CHECK(render::parse_format("ndjson") == Format::Ndjson);
    CHECK(render::parse_format("csv") == Format::Csv);
    CHECK(render::parse_format("raw") == Format::Raw);
    for (const Format f : {Format::Table, Format::Json, Format::Ndjson, Format::Csv, Format::Raw}) {
        CHECK(render::parse_format(render::format_name(f)) == f);
    }
}

TEST_CASE("parse_format refuses anything else", "[render]") {
    for (const char* garbage :
         {"", "JSON", "Table", " json", "json ", "jsonl", "tsv", "csv\n", "tab", "\xff"}) {
        INFO("name: " << garbage);
        CHECK_FALSE(render::parse_format(garbage).has_value());
    }
    CHECK_FALSE(render::parse_format(std::string_view("json\0", 5)).has_value());
}

TEST_CASE("table for people in UTF-8", "[render]") {
    const std::string text = table_of(zoe());
    check_table_shape(text);
    check_golden("table_utf8.txt", text);
}

TEST_CASE("table for people in ASCII only", "[render]") {
    const std::string text = table_of(zoe(), false);
    check_table_shape(text);
    // Only the data (the name) may be non-ASCII; everything the table adds is ASCII.
    std::string decoration = text;
    decoration.erase(decoration.find("Zo\u00eb \u00c5kesson"),
                     std::string("Zo\u00eb \u00c5kesson").size());
    CHECK(std::all_of(decoration.begin(), decoration.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    check_golden("table_ascii.txt", text);
}

TEST_CASE("table aligns a CJK name and location by display width", "[render]") {
    const std::string text = table_of(tanaka());
    check_table_shape(text);
    check_golden("table_cjk.txt", text);
}

TEST_CASE("table with no samples says why", "[render]") {
    Participant p = zoe();
    p.user_qos.clear();
    const std::string text = table_of(p);
    check_table_shape(text);
    check_golden("table_empty.txt", text);
}

TEST_CASE("table with unknown values and idle streams", "[render]") {
    Participant p;
    p.user_id = "16778241";
    p.user_name = "Eve \x1b[31mRed\x1b[0m"; // escape sequences must not reach the terminal
    p.email = "";
    p.device = "Mac\xff"; // invalid UTF-8
    p.version = "5.16.10";
    p.join_time = "2026-11-20T14:00:05Z";

    Sample partial; // some values unknown
    partial.date_time = "2026-11-20T14:01:00Z";
    partial.streams = {
        audio("audio_input", 23, std::nullopt, std::nullopt, 0.3, std::nullopt),
        idle("audio_output", false),
        video("video_input", 1200, 130, 4, std::nullopt, std::nullopt, std::nullopt, std::nullopt),
        idle("video_output", true),
    };
    partial.cpu_usage = cpu(std::nullopt, std::nullopt, std::nullopt, std::nullopt);

    Sample all_idle; // prints nothing
    all_idle.date_time = "2026-11-20T14:02:00Z";
    all_idle.streams = {idle("audio_input", false), idle("video_input", true)};

    Sample cpu_only; // no main stream data: prints nothing, not even cpu
    cpu_only.date_time = "2026-11-20T14:03:00Z";
    cpu_only.streams = {audio("audio_device_from_rwg", 64, 20, 1, 0, 0)};
    cpu_only.cpu_usage = cpu(1, 2, 3, 4);

    Sample no_time; // date_time missing
    no_time.streams = {audio("audio_output", 48, 60, 2, 0, 0)};
    no_time.cpu_usage = cpu(std::nullopt, 7, std::nullopt, std::nullopt);

    p.user_qos = {partial, all_idle, cpu_only, no_time};
    const std::string text = table_of(p);
    check_table_shape(text);
    check_golden("table_nulls.txt", text);
}

TEST_CASE("table keeps full timestamps when samples span two dates", "[render]") {
    Participant p = tanaka();
    Sample before = p.user_qos.front();
    before.date_time = "2026-11-20T23:59:00Z";
    Sample after = p.user_qos.front();
    after.date_time = "2026-11-21T00:00:00Z";
    Sample odd = p.user_qos.front();
    odd.date_time = "yesterday";
    p.user_qos = {before, after, odd};
    const std::string text = table_of(p);
    check_table_shape(text);
    check_golden("table_two_dates.txt", text);
}

TEST_CASE("table in another zone: the times converted, the zone named in the header", "[render]") {
    Participant p = zoe();
    const zoomqos::text::Zone stockholm = *zoomqos::text::parse_zone("Europe/Stockholm");
    zoomqos::text::apply_zone(stockholm);
    zoomqos::model::convert_times(p, stockholm);
    ::unsetenv("TZ");
    ::tzset();
    std::ostringstream out;
    render::TableOptions options;
    options.zone_label = "CET";
    render::table(out, kWebinar, p, options);
    // The UTF-8 golden with every time an hour later and the zone named:
    // nothing else moves.
    std::string expected = read_file(golden_path("table_utf8.txt"));
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"2026-11-20T14:00:05Z", "2026-11-20T15:00:05+01:00"},
             {"2026-11-20T15:01:10Z", "2026-11-20T16:01:10+01:00"},
             {"TIME (UTC)", "TIME (CET)"},
             {"\n14:01:00 ", "\n15:01:00 "},
             {"\n14:02:00 ", "\n15:02:00 "}}) {
        const auto at = expected.find(from);
        REQUIRE(at != std::string::npos);
        expected.replace(at, from.size(), to);
    }
    CHECK(out.str() == expected);
}

TEST_CASE("table with samples but no data in any of them", "[render]") {
    Participant p;
    p.user_name = "Idle";
    Sample s;
    s.date_time = "2026-11-20T14:01:00Z";
    s.streams = {idle("audio_input", false)};
    s.cpu_usage = cpu(1, 2, 3, 4);
    p.user_qos = {s, s};
    const std::string text = table_of(p, false);
    CHECK(text.ends_with("\n\nNo QoS data in the samples (Zoom returns data only while the "
                         "participant sends or receives media).\n"));
    CHECK(text.find("TIME") == std::string::npos);
}

TEST_CASE("table marks values beyond a threshold as the summary does", "[render]") {
    render::TableOptions options;
    options.thresholds = quality::default_rules();
    std::ostringstream plain;
    render::table(plain, kWebinar, tanaka(), options);
    check_golden("table_marked.txt", plain.str());
    options.colour = true;
    std::ostringstream colour;
    render::table(colour, kWebinar, tanaka(), options);
    check_golden("table_marked_colour.txt", colour.str());
    // Without thresholds nothing is marked (the golden tables above).
    CHECK(table_of(tanaka()).find('!') == std::string::npos);
}

TEST_CASE("table rows printed later keep the earlier column widths", "[render]") {
    std::vector<std::size_t> widths;
    render::TableOptions options;
    options.widths = &widths;
    std::ostringstream first;
    render::table(first, kWebinar, zoe(), options);
    Participant later = tanaka();
    later.user_qos[0].date_time = "2026-11-20T14:03:00Z";
    options.rows_only = true;
    std::ostringstream rows;
    render::table(rows, kWebinar, later, options);
    // The audio row of the later call ends where the first call's audio rows end.
    const auto audio_end = [](const std::string& text) {
        const std::size_t at = text.find("audio in");
        const std::string line =
            text.substr(text.rfind('\n', at) + 1, text.find('\n', at) - text.rfind('\n', at) - 1);
        return term::display_width(line);
    };
    CHECK(audio_end(rows.str()) == audio_end(first.str()));
    CHECK(rows.str().find("TIME") == std::string::npos);
}

TEST_CASE("csv has a fixed header and one row per sample with quoting and formula defusing",
          "[render]") {
    Participant doe = zoe();
    doe.user_name = "Doe, \"JJ\"\nJane"; // comma, quote and a newline, which becomes '?'
    Participant formula = tanaka();
    formula.user_name = "=cmd()|' /C calc'!A0";
    formula.user_id = "@16778242";
    render::Subject uuid_subject{"meeting_id", "+Ab3/xyz==", "33554432"};
    Sample sparse; // a sample with nothing in it still gets its row
    sparse.date_time = "2026-11-20T05:02:00Z";
    sparse.streams = {audio("audio_input", 0.1 + 0.2, 1e-7, 12345678.9, 100, 0)};
    formula.user_qos.push_back(sparse);
    formula.user_qos.push_back(Sample{});

    std::ostringstream out;
    render::csv_header(out);
    render::csv_rows(out, kWebinar, doe);
    render::csv_rows(out, uuid_subject, formula);
    const std::string text = out.str();

    // 5 context columns, 6 audio-like x 5, 12 video-like x 8, 4 cpu.
    const std::string header = text.substr(0, text.find("\r\n"));
    CHECK(std::count(header.begin(), header.end(), ',') + 1 == 5 + 6 * 5 + 12 * 8 + 4);
    CHECK(header.starts_with("event_id,participant_id,user_id,user_name,date_time,"
                             "audio_input_bitrate_kbps,audio_input_latency_ms,"));
    CHECK(header.ends_with(",as_device_to_rwg_frame_rate_fps,cpu_usage_zoom_min_cpu_usage_pct,"
                           "cpu_usage_zoom_avg_cpu_usage_pct,cpu_usage_zoom_max_cpu_usage_pct,"
                           "cpu_usage_system_max_cpu_usage_pct"));
    CHECK(text.find("\"Doe, \"\"JJ\"\"?Jane\"") != std::string::npos);
    CHECK(text.find(",'=cmd()|' /C calc'!A0,") != std::string::npos);
    check_golden("participants.csv", text);
}

TEST_CASE("csv cells hold no control characters, and keep valid UTF-8", "[render]") {
    using namespace std::string_literals;
    Participant p = zoe();
    p.user_name = "Zo\u00eb \u7530\x1b]0;t\x07\0\xc2\x9b\xe2\x80\xae"s; // OSC, NUL, C1, bidi
    p.user_id = "\x1b[2J-1";
    std::ostringstream out;
    render::csv_rows(out, kWebinar, p);
    const std::string text = out.str();
    CHECK(text.find(",?[2J-1,Zo\u00eb \u7530?]0;t????,") != std::string::npos);
    CHECK(text.find_first_of("\x1b\x07"s + '\0') == std::string::npos);
}

TEST_CASE("csv --columns: basic, names in the order given, unknown names refused", "[render]") {
    const auto names = render::csv_column_names();
    REQUIRE(names.size() == 5 + 6 * 5 + 12 * 8 + 4);

    // basic: the context, the six main streams (2 audio x 5, 4 video-like x 8) and CPU.
    const auto basic = render::parse_csv_columns("basic");
    REQUIRE(basic.ok());
    CHECK(basic->size() == 5 + 2 * 5 + 4 * 8 + 4);
    std::ostringstream header;
    render::csv_header(header, *basic);
    const std::string line = header.str();
    CHECK(line.starts_with("event_id,participant_id,user_id,user_name,date_time,"
                           "audio_input_bitrate_kbps,"));
    CHECK(line.find("as_output_frame_rate_fps,cpu_usage_zoom_min_cpu_usage_pct,") !=
          std::string::npos);
    CHECK(line.find("_crc_") == std::string::npos);
    CHECK(line.find("_rwg_") == std::string::npos);

    // Names in the order given, each once, spaces around them allowed.
    const auto picked = render::parse_csv_columns(
        "date_time, user_name,audio_input_latency_ms,date_time,cpu_usage_zoom_avg_cpu_usage_pct");
    REQUIRE(picked.ok());
    std::ostringstream out;
    render::csv_header(out, *picked);
    render::csv_rows(out, kWebinar, zoe(), *picked);
    const std::string text = out.str();
    CHECK(text.starts_with(
        "date_time,user_name,audio_input_latency_ms,cpu_usage_zoom_avg_cpu_usage_pct\r\n"));
    check_golden("participants_columns.csv", text);
    std::size_t rows = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos;
         at = text.find("\r\n", at + 2)) {
        ++rows;
    }
    CHECK(rows == 1 + zoe().user_qos.size());

    const Error unknown = render::parse_csv_columns("date_time,latency").error();
    CHECK(unknown.kind == ErrorKind::Usage);
    // The valid names follow, on lines of at most 100 columns.
    CHECK(unknown.message.starts_with("--columns: unknown column 'latency'\n"
                                      "  valid: basic, event_id, participant_id, user_id, "
                                      "user_name, date_time, audio_input_bitrate_kbps,"));
    CHECK(unknown.message.ends_with("cpu_usage_system_max_cpu_usage_pct"));
    std::istringstream message(unknown.message);
    std::size_t listed = 0;
    for (std::string each; std::getline(message, each);) {
        CHECK(each.size() <= 100);
        listed += static_cast<std::size_t>(std::count(each.begin(), each.end(), ','));
    }
    CHECK(listed == names.size()); // "basic" and every name, comma-separated
    CHECK(render::parse_csv_columns("date_time,,user_name")
              .error()
              .message.starts_with("--columns: an empty column name\n  valid: basic, "));
}

TEST_CASE("csv rows for a participant without samples are empty", "[render]") {
    Participant p = zoe();
    p.user_qos.clear();
    std::ostringstream out;
    render::csv_rows(out, kWebinar, p);
    CHECK(out.str().empty());
}

TEST_CASE("json is the mapper's typed JSON pretty-printed", "[render]") {
    std::ostringstream out;
    render::json(out, zoe());
    check_golden("participant.json", out.str());
    CHECK(out.str() == model::to_json(zoe()).dump(2) + "\n");
}

TEST_CASE("ndjson prints one line per sample with the webinar context first", "[render]") {
    std::ostringstream out;
    render::ndjson(out, kWebinar, zoe());
    check_golden("webinar.ndjson", out.str());
}

TEST_CASE("ndjson uses the meeting key and null for missing user fields", "[render]") {
    Participant p = tanaka();
    p.user_id.reset();
    p.user_name.reset();
    std::ostringstream out;
    render::ndjson(out, kMeeting, p);
    check_golden("meeting.ndjson", out.str());
}

TEST_CASE("ndjson prints nothing for no samples", "[render]") {
    Participant p = zoe();
    p.user_qos.clear();
    std::ostringstream out;
    render::ndjson(out, kWebinar, p);
    CHECK(out.str().empty());
}

TEST_CASE("json and ndjson survive invalid UTF-8", "[render]") {
    Participant p = tanaka();
    p.user_name = "bad \xff\xfe name";
    std::ostringstream json_out;
    std::ostringstream ndjson_out;
    REQUIRE_NOTHROW(render::json(json_out, p));
    REQUIRE_NOTHROW(render::ndjson(ndjson_out, kWebinar, p));
    CHECK(json_out.str().find("\"bad \ufffd\ufffd name\"") != std::string::npos);
    CHECK(ndjson_out.str().find("\"user_name\":\"bad \ufffd\ufffd name\"") != std::string::npos);
}

TEST_CASE("raw prints the body byte for byte", "[render]") {
    // No newline at the end, a NUL and invalid UTF-8 inside: nothing is added
    // or repaired.
    const std::string body = std::string("{\"user_name\":\"Zo\u00eb\",\"x\":\"\xff\"}\n\n ") +
                             std::string(1, '\0') + "{\"end\":true}";
    std::ostringstream out;
    render::raw(out, body);
    CHECK(out.str() == body);
    CHECK(out.str().back() == '}');
    check_golden("raw.txt", out.str());
}
