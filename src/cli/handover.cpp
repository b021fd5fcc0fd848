#include "handover.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace zoomqos::cli {

namespace {

// The directory of this executable, as the kernel knows it: argv[0] may be
// a bare name found on PATH, or anything its caller chose.
std::string own_directory() {
    std::array<char, 4096> path{};
    const ssize_t length = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
    if (length <= 0) {
        return {};
    }
    const std::string self(path.data(), static_cast<std::size_t>(length));
    const std::size_t slash = self.rfind('/');
    return slash == std::string::npos ? std::string() : self.substr(0, slash);
}

} // namespace

Error hand_over(std::string_view name, const std::vector<std::string>& args) {
    const std::string directory = own_directory();
    if (directory.empty()) {
        return make_error(ErrorKind::Internal,
                          "cannot run " + std::string(name) +
                              ": cannot read /proc/self/exe: " + std::strerror(errno));
    }
    const std::array<std::string, 2> candidates{directory + "/" + std::string(name),
                                                directory + "/" ZOOMQOS_LIBEXEC_FROM_BIN "/" +
                                                    std::string(name)};
    for (const std::string& program : candidates) {
        // Present but not runnable (its mode, a bad file) is told as such
        // by execv's error, not taken for missing.
        if (::access(program.c_str(), F_OK) != 0) {
            continue;
        }
        // execv() wants writable strings: copies of its arguments.
        std::vector<std::string> words{program};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        argv.reserve(words.size() + 1);
        for (std::string& word : words) {
            argv.push_back(word.data());
        }
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        return make_error(ErrorKind::Internal,
                          "cannot run " + program + ": " + std::strerror(errno));
    }
    Error error = make_error(ErrorKind::Internal, std::string(name) + " is not installed: not in " +
                                                      candidates[0] + " nor in " + candidates[1]);
    error.hint = std::string(name) + " comes with zoomqos: reinstall the package, or build it";
    return error;
}

} // namespace zoomqos::cli
