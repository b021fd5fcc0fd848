#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/target.hpp"

namespace {

using namespace zoomqos;
using cli::EventTarget;

// Parses `args` (after the subcommand) with the event argument and options,
// as `get` and `list` register them.
EventTarget parse_target(std::vector<std::string> args) {
    CLI::App app{"test"};
    EventTarget target;
    cli::add_event_argument(app, target);
    cli::add_event_options(app, target);
    std::reverse(args.begin(), args.end()); // CLI11 takes them last first
    app.parse(args);
    return target;
}

constexpr const char* kBase = "https://api.zoom.us/v2";

} // namespace

TEST_CASE("An event target defaults to a live webinar", "[cli][target]") {
    const EventTarget target = parse_target({"81234567890"});
    CHECK(target.kind == api::EventKind::Webinar);
    CHECK(target.type == api::QosType::Live);
    CHECK(target.id == "81234567890");
    CHECK(target.noun() == "webinar");
    CHECK(target.event_key() == "webinar_id");
    CHECK(target.participant_url(kBase, "16778240") ==
          "https://api.zoom.us/v2/metrics/webinars/81234567890/participants/16778240/qos"
          "?type=live");
    CHECK(target.page_url(kBase, 10, "") ==
          "https://api.zoom.us/v2/metrics/webinars/81234567890/participants/qos"
          "?type=live&page_size=10");
}

TEST_CASE("A meeting, past: --meeting and --type change the URLs, keys and context",
          "[cli][target]") {
    const EventTarget target = parse_target({"--meeting", "85012345678", "--type", "past"});
    CHECK(target.kind == api::EventKind::Meeting);
    CHECK(target.type == api::QosType::Past);
    CHECK(target.event_key() == "meeting_id");
    CHECK(target.participant_url(kBase, "a b") ==
          "https://api.zoom.us/v2/metrics/meetings/85012345678/participants/a%20b/qos?type=past");
    CHECK(target.page_url(kBase, 30, "tok+en") ==
          "https://api.zoom.us/v2/metrics/meetings/85012345678/participants/qos"
          "?type=past&page_size=30&next_page_token=tok%2Ben");

    const api::RequestContext context = target.context("16778240");
    CHECK(context.kind == api::EventKind::Meeting);
    CHECK(context.type == api::QosType::Past);
    CHECK(context.event_id == "85012345678");
    CHECK(context.participant_id == "16778240");

    const render::Subject subject = target.subject("16778240");
    CHECK(subject.event_key == "meeting_id");
    CHECK(subject.event_id == "85012345678");
    CHECK(subject.participant_id == "16778240");
}

TEST_CASE("An instance UUID is double-encoded in the event segment", "[cli][target]") {
    const EventTarget target = parse_target({"/ab==", "--type=past"});
    CHECK(target.participant_url(kBase, "1") ==
          "https://api.zoom.us/v2/metrics/webinars/%252Fab%253D%253D/participants/1/qos"
          "?type=past");
}

TEST_CASE("The type is live or past, nothing else", "[cli][target]") {
    CHECK_THROWS_AS(parse_target({"81234567890", "--type", "ended"}), CLI::ValidationError);
    CHECK_THROWS_AS(parse_target({"81234567890", "--type", "PAST"}), CLI::ValidationError);
    CHECK_THROWS_AS(parse_target({}), CLI::RequiredError);
}

TEST_CASE("An event ID Zoom could not hold is a usage error", "[cli][target]") {
    EventTarget target;
    target.id = "81234567890";
    CHECK(target.check());
    target.id = "";
    REQUIRE_FALSE(target.check());
    CHECK(target.check().error().kind == ErrorKind::Usage);
    target.id = " \t";
    CHECK_FALSE(target.check());
    target.id = std::string(10'000, '1');
    REQUIRE_FALSE(target.check());
    CHECK(target.check().error().message == "webinar ID is 10000 bytes long; Zoom IDs are far "
                                            "shorter (at most " +
                                                std::to_string(512) + " accepted)");
}
