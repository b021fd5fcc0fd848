#pragma once

namespace zoomqos::cli {

// The whole program: parses arguments, runs the subcommand, prints errors and
// returns the exit code documented in README.md. Nothing below it exits.
int run(int argc, char** argv);

} // namespace zoomqos::cli
