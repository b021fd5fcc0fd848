#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace zoomqos::testing {

// A private directory under the system's temp dir, removed with everything
// in it when the test ends.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "zoomqos-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    TempDir(TempDir&&) = delete;
    TempDir& operator=(TempDir&&) = delete;

    // Writes `content` to the file `name` in the directory; its path.
    std::string write(const char* name, const std::string& content) const {
        const std::filesystem::path file = path / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
};

} // namespace zoomqos::testing
