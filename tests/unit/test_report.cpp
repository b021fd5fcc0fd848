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
#include "zoomqos/report/html.hpp"
#include "zoomqos/report/report.hpp"
#include "zoomqos/report/sha256.hpp"
#include "zoomqos/report/svg.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

#include "report/analysis.hpp"
#include "report/heatmap.hpp"
#include "report/sections.hpp"

namespace {

using namespace zoomqos;

// Golden files: tests/golden/report_*.svg. After an intended change of
// output, rewrite them with
//     ZOOMQOS_UPDATE_GOLDEN=1 build/dev/tests/zoomqos_unit_tests "[report]"
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
    CHECK(actual == read_file(path));
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

report::svg::LineChart chart_of(std::vector<std::optional<double>> values) {
    report::svg::LineChart chart;
    chart.title = "Latency over time.";
    chart.unit = "ms";
    chart.threshold = 150;
    chart.x_low = 0;
    chart.x_high = values.size() > 1 ? static_cast<double>(values.size() - 1) : 1;
    chart.x_label = [](double x) {
        return "t" + std::to_string(static_cast<int>(x));
    };
    report::svg::Series series;
    series.label = "audio in";
    for (std::size_t i = 0; i < values.size(); ++i) {
        series.points.emplace_back(static_cast<double>(i), values[i]);
    }
    chart.series.push_back(series);
    return chart;
}

std::string render(const report::svg::LineChart& chart) {
    std::ostringstream out;
    report::svg::line_chart(out, chart);
    return out.str();
}

} // namespace

TEST_CASE("report escape makes markup, quotes and bidi controls text", "[report]") {
    CHECK(report::escape("plain") == "plain");
    CHECK(report::escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(report::escape("\"><img src=x onerror=alert(1)>") ==
          "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    CHECK(report::escape("a & b's") == "a &amp; b&#39;s");
    CHECK(report::escape("</title>") == "&lt;/title&gt;");
    CHECK(report::escape("Mallory \u202Egnp.exe") == "Mallory \uFFFDgnp.exe");
    CHECK(report::escape("tab\there\x1b[31m") == "tab\uFFFDhere\uFFFD[31m");
    CHECK(report::escape("Zo\xc3\xab \xff") == "Zo\xc3\xab \uFFFD");
    CHECK(report::escape("&amp;") == "&amp;amp;");
}

TEST_CASE("report sha256 and the CSP hash match the published vectors", "[report]") {
    const auto abc = report::sha256("abc");
    CHECK(text::base64(std::string_view(reinterpret_cast<const char*>(abc.data()), abc.size())) ==
          "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    CHECK(report::csp_hash("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    // 56 bytes: the padding spills into a second block.
    const auto two_blocks =
        report::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    CHECK(text::base64(std::string_view(reinterpret_cast<const char*>(two_blocks.data()),
                                        two_blocks.size())) ==
          "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
}

TEST_CASE("report svg ticks are round and cover the range", "[report]") {
    using V = std::vector<double>;
    CHECK(report::svg::ticks(0, 97, 4) == V{0, 50, 100});
    CHECK(report::svg::ticks(0, 150, 4) == V{0, 50, 100, 150});
    CHECK(report::svg::ticks(0, 2.3, 4) == V{0, 1, 2, 3});
    CHECK(report::svg::ticks(0, 0.3, 3) == V{0, 0.1, 0.2, 0.3});
    CHECK(report::svg::ticks(5, 5, 4) == V{4, 6, 8, 10});
    CHECK(report::svg::ticks(0, 0, 4) == V{0, 0.5, 1});
    CHECK(report::svg::ticks(0, 1, 0).empty());
    const report::svg::Scale scale{0, 100, 200, 0};
    CHECK(scale(0) == 200);
    CHECK(scale(50) == 100);
    CHECK(report::svg::number(12.345) == "12.35");
    CHECK(report::svg::number(150.4) == "150");
}

TEST_CASE("report line chart: empty, all unknown, one sample, gaps", "[report]") {
    const std::string empty = render(chart_of({}));
    CHECK(empty == render(chart_of({std::nullopt, std::nullopt})));
    check_golden("report_line_empty.svg", empty);
    check_golden("report_line_one.svg", render(chart_of({42.0})));
    check_golden("report_line_gap.svg",
                 render(chart_of({40.0, 60.0, std::nullopt, 200.0, 80.0, 90.0})));
}

TEST_CASE("report line chart of 1,000 samples is one path", "[report]") {
    std::vector<std::optional<double>> values;
    values.reserve(1000);
    for (int i = 0; i < 1000; ++i) {
        values.emplace_back(40.0 + (i % 50));
    }
    const std::string svg = render(chart_of(values));
    CHECK(count(svg, "<path") == 1);
    CHECK(count(svg, "L") >= 999);
    CHECK(count(svg, "<circle") == 0);
    CHECK(svg.size() < 20000);
}

TEST_CASE("report column chart", "[report]") {
    report::svg::ColumnChart chart;
    chart.title = "Breaches per minute.";
    chart.unit = "people";
    chart.columns = {
        {"14:00", 0, "none", false}, {"14:01", 3, "3 <people>", true}, {"14:02", 1, "1", false}};
    chart.marker_x = 1.5;
    chart.marker_label = "threshold";
    chart.width = 200;
    chart.height = 80;
    std::ostringstream out;
    report::svg::column_chart(out, chart);
    check_golden("report_columns.svg", out.str());
}

TEST_CASE("report heatmap buckets minutes and merges equal cells", "[report]") {
    CHECK(report::plan_columns(60, 120).minutes_per_column == 1);
    CHECK(report::plan_columns(60, 120).count == 60);
    CHECK(report::plan_columns(120, 120).count == 120);
    CHECK(report::plan_columns(121, 120).minutes_per_column == 2);
    CHECK(report::plan_columns(121, 120).count == 61);
    CHECK(report::plan_columns(1000, 120).minutes_per_column == 9);
    CHECK(report::plan_columns(1000, 120).count == 112);
    CHECK(report::plan_columns(0, 120).count == 0);

    using R = report::Run;
    CHECK(report::runs({}).empty());
    CHECK(report::runs({1, 1, 4, 0, 0, 1}) ==
          std::vector<R>{{0, 2, 1}, {2, 1, 4}, {3, 2, 0}, {5, 1, 1}});

    CHECK(report::level(std::nullopt) == 0);
    CHECK(report::level(report::Worst{0.2, ""}) == 1);
    CHECK(report::level(report::Worst{1.0, ""}) == 3);
    CHECK(report::level(report::Worst{1.01, ""}) == 4);
    CHECK(report::level(report::Worst{10, ""}) == 6);

    std::vector<std::optional<report::Worst>> minutes(5);
    minutes[0] = report::Worst{0.5, "a"};
    minutes[1] = report::Worst{2.0, "b"};
    minutes[4] = report::Worst{0.1, "c"};
    const auto cells = report::bucket(minutes, report::plan_columns(5, 2));
    REQUIRE(cells.size() == 2);
    CHECK(cells[0]->text == "b");
    CHECK(cells[1]->text == "c");
}

namespace {

model::Participant participant(const std::string& name, const std::string& location,
                               const std::string& device, double latency) {
    model::Participant p;
    p.user_name = name;
    p.location = location;
    p.device = device;
    p.join_time = "2026-11-24T15:00:00Z";
    p.leave_time = "2026-11-24T15:03:00Z";
    for (int m = 0; m < 3; ++m) {
        model::Sample sample;
        sample.date_time = "2026-11-24T15:0" + std::to_string(m + 1) + ":00Z";
        model::Stream audio;
        audio.name = "audio_input";
        audio.latency_ms = m == 1 ? latency : 40;
        audio.jitter_ms = 3;
        audio.avg_loss_pct = 0.1;
        audio.bitrate_kbps = 30;
        sample.streams.push_back(audio);
        p.user_qos.push_back(sample);
    }
    return p;
}

std::string page(const std::vector<model::Participant>& participants) {
    report::EventInfo info;
    info.id = "87000000001";
    report::ReportOptions options;
    options.version = "9.9.9";
    options.generated_at = "2026-12-01T00:00:00Z";
    std::ostringstream out;
    report::write(out, info, participants, options);
    return out.str();
}

} // namespace

TEST_CASE("report page keeps Zoom's markup as text and hashes its one script", "[report]") {
    const std::vector<model::Participant> people = {
        participant("<script>alert(1)</script>", "</title><b>x</b>", "Windows", 400),
        participant("\"><img src=x onerror=alert(1)>", "Paris", "<i>Mac</i>", 300),
        participant("Mallory \u202Egnp.exe", "Oslo", "Linux", 50),
    };
    const std::string html = page(people);
    CHECK(html.find("<script>alert") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<b>x") == std::string::npos);
    CHECK(html.find("<i>Mac") == std::string::npos);
    CHECK(html.find("\u202E") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(count(html, "<script") == 1);
    const auto open = html.find("<script>") + 8;
    const auto close = html.find("</script>");
    const std::string script = html.substr(open, close - open);
    CHECK(html.find("script-src '" + report::csp_hash(script) + "'") != std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
    CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("Generated by zoomqos 9.9.9 at 2026-12-01T00:00:00Z") != std::string::npos);
    CHECK(html.find("2 of 3 participants breached a threshold.") != std::string::npos);
    CHECK(html == page(people)); // no clock, no randomness
}

TEST_CASE("report analysis: a spike across many at one minute", "[report]") {
    std::vector<model::Participant> people;
    people.reserve(5);
    for (int i = 0; i < 5; ++i) {
        people.push_back(participant("P" + std::to_string(i), "X", "Mac", i == 4 ? 50 : 300));
    }
    const auto event = report::analyse(people, quality::default_rules());
    CHECK(event.minutes == 3);
    CHECK(event.breached == 4);
    CHECK(event.breaching == std::vector<std::size_t>{0, 4, 0});
    const auto spike = report::find_spike(event);
    REQUIRE(spike);
    CHECK(spike->minute == 1);
    CHECK(spike->present == 5);
    CHECK(report::clock_time(*event.first_minute + 60, text::Zone{}) == "15:02");
    CHECK(event.zone_name == "UTC");
    CHECK(event.people.front().participant->user_name != "P4");
    CHECK(event.people.back().participant->user_name == "P4");
    CHECK(page(people).find("points at Zoom&#39;s platform or the host") != std::string::npos);
}

TEST_CASE("report --tz: every time of the page in the zone, which the page names", "[report]") {
    std::vector<model::Participant> people;
    for (int i = 0; i < 5; ++i) {
        people.push_back(participant("P" + std::to_string(i), "X", "Mac", i == 4 ? 50 : 300));
    }
    const text::Zone stockholm = *text::parse_zone("Europe/Stockholm");
    text::apply_zone(stockholm);
    for (model::Participant& person : people) {
        model::convert_times(person, stockholm);
    }
    report::EventInfo info;
    info.id = "87000000001";
    report::ReportOptions options;
    options.version = "9.9.9";
    options.zone = stockholm;
    std::ostringstream out;
    report::write(out, info, people, options);
    const auto event = report::analyse(people, quality::default_rules(), stockholm);
    const std::string clock = report::clock_time(*event.first_minute + 60, stockholm);
    ::unsetenv("TZ");
    ::tzset();
    const std::string html = out.str();
    CHECK(event.zone_name == "CET");
    CHECK(clock == "16:02");
    CHECK(html.find("All times are CET.") != std::string::npos);
    CHECK(html.find("<dt>Start (CET)</dt><dd>2026-11-24T16:00:00+01:00</dd>") != std::string::npos);
    CHECK(html.find("at 16:02 CET 4 of the 5 participants") != std::string::npos);
    CHECK(html.find("<th scope=\"col\">Joined (CET)</th>") != std::string::npos);
    CHECK(html.find("UTC") == std::string::npos);
}

TEST_CASE("report of no participants is a page that says so", "[report]") {
    const std::string html = page({});
    CHECK(html.find("No participant data") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("report judges as list does: no data is not clean, screen share fps is not camera fps",
          "[report]") {
    model::Participant silent = participant("Quiet", "Oslo", "Mac", 40);
    silent.user_qos.clear();
    model::Participant slides = participant("Slides", "Oslo", "Mac", 40);
    for (model::Sample& sample : slides.user_qos) {
        model::Stream share;
        share.name = "as_input";
        share.frame_rate_fps = 2; // a slide deck: far below the camera's 10 fps threshold
        share.bitrate_kbps = 150;
        sample.streams.push_back(share);
    }
    const std::vector<model::Participant> people = {participant("Loud", "Paris", "Windows", 400),
                                                    silent, slides};
    const auto event = report::analyse(people, quality::default_rules());
    CHECK(event.breached == 1);
    CHECK(event.without_data == 1);
    REQUIRE(event.people.size() == 3);
    CHECK(event.people[1].verdict == "no data");
    CHECK(event.people[2].verdict == "no threshold breached");
    const std::string html = page(people);
    CHECK(html.find("1 of 2 participants with data breached a threshold (1 without data not "
                    "judged).") != std::string::npos);
    CHECK(page({slides, silent})
              .find("None of the 1 participant with data breached a threshold "
                    "(1 without data not judged).") != std::string::npos);
    CHECK(page({silent, silent})
              .find("No participant data: Zoom returned no QoS samples for the 2 participants "
                    "of this event.") != std::string::npos);
}

TEST_CASE("report breaches by stream name the participants, worst first, capped", "[report]") {
    std::vector<model::Participant> people;
    people.reserve(9);
    // Latencies 160 to 230 ms: the last is the worst; one with markup.
    for (int i = 0; i < 8; ++i) {
        people.push_back(participant(i == 6 ? "<b>Bold</b>" : "P" + std::to_string(i), "Oslo",
                                     "Mac", 160 + 10 * i));
    }
    people.push_back(participant("Fine", "Oslo", "Mac", 40));
    const auto event = report::analyse(people, quality::default_rules());
    std::ostringstream out;
    report::overview_section(out, event, report::ReportOptions{});
    const std::string html = out.str();
    CHECK(html.find("<td>8</td><td>P7, &lt;b&gt;Bold&lt;/b&gt;, P5, P4, P3 and 3 more</td>") !=
          std::string::npos);
    CHECK(html.find("Fine") == std::string::npos);
    check_golden("report_overview.html", html);

    // Fewer than the cap: every name, the last after "and".
    const std::vector<model::Participant> three = {people[0], people[1], people[8]};
    const auto two = report::analyse(three, quality::default_rules());
    std::ostringstream few;
    report::overview_section(few, two, report::ReportOptions{});
    CHECK(few.str().find("<td>2</td><td>P1 and P0</td>") != std::string::npos);
}

TEST_CASE("report --details breaks breaches down by network type and data center", "[report]") {
    const auto with = [](model::Participant p, const char* network, const char* centre) {
        model::Json session = model::details_json(nullptr);
        session["network_type"] = network;
        session["data_center"] = centre;
        p.details = session;
        return p;
    };
    std::vector<model::Participant> people = {
        with(participant("A", "Oslo", "Mac", 400), "Wifi", "Germany (FR)"),
        with(participant("B", "Oslo", "Mac", 300), "Wifi", "Germany (FR)"),
        with(participant("C", "Oslo", "Mac", 40), "Wired", "<i>Ireland</i>"),
        participant("D", "Oslo", "Mac", 40), // no session matched
    };
    people[3].details = model::details_json(nullptr);
    const auto event = report::analyse(people, quality::default_rules());
    std::ostringstream plain;
    report::breakdowns_section(plain, event, false);
    CHECK(plain.str().find("network type") == std::string::npos);
    std::ostringstream detailed;
    report::breakdowns_section(detailed, event, true);
    const std::string html = detailed.str();
    CHECK(html.find("<h3>By network type</h3>") != std::string::npos);
    CHECK(html.find("<h3>By data center</h3>") != std::string::npos);
    CHECK(html.find("Wifi: 2 of 2 participants with a breach") != std::string::npos);
    CHECK(html.find("Wired: 0 of 1 participants with a breach") != std::string::npos);
    CHECK(html.find("unknown: 0 of 1 participants with a breach") != std::string::npos);
    CHECK(html.find("<i>Ireland") == std::string::npos);
    check_golden("report_breakdowns_details.html", html);

    report::ReportOptions options;
    options.details = true;
    const std::string page_html = [&] {
        report::EventInfo info;
        info.id = "87000000001";
        std::ostringstream out;
        report::write(out, info, people, options);
        return out.str();
    }();
    CHECK(page_html.find("<dt>Network</dt><dd>Wifi</dd>") != std::string::npos);
    CHECK(page_html.find("<dt>Data center</dt><dd>Germany (FR)</dd>") != std::string::npos);
    CHECK(page(people).find("<dt>Network</dt>") == std::string::npos);
}
