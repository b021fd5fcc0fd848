#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "zoomqos/http/body.hpp"

using zoomqos::http::Body;

TEST_CASE("a body keeps every byte across many growths", "[http][body]") {
    Body body;
    CHECK(body.empty());
    CHECK(body.view().empty());
    CHECK(std::string(body.data()).empty()); // never a null pointer
    std::string expected;
    for (int i = 0; i < 20000; ++i) {
        const std::string piece = std::to_string(i) + (i % 7 == 0 ? std::string(1, '\0') : ",");
        REQUIRE(body.try_append(piece.data(), piece.size()));
        expected += piece;
    }
    CHECK(body.size() == expected.size());
    CHECK(body == expected);
    CHECK(body.capacity() >= body.size());
    CHECK(body.capacity() < 2 * body.size() + 8192); // grown by doubling, not by the byte
}

TEST_CASE("a body reserved ahead is filled without moving", "[http][body]") {
    Body body;
    REQUIRE(body.try_reserve(std::size_t{1} << 20U));
    const char* before = body.data();
    const std::string kib(1024, 'x');
    for (int i = 0; i < 1024; ++i) {
        REQUIRE(body.try_append(kib.data(), kib.size()));
    }
    CHECK(body.data() == before);
    CHECK(body.size() == std::size_t{1} << 20U);
    REQUIRE(body.try_append("y", 1)); // one byte past the reservation still fits, by growing
    CHECK(body.view().back() == 'y');
    CHECK(body.view().substr(0, 4) == "xxxx");
}

TEST_CASE("a body copies, moves, assigns and clears like a string", "[http][body]") {
    Body body("{\"a\":1}");
    Body copy = body;
    CHECK(copy == "{\"a\":1}");
    CHECK(copy.data() != body.data());
    Body moved = std::move(body);
    CHECK(moved == "{\"a\":1}");
    CHECK(body.empty()); // a moved-from body is empty, as documented
    copy = "other";
    CHECK(copy.str() == "other");
    copy = moved;
    CHECK(copy == "{\"a\":1}");
    copy.clear();
    CHECK(copy.empty());
    CHECK(copy.capacity() > 0); // the mapping is kept for the next response
    const std::string_view as_view = moved;
    CHECK(as_view == "{\"a\":1}");
}

TEST_CASE("a body refuses a size it cannot hold instead of throwing", "[http][body]") {
    Body body("abc");
    CHECK_FALSE(body.try_reserve(SIZE_MAX - 10));
    CHECK_FALSE(body.try_append("x", SIZE_MAX));
    CHECK(body == "abc");
}
