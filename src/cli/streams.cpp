#include "streams.hpp"

#include <cerrno>
#include <iostream>
#include <unistd.h>

namespace zoomqos::cli {

int Streams::out_error() const {
    if (out_buffer != nullptr) {
        return out_buffer->error();
    }
    return out ? 0 : EIO;
}

Streams process_streams(std::ostream& out, const term::FdStreamBuf& out_buffer) {
    const auto env = term::environment_from_process();
    Streams streams{out, std::cerr, std::cin};
    streams.out_tty = term::is_tty(STDOUT_FILENO);
    streams.err_tty = term::is_tty(STDERR_FILENO);
    streams.colour = term::colour_enabled(streams.out_tty, env);
    streams.utf8 = term::utf8_locale(env);
    streams.width = term::output_width(term::terminal_columns(STDOUT_FILENO), env);
    streams.out_buffer = &out_buffer;
    return streams;
}

} // namespace zoomqos::cli
