#include "zoomqos/cli/app.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

#include "zoomqos/http/client.hpp"
#include "zoomqos/term/terminal.hpp"
#include "zoomqos/version.hpp"

#include "commands.hpp"

namespace zoomqos::cli {

namespace {

// CLI11's messages are one line; ours add how to get help. Usage errors exit 2
// whatever CLI11 would have returned.
int usage_error(const std::string& message, const CLI::App* command) {
    std::cerr << "zoomqos: error: " << message << "\n";
    std::string name = "zoomqos";
    if (command != nullptr && command->get_parent() != nullptr) {
        name += " " + command->get_name();
    }
    std::cerr << "Run '" << name << " --help' for usage.\n";
    return exit_code(ErrorKind::Usage);
}

const CLI::App* deepest_subcommand(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) {
        return deepest_subcommand(*sub);
    }
    return &app;
}

} // namespace

void add_connection_options(CLI::App& command, ConnectionOptions& options) {
    command.add_option("--api-url", options.api_url, "Zoom API base URL")
        ->envname("ZOOM_API_URL")
        ->type_name("URL")
        ->capture_default_str();
    command
        .add_option("--token-file", options.token_file,
                    "Read the access token from the first line of this file "
                    "(default: env ZOOM_ACCESS_TOKEN)")
        ->type_name("PATH");
    command
        .add_option("--timeout", options.timeout_seconds, "Seconds allowed for the whole request")
        ->check(CLI::Range(0.1, 86400.0))
        ->type_name("SECONDS")
        ->capture_default_str();
    command.add_flag("-v,--verbose", options.verbose,
                     "Log requests, responses and timing to stderr (tokens redacted)");
}

int run(int argc, char** argv) {
    // A closed stdout (`zoomqos ... | head -1`) shows up as EPIPE on write,
    // handled below, instead of killing the process mid-way.
    std::signal(SIGPIPE, SIG_IGN);

    CLI::App app{"Zoom webinar and meeting participant QoS from the command line", "zoomqos"};
    app.set_version_flag("--version", std::string("zoomqos ") + kVersion + " (commit " +
                                          git_commit() + ")\n" + http::library_versions());
    app.require_subcommand(1);
    app.footer("Exit codes: 0 ok, 1 Zoom API or internal error, 2 usage, 3 authentication, "
               "4 not found, 5 rate limited, 6 network, 7 invalid response.\n"
               "Documentation: README.md\n");

    GetOptions get_options;
    CLI::App* get = add_get_command(app, get_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // CLI11 names a subcommand alone ("Usage: get"); prefix the program.
        const CLI::App* command = deepest_subcommand(app);
        std::cout << (command == &app ? app.help() : command->help("zoomqos"));
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        std::cout << app.version() << "\n";
        return 0;
    } catch (const CLI::ParseError& error) {
        if (argc <= 1) {
            std::cerr << app.help();
            return exit_code(ErrorKind::Usage);
        }
        return usage_error(error.what(), deepest_subcommand(app));
    }

    term::FdStreamBuf stdout_buffer(1);
    std::ostream out(&stdout_buffer);
    const Streams streams{out, std::cerr};

    Status status = Ok{};
    try {
        if (get->parsed()) {
            status = run_get(get_options, streams);
        }
    } catch (const std::exception& unexpected) {
        // Errors are values everywhere below; reaching this is a bug, but it
        // still ends with a message and a documented exit code.
        status =
            make_error(ErrorKind::Internal, std::string("internal error: ") + unexpected.what());
    }
    out.flush();

    if (stdout_buffer.error() == EPIPE) {
        // The reader went away (| head): nothing to report, like any filter.
        return 128 + SIGPIPE;
    }
    if (stdout_buffer.error() != 0) {
        std::cerr << "zoomqos: error: cannot write output: " << std::strerror(stdout_buffer.error())
                  << "\n";
        return exit_code(ErrorKind::Internal);
    }
    if (!status) {
        if (status.error().kind == ErrorKind::Usage) {
            return usage_error(status.error().message, deepest_subcommand(app));
        }
        std::cerr << format_error(status.error());
        return exit_code(status.error().kind);
    }
    return 0;
}

} // namespace zoomqos::cli
