#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "zoomqos/errors.hpp"

// Event archives (what `zoomqos sweep` writes, what `list --input` reads):
// NDJSON, gzip-compressed or plain, read one line at a time so that memory is
// bounded by the longest line, never by the file.
namespace zoomqos::archive {

// A line longer than this is refused: a participant of a full day's
// one-minute samples is a few MiB.
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} * 1024U * 1024U;

// How much of a file's path an error message shows: a path is typed or
// globbed, and one line on stderr must stay one readable line.
inline constexpr std::size_t kMaxPathShown = 200;

class LineReader {
public:
    // gzip is recognised by its magic bytes; anything else is read as is.
    // Errors: the file cannot be opened (ErrorKind::Usage, naming it).
    static Result<LineReader> open(const std::string& path, std::size_t max_line = kMaxLineBytes);

    // The next line without its '\n' (and '\r'), or none at the end of the
    // file. Errors (ErrorKind::InvalidResponse, "<path> line <n>: ..."): a
    // damaged or truncated gzip stream, a line over the limit.
    Result<std::optional<std::string>> next();

    // The number of the line next() returned last (1-based).
    std::size_t line_number() const { return line_; }
    const std::string& path() const { return path_; }

    // "<path> line <n>: <what>", ErrorKind::InvalidResponse: for errors in a
    // line's content, worded like the reader's own.
    Error error_at_line(const std::string& what) const;

private:
    struct Closer {
        void operator()(void* file) const;
    };
    LineReader(std::string path, void* file, std::size_t max_line);
    Error line_error(std::size_t line, const std::string& what) const;

    std::string path_;
    std::unique_ptr<void, Closer> file_;
    std::size_t max_line_;
    std::size_t line_ = 0;
    bool done_ = false;
};

} // namespace zoomqos::archive
