#pragma once

#include <cstddef>
#include <istream>
#include <ostream>

#include "zoomqos/term/terminal.hpp"

// Where a command reads and writes, and what the terminal behind each stream
// can show. run() makes it once from the process; a test makes it from
// string streams, so no command probes file descriptors or the environment.
namespace zoomqos::cli {

struct Streams {
    std::ostream& out; // data
    std::ostream& err; // diagnostics: -v, warnings, breaches, progress
    std::istream& in;  // participant IDs given as "-"
    bool out_tty = false;
    bool err_tty = false;
    bool colour = false; // ANSI colour on `out`
    bool utf8 = true;    // the locale can show UTF-8 (else ASCII fallbacks)
    std::size_t width = term::kDefaultWidth;
    // stdout's descriptor buffer, to tell a closed pipe from a full disk;
    // none for string streams.
    const term::FdStreamBuf* out_buffer = nullptr;

    // errno of the first failed write to `out`, or 0.
    int out_error() const;
};

// The process's streams: `out` over `out_buffer` (fd 1), std::cerr, std::cin,
// with the terminal facts of fds 1 and 2 and the environment.
Streams process_streams(std::ostream& out, const term::FdStreamBuf& out_buffer);

} // namespace zoomqos::cli
