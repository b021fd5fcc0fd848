#include "zoomqos/term/terminal.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

namespace zoomqos::term {

bool is_tty(int fd) noexcept {
    return ::isatty(fd) == 1;
}

namespace {

bool set_and_not(const char* value, std::string_view off) noexcept {
    return value != nullptr && *value != '\0' && std::string_view(value) != off;
}

} // namespace

Environment environment_from_process() {
    Environment env;
    env.no_color = std::getenv("NO_COLOR");
    env.clicolor = std::getenv("CLICOLOR");
    env.clicolor_force = std::getenv("CLICOLOR_FORCE");
    env.lc_all = std::getenv("LC_ALL");
    env.lc_ctype = std::getenv("LC_CTYPE");
    env.lang = std::getenv("LANG");
    env.columns = std::getenv("COLUMNS");
    return env;
}

bool colour_enabled(bool is_terminal, const Environment& env) noexcept {
    if (set_and_not(env.no_color, "")) {
        return false;
    }
    if (set_and_not(env.clicolor_force, "0")) {
        return true;
    }
    if (env.clicolor != nullptr && std::string_view(env.clicolor) == "0") {
        return false;
    }
    return is_terminal;
}

bool utf8_locale(const Environment& env) noexcept {
    for (const char* value : {env.lc_all, env.lc_ctype, env.lang}) {
        if (value == nullptr || *value == '\0') {
            continue;
        }
        // The codeset follows the '.', before any '@modifier'.
        std::string_view locale(value);
        const auto dot = locale.find('.');
        if (dot == std::string_view::npos) {
            return false;
        }
        std::string_view codeset = locale.substr(dot + 1);
        codeset = codeset.substr(0, codeset.find('@'));
        std::string lower;
        for (char c : codeset) {
            if (c != '-') {
                lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
        }
        return lower == "utf8";
    }
    return false;
}

std::size_t output_width(std::optional<std::size_t> terminal_cols,
                         const Environment& env) noexcept {
    std::size_t width = terminal_cols.value_or(0);
    if (!terminal_cols && env.columns != nullptr) {
        const std::string_view text(env.columns);
        std::size_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc{} && end == text.data() + text.size()) {
            width = value;
        }
    }
    // An absurd COLUMNS must not make lines of megabytes.
    return std::clamp<std::size_t>(width, kDefaultWidth, 1000);
}

std::optional<std::size_t> terminal_columns(int fd) noexcept {
    winsize size{};
    if (!is_tty(fd) || ::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(size.ws_col);
}

FdStreamBuf::FdStreamBuf(int fd, int error) noexcept : fd_(fd), error_(error) {
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
