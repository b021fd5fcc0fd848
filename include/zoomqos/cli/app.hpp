#pragma once

namespace zoomqos::cli {

// The whole program: parses arguments, runs the subcommand, prints errors and
// returns the exit code documented in README.md. Nothing below it exits.
int run(int argc, char** argv);

// The same in zoomqos-exporter, the one program that links the exporter's
// server (prometheus-cpp, civetweb): zoomqos hands `zoomqos exporter ...`
// over to it, and it runs every command as zoomqos would.
int run_exporter(int argc, char** argv);

} // namespace zoomqos::cli
