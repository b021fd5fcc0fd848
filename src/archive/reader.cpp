#include "zoomqos/archive/reader.hpp"

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>
#include <zlib.h>

#include "zoomqos/text/text.hpp"

namespace zoomqos::archive {

namespace {

gzFile as_gz(void* file) {
    return static_cast<gzFile>(file);
}

} // namespace

void LineReader::Closer::operator()(void* file) const {
    if (file != nullptr) {
        gzclose(as_gz(file));
    }
}

LineReader::LineReader(std::string path, void* file, std::size_t max_line)
    : path_(std::move(path)), file_(file), max_line_(max_line) {}

Result<LineReader> LineReader::open(const std::string& path, std::size_t max_line) {
    // gzopen reads a file without the gzip magic transparently, as it is.
    errno = 0;
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) {
        const int error = errno;
        return make_error(ErrorKind::Usage,
                          "cannot open " + text::printable(path, kMaxPathShown) +
                              (error != 0 ? ": " + std::string(std::strerror(error)) : ""));
    }
    return LineReader(path, file, max_line);
}

Error LineReader::error_at_line(const std::string& what) const {
    return line_error(line_, what);
}

Error LineReader::line_error(std::size_t line, const std::string& what) const {
    return make_error(ErrorKind::InvalidResponse, text::printable(path_, kMaxPathShown) + " line " +
                                                      std::to_string(line) + ": " + what);
}

Result<std::optional<std::string>> LineReader::next() {
    if (done_) {
        return std::optional<std::string>();
    }
    std::string line;
    std::vector<char> buffer(std::size_t{64} * 1024U);
    bool any = false;
    const std::size_t number = line_ + 1;
    for (;;) {
        if (gzgets(as_gz(file_.get()), buffer.data(), static_cast<int>(buffer.size())) == nullptr) {
            int code = Z_OK;
            const char* message = gzerror(as_gz(file_.get()), &code);
            if (code != Z_OK && code != Z_STREAM_END) {
                done_ = true;
                // A truncated gzip stream reads as "unexpected end of file".
                return line_error(number, std::string("damaged or truncated gzip data (") +
                                              (message != nullptr ? message : "zlib error") + ")");
            }
            done_ = true;
            if (!any) {
                return std::optional<std::string>();
            }
            break;
        }
        any = true;
        const std::size_t got = std::strlen(buffer.data());
        line.append(buffer.data(), got);
        const bool ended = got > 0 && buffer[got - 1] == '\n';
        if (line.size() > max_line_ + (ended ? 1 : 0)) {
            done_ = true;
            return line_error(number, "line longer than " + std::to_string(max_line_) + " bytes");
        }
        if (ended) {
            break;
        }
    }
    if (!line.empty() && line.back() == '\n') {
        line.pop_back();
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    line_ = number;
    return std::optional<std::string>(std::move(line));
}

} // namespace zoomqos::archive
