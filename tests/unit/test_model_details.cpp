#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"

namespace {

using namespace zoomqos;
using model::Json;

model::Participant qos(const std::string& user_id, const std::string& join,
                       const std::string& name = "Alex Kim") {
    model::Participant p;
    p.user_id = user_id;
    p.join_time = join;
    p.user_name = name;
    return p;
}

Json session(const std::string& user_id, const std::string& join, const std::string& network,
             const std::string& name = "Alex Kim") {
    return model::details_json(Json{
        {"user_id", user_id}, {"user_name", name}, {"join_time", join}, {"network_type", network}});
}

model::SessionIndex index_of_sessions() {
    model::SessionIndex index;
    index.add(session("1", "T10:08", "Cellular")); // Alex again, listed first
    index.add(session("2", "T10:01", "Wired"));    // another Alex Kim
    index.add(session("3", "T10:00:31", "PPP", "Priya"));
    index.add(session("1", "T10:00", "Wifi")); // Alex's first visit
    index.add(session("", "T10:02", "Others", "Guest"));
    return index;
}

TEST_CASE("details join: the exact session of a rejoined user", "[details]") {
    const auto index = index_of_sessions();
    CHECK(index.size() == 4); // the session without a user_id cannot be matched
    CHECK(index.match(qos("1", "T10:00"))["network_type"] == "Wifi");
    CHECK(index.match(qos("1", "T10:08"))["network_type"] == "Cellular");
}

TEST_CASE("details join: same user_id when no join_time matches", "[details]") {
    const auto index = index_of_sessions();
    CHECK(index.match(qos("3", "T10:00:30", "Priya"))["network_type"] == "PPP");
    // Several sessions and none at this time: the first one listed.
    CHECK(index.match(qos("1", "T11:00"))["network_type"] == "Cellular");
    model::Participant no_time = qos("2", "");
    no_time.join_time.reset();
    CHECK(index.match(no_time)["network_type"] == "Wired");
}

TEST_CASE("details join: never by name; unmatched gives nulls", "[details]") {
    const auto index = index_of_sessions();
    const Json unmatched = index.match(qos("9", "T10:00", "Alex Kim"));
    CHECK(unmatched == model::details_json(nullptr));
    CHECK(unmatched["network_type"].is_null());
    model::Participant guest = qos("", "T10:02", "Guest");
    CHECK(index.match(guest)["network_type"].is_null());
    guest.user_id.reset();
    CHECK(index.match(guest)["user_name"].is_null());
}

TEST_CASE("details pages: sessions, token, bad shapes", "[details]") {
    auto page = model::parse_details_page(
        R"({"page_size": 300, "next_page_token": "abc", "participants": [
            {"id": "x", "user_id": "1", "network_type": "Wifi", "pc_name": "p"}, 7]})");
    REQUIRE(page.ok());
    CHECK(page->next_page_token == "abc");
    REQUIRE(page->sessions.size() == 1);
    CHECK(page->sessions[0]["network_type"] == "Wifi");
    CHECK_FALSE(page->sessions[0].contains("pc_name"));
    auto empty = model::parse_details_page(R"({"next_page_token": ""})");
    REQUIRE(empty.ok());
    CHECK(empty->sessions.empty());
    CHECK_FALSE(model::parse_details_page("[]").ok());
    CHECK_FALSE(model::parse_details_page(R"({"participants": {}})").ok());
    const auto not_json = model::parse_details_page("{");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.error().kind == ErrorKind::InvalidResponse);
}

} // namespace
