#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/term/terminal.hpp"
#include "zoomqos/term/width.hpp"

namespace {

using namespace zoomqos;

// Golden files: tests/golden/summary_*.txt. After an intended change of
// output, rewrite them with
//     ZOOMQOS_UPDATE_GOLDEN=1 build/tests/zoomqos_unit_tests "[summary]"
// and review `git diff tests/golden` line by line.
std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void check_golden(const std::string& name, const std::string& actual) {
    const auto path = std::filesystem::path(ZOOMQOS_GOLDEN_DIR) / name;
    const char* update = std::getenv("ZOOMQOS_UPDATE_GOLDEN");
    if (update != nullptr && std::string_view(update) == "1") {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
        WARN("rewrote golden " << path.string() << ": review it with git diff");
        return;
    }
    REQUIRE(std::filesystem::exists(path));
    const std::string expected = read_file(path);
    if (actual != expected) {
        const auto actual_path =
            std::filesystem::temp_directory_path() / ("zoomqos-golden-" + name);
        std::ofstream(actual_path, std::ios::binary | std::ios::trunc) << actual;
        FAIL("output differs from golden " << name << "; see: diff -u " << path.string() << " "
                                           << actual_path.string());
    }
    SUCCEED();
}

std::size_t widest_line(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::size_t widest = 0;
    while (std::getline(in, line)) {
        widest = std::max(widest, term::display_width(line));
        CHECK((line.empty() || line.back() != ' '));
    }
    return widest;
}

// Six samples of one participant: a latency spike at 14:03, 12.5 % average
// audio loss at 14:04, a sample with unknown audio latency, a camera turned
// off at 14:05 (bitrate 0, 0 fps: not a slow picture), a Cloud Room Connector
// path that carried data once, an idle share stream, and a location blanked
// for privacy.
constexpr const char* kParticipant = R"json({
  "id": "p1", "user_id": "16778240", "user_name": "Zoë Åkesson", "email": "",
  "device": "Mac", "version": "6.2.11 (45208)", "location": "",
  "ip_address": "203.0.113.24", "join_time": "2026-11-20T14:00:12Z",
  "leave_time": "2026-11-20T15:00:41Z",
  "user_qos": [
    {"date_time": "2026-11-20T14:01:00Z",
     "audio_input": {"bitrate": "30 kbps", "latency": "54 ms", "jitter": "3 ms", "avg_loss": "0.2%", "max_loss": "0.9%"},
     "video_input": {"bitrate": "1.0 Mbps", "latency": "52 ms", "jitter": "1 ms", "avg_loss": "0.1%", "max_loss": "0.3%", "resolution": "1280*720", "frame_rate": "25 fps"},
     "as_input": {"bitrate": "", "latency": "", "jitter": "", "avg_loss": "", "max_loss": "", "resolution": "", "frame_rate": ""},
     "cpu_usage": {"zoom_min_cpu_usage": "2%", "zoom_avg_cpu_usage": "9%", "zoom_max_cpu_usage": "16%", "system_max_cpu_usage": "36%"}},
    {"date_time": "2026-11-20T14:02:00Z",
     "audio_input": {"bitrate": "28 kbps", "latency": "", "jitter": "4 ms", "avg_loss": "0.3%", "max_loss": "1%"},
     "video_input": {"bitrate": "900 kbps", "latency": "60 ms", "jitter": "2 ms", "avg_loss": "0.1%", "max_loss": "0.5%", "resolution": "640*360", "frame_rate": "24 fps"},
     "audio_device_from_crc": {"bitrate": "20 kbps", "latency": "80 ms", "jitter": "5 ms", "avg_loss": "0%", "max_loss": "0%"},
     "cpu_usage": {"zoom_min_cpu_usage": "3%", "zoom_avg_cpu_usage": "11%", "zoom_max_cpu_usage": "20%", "system_max_cpu_usage": "40%"}},
    {"date_time": "2026-11-20T14:03:00Z",
     "audio_input": {"bitrate": "26 kbps", "latency": "310 ms", "jitter": "45 ms", "avg_loss": "1.5%", "max_loss": "4%"},
     "video_input": {"bitrate": "700 kbps", "latency": "290 ms", "jitter": "30 ms", "avg_loss": "1%", "max_loss": "3%", "resolution": "640*360", "frame_rate": "15 fps"},
     "cpu_usage": {"zoom_min_cpu_usage": "3%", "zoom_avg_cpu_usage": "12%", "zoom_max_cpu_usage": "22%", "system_max_cpu_usage": "41%"}},
    {"date_time": "2026-11-20T14:04:00Z",
     "audio_input": {"bitrate": "24 kbps", "latency": "120 ms", "jitter": "20 ms", "avg_loss": "12.5%", "max_loss": "30%"},
     "video_input": {"bitrate": "800 kbps", "latency": "110 ms", "jitter": "10 ms", "avg_loss": "0.5%", "max_loss": "2%", "resolution": "1280*720", "frame_rate": "20 fps"},
     "cpu_usage": {"zoom_min_cpu_usage": "3%", "zoom_avg_cpu_usage": "10%", "zoom_max_cpu_usage": "18%", "system_max_cpu_usage": "38%"}},
    {"date_time": "2026-11-20T14:05:00Z",
     "audio_input": {"bitrate": "30 kbps", "latency": "60 ms", "jitter": "3 ms", "avg_loss": "0.1%", "max_loss": "0.5%"},
     "video_input": {"bitrate": "0 kbps", "latency": "0 ms", "jitter": "0 ms", "avg_loss": "0%", "max_loss": "0%", "resolution": "0*0", "frame_rate": "0 fps"},
     "cpu_usage": {"zoom_min_cpu_usage": "2%", "zoom_avg_cpu_usage": "8%", "zoom_max_cpu_usage": "15%", "system_max_cpu_usage": "35%"}},
    {"date_time": "2026-11-20T14:06:00Z",
     "audio_input": {"bitrate": "31 kbps", "latency": "58 ms", "jitter": "2 ms", "avg_loss": "0%", "max_loss": "0.2%"},
     "video_input": {"bitrate": "1.1 Mbps", "latency": "50 ms", "jitter": "1 ms", "avg_loss": "0%", "max_loss": "0.1%", "resolution": "1280*720", "frame_rate": "25 fps"},
     "cpu_usage": {"zoom_min_cpu_usage": "2%", "zoom_avg_cpu_usage": "9%", "zoom_max_cpu_usage": "17%", "system_max_cpu_usage": "36%"}}
  ]
})json";

model::Participant participant() {
    auto parsed = model::parse_participant(kParticipant);
    REQUIRE(parsed.ok());
    return *parsed;
}

std::string summarize(const render::SummaryOptions& options) {
    std::ostringstream out;
    render::summary(out, participant(), options);
    return out.str();
}

} // namespace

TEST_CASE("summary: no colour marks breaches with '!'", "[render][summary]") {
    render::SummaryOptions options;
    options.colour = false;
    const std::string text = summarize(options);
    check_golden("summary_plain.txt", text);
    CHECK(widest_line(text) <= 100);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("Location     \u2014\n") != std::string::npos); // blanked: shown, as a dash
    CHECK(text.find("Duration     1h 00m 29s\n") != std::string::npos);
    CHECK(text.find("audio_device_from_crc") != std::string::npos); // a path that carried data
    CHECK(text.find("share") == std::string::npos);                 // idle all along
}

TEST_CASE("summary: colour on a terminal, no '!'", "[render][summary]") {
    render::SummaryOptions options;
    options.colour = true;
    const std::string text = summarize(options);
    check_golden("summary_colour.txt", text);
    // audio in: the average loss (2.43 %) is beyond 2 %: sustained, red; the
    // worst latency alone is: a spike, yellow.
    CHECK(text.find("\x1b[31m2.43\x1b[0m") != std::string::npos);
    CHECK(text.find("\x1b[33m310\x1b[0m") != std::string::npos);
    CHECK(text.find("!") == std::string::npos);
}

TEST_CASE("summary: ASCII fallback", "[render][summary]") {
    render::SummaryOptions options;
    options.utf8 = false;
    const std::string text = summarize(options);
    check_golden("summary_ascii.txt", text);
    for (const char c : text) {
        // Zoë Åkesson is Zoom's text and stays as sent; everything zoomqos
        // adds is ASCII.
        if (static_cast<unsigned char>(c) >= 0x80) {
            CHECK(text.find("Zo\xc3\xab \xc3\x85kesson") != std::string::npos);
            break;
        }
    }
    CHECK(text.find("\u2581") == std::string::npos);
    CHECK(text.find("1280x720") != std::string::npos);
}

TEST_CASE("summary: fits 100 columns, a wider terminal widens the sparkline", "[render][summary]") {
    model::Participant p = participant();
    // 60 samples: more than 100 columns leave room for.
    while (p.user_qos.size() < 60) {
        p.user_qos.push_back(p.user_qos[p.user_qos.size() % 6]);
    }
    render::SummaryOptions narrow;
    std::ostringstream a;
    render::summary(a, p, narrow);
    CHECK(widest_line(a.str()) == 100);
    check_golden("summary_100_columns.txt", a.str());
    render::SummaryOptions wide;
    wide.width = 160;
    std::ostringstream b;
    render::summary(b, p, wide);
    CHECK(widest_line(b.str()) > 100);
    CHECK(widest_line(b.str()) <= 160);
}

TEST_CASE("summary: verdict names the worst stream, metric and time", "[render][summary]") {
    // 12.5 % loss against 2 % (6.25×) is worse than 310 ms against 150 ms.
    CHECK(render::verdict(participant(), quality::default_rules()) ==
          "audio_input: loss 12.5% at 14:04 (threshold 2%); 2 of 6 samples beyond a threshold");
    // Raised thresholds: nothing is beyond them.
    auto lenient = quality::merge_rules(
        quality::default_rules(),
        *quality::parse_rules("latency>1000,jitter>100,loss>50,max_loss>50", "--thresholds", {}));
    CHECK(render::verdict(participant(), lenient) == "no threshold breached");
    CHECK(render::verdict(participant(), {}) == "no threshold breached");
    // The camera that was off at 14:05 (0 fps) is no frame-rate breach; 15 fps
    // at 14:03 is one under fps<16.
    CHECK(render::verdict(participant(), *quality::parse_rules("fps<16", "--thresholds", {})) ==
          "video_input: frame rate 15 fps at 14:03 (threshold 16 fps); 1 of 6 samples beyond a "
          "threshold");
}

TEST_CASE("summary: no samples, no data", "[render][summary]") {
    model::Participant p = participant();
    p.user_qos.clear();
    std::ostringstream out;
    render::summary(out, p, {});
    CHECK(out.str().find("No QoS samples") != std::string::npos);
    // Nothing to judge is not "no threshold breached".
    CHECK(out.str().find("Verdict: no data\n") != std::string::npos);
    CHECK(render::verdict(p, quality::default_rules()) == "no data");
}

TEST_CASE("summary row for a participant list", "[render][summary]") {
    CHECK(render::summary_row_header() ==
          "PARTICIPANT       ID                      DEVICE    MAX AUDIO LAT  MAX LOSS  VERDICT");
    // At 100 columns the verdict is cut with an ellipsis; the row is exactly 100 wide.
    const std::string cut = render::summary_row(participant(), quality::default_rules(), true);
    CHECK(cut == "Zoë Åkesson       p1                      Mac              310 ms       30%  "
                 "audio_input: loss 12.5…");
    CHECK(term::display_width(cut) == 100);
    // A wider terminal shows all of it.
    CHECK(render::summary_row(participant(), quality::default_rules(), true, 140) ==
          "Zoë Åkesson       p1                      Mac              310 ms       30%  "
          "audio_input: loss 12.5% at 14:04 (threshold 2%)");
    model::Participant p;
    p.id = "30R7kT7bTIKSNUFEuH_QlgXYZ";
    p.user_name = "Bartholomew Featherstonehaugh-Ramsbottom";
    p.device = "";
    // No samples: "no data", not "ok".
    CHECK(render::summary_row(p, quality::default_rules(), true) ==
          "Bartholomew Fea…  30R7kT7bTIKSNUFEuH_Ql…  \u2014                     \u2014         "
          "\u2014  no data");
    CHECK(render::summary_row(p, quality::default_rules(), false) ==
          "Bartholomew Fea~  30R7kT7bTIKSNUFEuH_Ql~  -                     -         -  no data");
    // Samples whose streams are all idle are no data either; one value is data.
    auto idle = model::parse_participant(R"({"user_qos": [{"date_time": "2026-11-20T14:01:00Z",
        "audio_input": {"bitrate": "", "latency": "", "jitter": "", "avg_loss": "", "max_loss": ""}}]})");
    REQUIRE(idle.ok());
    CHECK(render::summary_row(*idle, quality::default_rules(), false).ends_with("  no data"));
    idle->user_qos[0].streams[0].latency_ms = 20;
    CHECK(render::summary_row(*idle, quality::default_rules(), false).ends_with("  ok"));
    p.user_name = "李小龍李小龍李小龍李小龍李小龍"; // wide characters: 30 columns
    const std::string row = render::summary_row(p, {}, true);
    CHECK(row.starts_with("李小龍李小龍李… "));
    CHECK(term::display_width(row.substr(0, row.find("  "))) <= 16);
}

TEST_CASE("sparkline: scaling", "[render][sparkline]") {
    using V = std::vector<std::optional<double>>;
    // 0..top in eight bands; at or above top is the highest block.
    CHECK(render::sparkline(V{0, 10, 20, 40, 80, 100, 200}, 100, 80, true) ==
          "\u2581\u2581\u2582\u2584\u2588\u2588\u2588");
    CHECK(render::sparkline(V{0, 10, 20, 40, 80}, 100, 80, false) == "__.:#");
    // A constant series is one level all along.
    CHECK(render::sparkline(V{50, 50, 50, 50}, 100, 50, true) == "\u2588\u2588\u2588\u2588");
    CHECK(render::sparkline(V{50, 50, 50}, 100, 200, false) == "...");
    // An unknown value inside a series is a gap, not a zero.
    CHECK(render::sparkline(V{80, std::nullopt, 80}, 100, 80, false) == "# #");
    // One sample, and none.
    CHECK(render::sparkline(V{40}, 100, 80, true) == "\u2584");
    CHECK(render::sparkline(V{}, 100, 80, true).empty());
    CHECK(render::sparkline(V{std::nullopt}, 100, 80, true) == " ");
    // Longer than the room: buckets keep their highest value, so a spike
    // survives; a bucket of unknowns stays a gap.
    CHECK(render::sparkline(V{0, 80, 0, 0, std::nullopt, std::nullopt}, 3, 80, false) == "#_ ");
    // Zero top (everything 0) does not divide by zero.
    CHECK(render::sparkline(V{0, 0}, 10, 0, false) == "__");
}

TEST_CASE("terminal: colour decision", "[term]") {
    term::Environment env;
    CHECK(term::colour_enabled(true, env));
    CHECK_FALSE(term::colour_enabled(false, env));
    env.no_color = "1";
    CHECK_FALSE(term::colour_enabled(true, env));
    env.no_color = ""; // set but empty does not count (no-color.org)
    CHECK(term::colour_enabled(true, env));
    env.clicolor = "0";
    CHECK_FALSE(term::colour_enabled(true, env));
    env.clicolor_force = "1";
    CHECK(term::colour_enabled(false, env));
    env.clicolor_force = "0";
    CHECK_FALSE(term::colour_enabled(false, env));
    env.clicolor_force = "1";
    env.no_color = "yes"; // NO_COLOR wins over everything
    CHECK_FALSE(term::colour_enabled(true, env));
}

TEST_CASE("terminal: UTF-8 locale", "[term]") {
    term::Environment env;
    CHECK_FALSE(term::utf8_locale(env)); // nothing set: the C locale
    env.lang = "en_US.UTF-8";
    CHECK(term::utf8_locale(env));
    env.lc_ctype = "sv_SE.utf8@euro";
    CHECK(term::utf8_locale(env));
    env.lc_all = "C";
    CHECK_FALSE(term::utf8_locale(env)); // LC_ALL beats the others
    env.lc_all = "";
    env.lc_ctype = "de_DE.ISO-8859-1";
    CHECK_FALSE(term::utf8_locale(env));
    env.lc_ctype = "POSIX";
    CHECK_FALSE(term::utf8_locale(env));
}

TEST_CASE("terminal: output width", "[term]") {
    term::Environment env;
    CHECK(term::output_width(std::nullopt, env) == 100);
    CHECK(term::output_width(80, env) == 100); // never narrower than 100
    CHECK(term::output_width(180, env) == 180);
    env.columns = "150";
    CHECK(term::output_width(std::nullopt, env) == 150);
    CHECK(term::output_width(120, env) == 120); // the terminal's own size wins
    env.columns = "wide";
    CHECK(term::output_width(std::nullopt, env) == 100);
    env.columns = "99999999";
    CHECK(term::output_width(std::nullopt, env) == 1000);
}
