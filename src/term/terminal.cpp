#include "zoomqos/term/terminal.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace zoomqos::term {

bool is_tty(int fd) noexcept {
    return ::isatty(fd) == 1;
}

FdStreamBuf::FdStreamBuf(int fd) noexcept : fd_(fd) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdStreamBuf::~FdStreamBuf() {
    flush_buffer();
}

bool FdStreamBuf::write_all(const char* data, std::size_t count) noexcept {
    if (error_ != 0) {
        return false; // after a failure nothing more is written, or retried
    }
    while (count > 0) {
        const ssize_t written = ::write(fd_, data, count);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_ = errno;
            return false;
        }
        data += written;
        count -= static_cast<std::size_t>(written);
    }
    return true;
}

bool FdStreamBuf::flush_buffer() noexcept {
    const auto pending = static_cast<std::size_t>(pptr() - pbase());
    const bool ok = write_all(pbase(), pending);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type ch) {
    if (!flush_buffer()) {
        return traits_type::eof();
    }
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

int FdStreamBuf::sync() {
    return flush_buffer() ? 0 : -1;
}

std::streamsize FdStreamBuf::xsputn(const char* data, std::streamsize count) {
    const auto size = static_cast<std::size_t>(count);
    const auto room = static_cast<std::size_t>(epptr() - pptr());
    if (size <= room) {
        std::memcpy(pptr(), data, size);
        pbump(static_cast<int>(size));
        return count;
    }
    // Larger than what is left: flush and write straight through.
    if (!flush_buffer() || !write_all(data, size)) {
        return 0;
    }
    return count;
}

} // namespace zoomqos::term
