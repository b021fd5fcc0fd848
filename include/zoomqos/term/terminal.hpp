#pragma once

#include <array>
#include <streambuf>

namespace zoomqos::term {

bool is_tty(int fd) noexcept;

// A std::streambuf over a file descriptor that remembers why a write failed,
// so the caller can tell a closed pipe (`| head -1`: exit quietly) from a full
// disk (an error worth reporting). std::cout keeps no errno.
class FdStreamBuf : public std::streambuf {
public:
    explicit FdStreamBuf(int fd) noexcept;
    ~FdStreamBuf() override;
    FdStreamBuf(const FdStreamBuf&) = delete;
    FdStreamBuf& operator=(const FdStreamBuf&) = delete;
    FdStreamBuf(FdStreamBuf&&) = delete;
    FdStreamBuf& operator=(FdStreamBuf&&) = delete;

    // errno of the first failed write, or 0.
    int error() const noexcept { return error_; }

protected:
    int_type overflow(int_type ch) override;
    int sync() override;
    std::streamsize xsputn(const char* data, std::streamsize count) override;

private:
    bool flush_buffer() noexcept;
    bool write_all(const char* data, std::size_t count) noexcept;

    int fd_;
    int error_ = 0;
    std::array<char, 64 * 1024> buffer_{};
};

} // namespace zoomqos::term
