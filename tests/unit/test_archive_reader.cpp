#include <string>
#include <vector>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "zoomqos/archive/reader.hpp"

#include "temp_dir.hpp"

namespace {

using namespace zoomqos;
using archive::LineReader;

std::string gzip(const std::string& text) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, text.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::vector<std::string> all_lines(LineReader& reader) {
    std::vector<std::string> lines;
    for (;;) {
        auto line = reader.next();
        REQUIRE(line.ok());
        if (!*line) {
            return lines;
        }
        lines.push_back(**line);
    }
}

const std::string kText = "{\"id\": 1}\n{\"a\": 2}\r\n\n{\"b\": 3}"; // no final newline

TEST_CASE("archive reader: gzip and plain give the same lines", "[archive]") {
    testing::TempDir dir;
    const std::vector<std::string> expected{"{\"id\": 1}", "{\"a\": 2}", "", "{\"b\": 3}"};
    for (const auto& path :
         {dir.write("plain.ndjson", kText), dir.write("packed.ndjson.gz", gzip(kText))}) {
        INFO(path);
        auto reader = LineReader::open(path);
        REQUIRE(reader.ok());
        CHECK(all_lines(*reader) == expected);
        CHECK(reader->line_number() == 4);
    }
}

TEST_CASE("archive reader: lines longer than the read buffer are whole", "[archive]") {
    testing::TempDir dir;
    const std::string long_line(300000, 'x');
    auto reader = LineReader::open(dir.write("long.gz", gzip(long_line + "\nend\n")));
    REQUIRE(reader.ok());
    CHECK(all_lines(*reader) == std::vector<std::string>{long_line, "end"});
}

TEST_CASE("archive reader: a truncated gzip file names the file and line", "[archive]") {
    testing::TempDir dir;
    std::string text;
    for (int i = 0; i < 2000; ++i) {
        text += "{\"participant\": " + std::to_string(i * 7919) + "}\n";
    }
    const std::string packed = gzip(text);
    const std::string path = dir.write("cut.gz", packed.substr(0, packed.size() / 2));
    auto reader = LineReader::open(path);
    REQUIRE(reader.ok());
    Error error;
    bool failed = false;
    for (int i = 0; i < 5000 && !failed; ++i) {
        auto line = reader->next();
        if (!line) {
            error = line.error();
            failed = true;
        } else if (!*line) {
            break;
        }
    }
    REQUIRE(failed);
    CHECK(error.kind == ErrorKind::InvalidResponse);
    CHECK(error.message.find(path + " line ") == 0);
    CHECK(error.message.find("truncated") != std::string::npos);
}

TEST_CASE("archive reader: a line over the limit is refused", "[archive]") {
    testing::TempDir dir;
    auto reader = LineReader::open(dir.write("big", "short\n" + std::string(100, 'y') + "\n"), 50);
    REQUIRE(reader.ok());
    auto first = reader->next();
    REQUIRE(first.ok());
    CHECK(**first == "short");
    auto second = reader->next();
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message.find("line 2: line longer than 50 bytes") != std::string::npos);
    auto exact = LineReader::open(dir.write("exact", std::string(50, 'z') + "\n"), 50);
    REQUIRE(exact.ok());
    CHECK(all_lines(*exact) == std::vector<std::string>{std::string(50, 'z')});
}

TEST_CASE("archive reader: a missing file is a usage error naming it", "[archive]") {
    auto reader = LineReader::open("/nonexistent/zoomqos-archive.gz");
    REQUIRE_FALSE(reader.ok());
    CHECK(reader.error().kind == ErrorKind::Usage);
    CHECK(reader.error().message.find("/nonexistent/zoomqos-archive.gz") != std::string::npos);
}

TEST_CASE("archive reader: an empty file has no lines", "[archive]") {
    testing::TempDir dir;
    auto reader = LineReader::open(dir.write("empty", ""));
    REQUIRE(reader.ok());
    CHECK(all_lines(*reader).empty());
}

} // namespace
