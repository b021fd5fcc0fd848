#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "zoomqos/errors.hpp"

// One subcommand a file: each registers its options on the parser and runs
// from the options it was given. Private to the cli module.
namespace zoomqos::cli {

// Where a command writes: data to `out`, diagnostics (-v, warnings) to `err`.
struct Streams {
    std::ostream& out;
    std::ostream& err;
};

// Options every command that talks to Zoom shares.
struct ConnectionOptions {
    std::string api_url = "https://api.zoom.us/v2";
    std::optional<std::string> token_file;
    double timeout_seconds = 30;
    bool verbose = false;
};
void add_connection_options(CLI::App& command, ConnectionOptions& options);

struct GetOptions {
    ConnectionOptions connection;
    std::string event_id;
    std::string participant_id;
    std::string type = "live";
    bool meeting = false;
    std::string output = "table";
    bool json = false;
};
CLI::App* add_get_command(CLI::App& app, GetOptions& options);
Status run_get(const GetOptions& options, const Streams& streams);

} // namespace zoomqos::cli
