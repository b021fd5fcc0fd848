#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "zoomqos/archive/archive.hpp"

#include "temp_dir.hpp"

using namespace zoomqos;

namespace {

model::Event event(const char* uuid, const char* start, std::int64_t id) {
    std::string line = std::string(R"({"webinars":[{"uuid":")") + uuid + R"(","id":)" +
                       std::to_string(id) + R"(,"start_time":")" + start + R"("}]})";
    auto page = model::parse_event_page(line, "webinar");
    REQUIRE(page);
    REQUIRE(page->events.size() == 1);
    return page->events[0];
}

std::string gunzip(const std::string& path) {
    gzFile gz = gzopen(path.c_str(), "rb");
    REQUIRE(gz != nullptr);
    std::string out;
    char buffer[4096];
    int read = 0;
    while ((read = gzread(gz, buffer, sizeof buffer)) > 0) {
        out.append(buffer, static_cast<std::size_t>(read));
    }
    gzclose(gz);
    return out;
}

std::size_t entries(const std::filesystem::path& dir) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("archive file names sort by start time and keep instances apart", "[archive]") {
    CHECK(archive::uuid_hash("") == "811c9dc5");
    CHECK(archive::uuid_hash("a") == "e40c292c");
    const auto slash = event("/Zq0aA1b2Cc3Dd4==", "2026-11-13T10:00:00Z", 83456789012);
    const auto doubled =
        event("Hq8//tR5wXyZ2aBc3dE4fg==", "2026-11-20T11:00:00+01:00", 83456789012);
    CHECK(archive::file_name(slash) == "2026-11-13T10-00-00Z_83456789012_" +
                                           archive::uuid_hash("/Zq0aA1b2Cc3Dd4==") + ".ndjson.gz");
    CHECK(archive::file_name(doubled).starts_with("2026-11-20T10-00-00Z_83456789012_"));
    CHECK(archive::file_name(slash) < archive::file_name(doubled));
    CHECK(archive::file_name(slash) !=
          archive::file_name(event("other", "2026-11-13T10:00:00Z", 83456789012)));
    CHECK(archive::file_name(slash).find('/') == std::string::npos);
    auto unknown = event("u", "later", 1);
    CHECK(archive::file_name(unknown) ==
          "unknown-start_1_" + archive::uuid_hash("u") + ".ndjson.gz");
}

TEST_CASE("an archive file appears under its name only once committed", "[archive]") {
    const testing::TempDir dir;
    const std::string name = "2026-11-13T10-00-00Z_1_00000000.ndjson.gz";
    {
        auto writer = archive::Writer::open(dir.path.string(), name);
        REQUIRE(writer);
        REQUIRE((*writer)->write_line("{\"a\":1}"));
        CHECK_FALSE(archive::exists(dir.path.string(), name));
        CHECK(entries(dir.path) == 1); // the temporary file
    }
    // Dropped without commit: nothing left at all.
    CHECK(entries(dir.path) == 0);
    auto writer = archive::Writer::open(dir.path.string(), name);
    REQUIRE(writer);
    REQUIRE((*writer)->write_line("{\"a\":1}"));
    REQUIRE((*writer)->write_line("{\"b\":2}"));
    REQUIRE((*writer)->commit());
    CHECK(archive::exists(dir.path.string(), name));
    CHECK(entries(dir.path) == 1);
    CHECK(gunzip((dir.path / name).string()) == "{\"a\":1}\n{\"b\":2}\n");
}

TEST_CASE("temporary files of dead processes are removed, others kept", "[archive]") {
    const testing::TempDir dir;
    // PIDs above the kernel's maximum (4194304) belong to no process.
    dir.write(".x.ndjson.gz.tmp.999999999", "partial");
    dir.write((".y.ndjson.gz.tmp." + std::to_string(::getppid())).c_str(), "in progress");
    dir.write("2026-11-13T10-00-00Z_1_00000000.ndjson.gz", "complete");
    dir.write(".not-ours", "x");
    CHECK(archive::remove_stale_temporaries(dir.path.string()) == 1);
    CHECK(entries(dir.path) == 3);
    CHECK_FALSE(std::filesystem::exists(dir.path / ".x.ndjson.gz.tmp.999999999"));
}

TEST_CASE("the archive directory is made when missing, refused when a file", "[archive]") {
    const testing::TempDir dir;
    CHECK(archive::prepare_directory((dir.path / "new").string()));
    CHECK(std::filesystem::is_directory(dir.path / "new"));
    CHECK(archive::prepare_directory((dir.path / "new").string()));
    const std::string file = dir.write("file", "x");
    const auto refused = archive::prepare_directory(file);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::Usage);
    CHECK_FALSE(archive::prepare_directory((dir.path / "a" / "b").string()));
}
