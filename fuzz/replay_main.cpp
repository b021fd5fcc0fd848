// A main() for a libFuzzer target that runs its LLVMFuzzerTestOneInput once
// over each file given (a directory stands for the files in it), so that the
// checked-in corpus replays as an ordinary test in every build, gcc and
// ASan+UBSan included. fuzz/run builds the real fuzzers with clang.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs(const std::filesystem::path& where) {
    if (!std::filesystem::is_directory(where)) {
        return {where};
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(where)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t runs = 0;
    try {
        for (int i = 1; i < argc; ++i) {
            for (const std::filesystem::path& file : inputs(argv[i])) {
                std::ifstream in(file, std::ios::binary);
                const std::string bytes{std::istreambuf_iterator<char>(in),
                                        std::istreambuf_iterator<char>()};
                if (!in.good() && !in.eof()) {
                    std::cerr << "cannot read " << file << '\n';
                    return 1;
                }
                LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                       bytes.size());
                ++runs;
            }
        }
    } catch (const std::exception& error) {
        std::cerr << "replay: " << error.what() << '\n';
        return 1;
    }
    std::cout << runs << " inputs replayed\n";
    return runs > 0 ? 0 : 1; // an empty corpus would prove nothing
}
