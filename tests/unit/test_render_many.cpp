#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "zoomqos/render/many.hpp"

using zoomqos::model::Json;
using zoomqos::render::JsonSequence;

TEST_CASE("a bare JSON array of participants, indented like render::json", "[render][many]") {
    std::ostringstream out;
    JsonSequence array(out);
    array.add(Json{{"id", "a"}, {"user_qos", Json::array()}});
    array.add(Json{{"id", "b"}});
    array.close();
    array.close(); // once only
    CHECK(out.str() == "[\n"
                       "  {\n"
                       "    \"id\": \"a\",\n"
                       "    \"user_qos\": []\n"
                       "  },\n"
                       "  {\n"
                       "    \"id\": \"b\"\n"
                       "  }\n"
                       "]\n");
    CHECK(Json::parse(out.str()).size() == 2);
}

TEST_CASE("a document whose participants array is written as pages arrive", "[render][many]") {
    std::ostringstream out;
    Json head = Json::object();
    head["webinar_id"] = "812";
    head["type"] = "past";
    head["total_records"] = 1;
    JsonSequence document(out, head);
    document.add(Json{{"id", "Zoë"}});
    document.close();
    CHECK(out.str() == "{\n"
                       "  \"webinar_id\": \"812\",\n"
                       "  \"type\": \"past\",\n"
                       "  \"total_records\": 1,\n"
                       "  \"participants\": [\n"
                       "    {\n"
                       "      \"id\": \"Zoë\"\n"
                       "    }\n"
                       "  ],\n"
                       "  \"complete\": true\n"
                       "}\n");
}

TEST_CASE("no participants is still valid JSON", "[render][many]") {
    std::ostringstream bare;
    JsonSequence(bare).close();
    CHECK(bare.str() == "[]\n");

    std::ostringstream document;
    JsonSequence empty(document, Json{{"webinar_id", "1"}});
    empty.close();
    CHECK(document.str() ==
          "{\n  \"webinar_id\": \"1\",\n  \"participants\": [],\n  \"complete\": true\n}\n");
    CHECK(Json::parse(document.str())["participants"].empty());
}

TEST_CASE("a run that stopped early closes its JSON and says so", "[render][many]") {
    std::ostringstream document;
    JsonSequence listing(document, Json{{"webinar_id", "1"}});
    listing.add(Json{{"id", "a"}});
    listing.close_incomplete("interrupted by SIGTERM");
    listing.close(); // once only: the first ending stands
    CHECK(document.str() == "{\n"
                            "  \"webinar_id\": \"1\",\n"
                            "  \"participants\": [\n"
                            "    {\n"
                            "      \"id\": \"a\"\n"
                            "    }\n"
                            "  ],\n"
                            "  \"complete\": false,\n"
                            "  \"reason\": \"interrupted by SIGTERM\"\n"
                            "}\n");

    std::ostringstream bare;
    JsonSequence array(bare);
    array.add(Json{{"id", "a"}});
    array.close_incomplete("page 2: \"quoted\"");
    const Json parsed = Json::parse(bare.str());
    REQUIRE(parsed.size() == 2);
    CHECK(parsed[0]["id"] == "a");
    CHECK(parsed[1] == Json{{"complete", false}, {"reason", "page 2: \"quoted\""}});

    std::ostringstream nothing;
    JsonSequence(nothing).close_incomplete("interrupted");
    CHECK(Json::parse(nothing.str()) ==
          Json::array({Json{{"complete", false}, {"reason", "interrupted"}}}));
}
