// memscan PID NEEDLE...: how many times each NEEDLE occurs in the memory of
// process PID, one count per line, in the order given. Reads every readable
// mapping of /proc/PID/maps through /proc/PID/mem (root, or the process's
// user while it is dumpable). Mappings over 1 GiB are skipped: a sanitizer's
// shadow memory is reserved in terabytes and holds no program data.
//
// The integration test of the client secret's one buffer uses it: what a
// debugger or a read of /proc/PID/mem would find, found the same way.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace {

constexpr unsigned long long kMaxMapping = 1ULL << 30U;
constexpr std::size_t kChunk = std::size_t{1} << 20U;

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: memscan PID NEEDLE...\n";
        return 2;
    }
    const std::string pid = argv[1];
    std::vector<std::string_view> needles(argv + 2, argv + argc);
    std::size_t longest = 0;
    for (const std::string_view needle : needles) {
        if (needle.empty()) {
            std::cerr << "memscan: an empty needle\n";
            return 2;
        }
        longest = std::max(longest, needle.size());
    }
    std::ifstream maps("/proc/" + pid + "/maps");
    const int mem = ::open(("/proc/" + pid + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
    if (!maps || mem < 0) {
        std::cerr << "memscan: cannot read the memory of process " << pid << ": "
                  << std::strerror(errno) << "\n";
        return 1;
    }
    std::vector<std::size_t> counts(needles.size(), 0);
    std::size_t scanned = 0;
    std::string line;
    std::string buffer;
    while (std::getline(maps, line)) {
        // "START-END PERMS ...", addresses in hex.
        char* rest = nullptr;
        const unsigned long long start = std::strtoull(line.c_str(), &rest, 16);
        if (rest == nullptr || *rest != '-') {
            continue;
        }
        const unsigned long long end = std::strtoull(rest + 1, &rest, 16);
        if (rest == nullptr || *rest != ' ' || rest[1] != 'r' || end <= start ||
            end - start > kMaxMapping) {
            continue;
        }
        // Chunks overlap by a needle's length, and a match is counted only
        // when it starts before the overlap, so none is counted twice.
        for (unsigned long long at = start; at < end; at += kChunk) {
            const std::size_t want = static_cast<std::size_t>(
                std::min<unsigned long long>(end - at, kChunk + longest - 1));
            buffer.resize(want);
            const ssize_t got = ::pread(mem, buffer.data(), want, static_cast<off_t>(at));
            if (got <= 0) {
                break; // [vvar] and the like cannot be read
            }
            scanned += static_cast<std::size_t>(got);
            const std::string_view view(buffer.data(), static_cast<std::size_t>(got));
            for (std::size_t i = 0; i < needles.size(); ++i) {
                const std::size_t limit = std::min(view.size(), kChunk + needles[i].size() - 1);
                const std::size_t own = std::min(view.size(), kChunk);
                for (auto hit = view.substr(0, limit).find(needles[i]);
                     hit != std::string_view::npos && hit < own;
                     hit = view.substr(0, limit).find(needles[i], hit + 1)) {
                    ++counts[i];
                }
            }
        }
    }
    (void)::close(mem);
    if (scanned == 0) {
        std::cerr << "memscan: nothing of process " << pid << " could be read\n";
        return 1;
    }
    for (const std::size_t count : counts) {
        std::cout << count << "\n";
    }
    return 0;
}
