#pragma once

#include <unistd.h>

namespace zoomqos::auth {

// Owns a file descriptor: closed on every return path of the file readers
// and writers in this module.
class Fd {
public:
    explicit Fd(int fd) noexcept : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&&) = delete;
    Fd& operator=(Fd&&) = delete;
    int get() const noexcept { return fd_; }
    // Hands the descriptor over, e.g. to be closed explicitly and checked.
    int release() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

} // namespace zoomqos::auth
