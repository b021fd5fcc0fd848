#pragma once

#include <string>
#include <vector>

#include "streams.hpp"

namespace zoomqos::cli {

// run(argc, argv) without the process: the arguments after the program name
// and the streams to use, for tests. Signal handlers are the caller's.
int run(const std::vector<std::string>& args, const Streams& streams);

} // namespace zoomqos::cli
