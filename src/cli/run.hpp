#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "streams.hpp"

namespace zoomqos::cli {

// run(argc, argv) without the process: the arguments after the program name
// and the streams to use, for tests. Signal handlers are the caller's.
// `program`: what this program serves itself; zoomqos's (the default) hands
// `exporter` over to zoomqos-exporter.
int run(const std::vector<std::string>& args, const Streams& streams, const Program& program = {});

// The process around it, as app.hpp's run() and run_exporter() start it.
int run(int argc, char** argv, const Program& program);

} // namespace zoomqos::cli
