#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <streambuf>

namespace zoomqos::term {

bool is_tty(int fd) noexcept;

// The environment variables that decide how output looks, as read (nullptr:
// unset). Kept apart from getenv so that the decisions are testable.
struct Environment {
    const char* no_color = nullptr;       // NO_COLOR
    const char* clicolor = nullptr;       // CLICOLOR
    const char* clicolor_force = nullptr; // CLICOLOR_FORCE
    const char* lc_all = nullptr;         // LC_ALL
    const char* lc_ctype = nullptr;       // LC_CTYPE
    const char* lang = nullptr;           // LANG
    const char* columns = nullptr;        // COLUMNS
};
Environment environment_from_process();

// Colour only on a terminal, never with NO_COLOR set (to anything but ""),
// nor with CLICOLOR=0; CLICOLOR_FORCE set to anything but "" or "0" forces
// it on a pipe too (NO_COLOR still wins). https://no-color.org, bixense.com/clicolors
bool colour_enabled(bool is_terminal, const Environment& env) noexcept;

// Whether the locale's character set is UTF-8: the first of LC_ALL,
// LC_CTYPE, LANG that is set and not empty decides ("C.UTF-8", "en_US.utf8").
// None set means the C locale: ASCII.
bool utf8_locale(const Environment& env) noexcept;

// Columns output may use: 100, or more when the terminal is wider (its
// size, else COLUMNS). Never less than 100: a narrow window wraps, and
// output piped to a file stays the same everywhere.
inline constexpr std::size_t kDefaultWidth = 100;
std::size_t output_width(std::optional<std::size_t> terminal_columns,
                         const Environment& env) noexcept;

// The terminal's width from TIOCGWINSZ, or nullopt when fd is no terminal.
std::optional<std::size_t> terminal_columns(int fd) noexcept;

// A std::streambuf over a file descriptor that remembers why a write failed,
// so the caller can tell a closed pipe (`| head -1`: exit quietly) from a full
// disk (an error worth reporting). std::cout keeps no errno.
class FdStreamBuf : public std::streambuf {
public:
    // `error`: a failure known before the first write (stdout closed at
    // start), which then writes nothing, as after a failed write.
    explicit FdStreamBuf(int fd, int error = 0) noexcept;
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
    std::array<char, std::size_t{64} * 1024> buffer_{};
};

} // namespace zoomqos::term
