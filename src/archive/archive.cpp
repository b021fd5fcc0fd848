#include "zoomqos/archive/archive.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <zlib.h>

#include "zoomqos/text/text.hpp"

namespace zoomqos::archive {

namespace {

// ".<final name>.tmp.<pid>": hidden, and never ending in kSuffix, so that a
// reader of the archive never takes one for a complete file.
constexpr std::string_view kTempPrefix = ".";
constexpr std::string_view kTempMarker = ".tmp.";

std::string path_in(const std::string& dir, const std::string& name) {
    return dir + "/" + name;
}

Error file_error(const std::string& what, const std::string& path, int error_number) {
    return make_error(ErrorKind::Internal,
                      what + " " + text::printable(path) + ": " + std::strerror(error_number));
}

Status sync_directory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return file_error("cannot open directory", dir, errno);
    }
    const int synced = ::fsync(fd);
    const int error_number = errno;
    ::close(fd);
    if (synced != 0) {
        return file_error("cannot sync directory", dir, error_number);
    }
    return Ok{};
}

} // namespace

std::string uuid_hash(std::string_view uuid) {
    std::uint32_t hash = 2166136261U;
    for (const char c : uuid) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619U;
    }
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex(8, '0');
    for (std::size_t i = hex.size(); i-- > 0; hash >>= 4U) {
        hex[i] = kHex[hash & 0xFU];
    }
    return hex;
}

std::string file_name(const model::Event& event) {
    std::string start = "unknown-start";
    if (event.start_time) {
        start = text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(*event.start_time));
        for (char& c : start) {
            if (c == ':') {
                c = '-';
            }
        }
    }
    const std::string id = event.id ? std::to_string(*event.id) : std::string("noid");
    return start + "_" + id + "_" + uuid_hash(event.uuid) + std::string(kSuffix);
}

Status prepare_directory(const std::string& dir) {
    struct stat info {};
    if (::stat(dir.c_str(), &info) == 0) {
        if (!S_ISDIR(info.st_mode)) {
            return make_error(ErrorKind::Usage,
                              "--archive " + text::printable(dir) + " is not a directory");
        }
        return Ok{};
    }
    if (::mkdir(dir.c_str(), 0755) != 0) {
        Error error = file_error("cannot create the archive directory", dir, errno);
        error.kind = ErrorKind::Usage;
        return error;
    }
    return Ok{};
}

bool exists(const std::string& dir, const std::string& name) {
    struct stat info {};
    return ::stat(path_in(dir, name).c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::size_t remove_stale_temporaries(const std::string& dir) {
    DIR* listing = ::opendir(dir.c_str());
    if (listing == nullptr) {
        return 0;
    }
    std::size_t removed = 0;
    while (const dirent* entry = ::readdir(listing)) {
        const std::string_view name = entry->d_name;
        const std::size_t marker = name.rfind(kTempMarker);
        if (!name.starts_with(kTempPrefix) || marker == std::string_view::npos) {
            continue;
        }
        const std::string pid_text(name.substr(marker + kTempMarker.size()));
        if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos ||
            pid_text.size() > 9) {
            continue;
        }
        const auto pid = static_cast<pid_t>(std::stol(pid_text));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) {
            continue; // still being written by a live process
        }
        if (::unlink(path_in(dir, std::string(name)).c_str()) == 0) {
            ++removed;
        }
    }
    ::closedir(listing);
    return removed;
}

Result<std::unique_ptr<Writer>> Writer::open(const std::string& dir, const std::string& name) {
    const std::string temp =
        std::string(kTempPrefix) + name + std::string(kTempMarker) + std::to_string(::getpid());
    const std::string path = path_in(dir, temp);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return file_error("cannot create", path, errno);
    }
    // gzclose() closes the descriptor it was given; a duplicate keeps `fd`
    // open for the fsync after it.
    const int gz_fd = ::dup(fd);
    gzFile gz = gz_fd < 0 ? nullptr : gzdopen(gz_fd, "wb");
    if (gz == nullptr) {
        if (gz_fd >= 0) {
            ::close(gz_fd);
        }
        ::close(fd);
        ::unlink(path.c_str());
        return make_error(ErrorKind::Internal,
                          "cannot start a gzip stream in " + text::printable(path));
    }
    return std::unique_ptr<Writer>(new Writer(dir, name, temp, fd, gz));
}

Writer::Writer(std::string dir, std::string name, std::string temp, int fd, void* gz)
    : dir_(std::move(dir)), name_(std::move(name)), temp_(std::move(temp)), fd_(fd), gz_(gz) {}

Writer::~Writer() {
    if (gz_ != nullptr) {
        gzclose(static_cast<gzFile>(gz_));
    }
    if (fd_ >= 0) {
        ::close(fd_);
    }
    if (!committed_) {
        ::unlink(path_in(dir_, temp_).c_str());
    }
}

Status Writer::write_line(std::string_view line) {
    auto* gz = static_cast<gzFile>(gz_);
    if (gz == nullptr) {
        return make_error(ErrorKind::Internal, "archive file already closed");
    }
    if ((!line.empty() && gzwrite(gz, line.data(), static_cast<unsigned>(line.size())) == 0) ||
        gzputc(gz, '\n') < 0) {
        return make_error(ErrorKind::Internal,
                          "cannot write " + text::printable(path_in(dir_, temp_)));
    }
    return Ok{};
}

Status Writer::commit() {
    const std::string temp_path = path_in(dir_, temp_);
    const int closed = gzclose(static_cast<gzFile>(gz_));
    gz_ = nullptr;
    if (closed != Z_OK) {
        return make_error(ErrorKind::Internal, "cannot finish " + text::printable(temp_path));
    }
    if (::fsync(fd_) != 0) {
        return file_error("cannot sync", temp_path, errno);
    }
    ::close(fd_);
    fd_ = -1;
    if (::rename(temp_path.c_str(), path_in(dir_, name_).c_str()) != 0) {
        return file_error("cannot rename", temp_path, errno);
    }
    committed_ = true;
    return sync_directory(dir_);
}

} // namespace zoomqos::archive
