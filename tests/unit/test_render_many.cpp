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
                       "  ]\n"
                       "}\n");
}

TEST_CASE("no participants is still valid JSON", "[render][many]") {
    std::ostringstream bare;
    JsonSequence(bare).close();
    CHECK(bare.str() == "[]\n");

    std::ostringstream document;
    JsonSequence empty(document, Json{{"webinar_id", "1"}});
    empty.close();
    CHECK(document.str() == "{\n  \"webinar_id\": \"1\",\n  \"participants\": []\n}\n");
    CHECK(Json::parse(document.str())["participants"].empty());
}
