#include "zoomqos/cli/app.hpp"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <iostream>

#include "zoomqos/http/client.hpp"
#include "zoomqos/term/terminal.hpp"
#include "zoomqos/version.hpp"

#include "commands.hpp"

namespace zoomqos::cli {

namespace {

// "zoomqos", "zoomqos get", "zoomqos config show": the words that run it.
std::string command_path(const CLI::App* command) {
    std::string path;
    for (; command != nullptr && command->get_parent() != nullptr;
         command = command->get_parent()) {
        path.insert(0, " " + command->get_name());
    }
    return "zoomqos" + path;
}

// CLI11's messages are one line; ours add how to get help. Usage errors exit 2
// whatever CLI11 would have returned.
int usage_error(const std::string& message, const CLI::App* command) {
    std::cerr << "zoomqos: error: " << message << "\n";
    std::string name = command_path(command);
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

CLI::Validator finite_number() {
    // CLI::Range lets NaN through (every comparison with it is false).
    return CLI::Validator(
        [](std::string& input) -> std::string {
            double value = 0;
            if (CLI::detail::lexical_cast(input, value) && !std::isfinite(value)) {
                return "not a finite number: " + input;
            }
            return {};
        },
        "", "FINITE");
}

std::string setting_origin(const ConnectionOptions& options, const std::string& name) {
    const config::Setting* setting = config::find_setting(options.settings, name);
    if (setting == nullptr) {
        return "--" + name;
    }
    switch (setting->source.kind) {
    case config::SourceKind::Env:
        return setting->source.detail;
    case config::SourceKind::Config:
        return name + " in " + setting->source.detail;
    default:
        return "--" + name;
    }
}

void add_connection_options(CLI::App& command, ConnectionOptions& options) {
    // No CLI11 envname(): resolve_settings() applies ZOOM_API_URL so that the
    // environment beats the config file.
    command
        .add_option("--api-url", options.api_url,
                    "Zoom API base URL (env ZOOM_API_URL; default: the api_url of a minted "
                    "token, else this)")
        ->type_name("URL")
        ->capture_default_str();
    command
        .add_option("--token-file", options.token_file,
                    "Read the access token from the first line of this file "
                    "(default: env ZOOM_ACCESS_TOKEN)")
        ->type_name("PATH");
    command
        .add_option("--timeout", options.timeout_seconds,
                    "Seconds allowed for the whole request, all attempts and backoff waits "
                    "included (Retry-After waits are bounded by --max-wait instead)")
        ->check(finite_number())
        ->check(CLI::Range(0.1, 86400.0))
        ->type_name("SECONDS")
        ->capture_default_str();
    command
        .add_option("--retries", options.retries,
                    "Retries after a 429, a 5xx or a failed connection; 0 disables them")
        ->check(CLI::Range(0, 10))
        ->type_name("N")
        ->capture_default_str();
    command
        .add_option("--max-wait", options.max_wait_seconds,
                    "Longest Retry-After to wait out; a longer one ends with exit 5 at once")
        ->check(finite_number())
        ->check(CLI::Range(0.0, 86400.0))
        ->type_name("SECONDS")
        ->capture_default_str();
    command
        .add_option("--max-body", options.max_body,
                    "Largest response body accepted, in bytes (a plain count); larger ones are "
                    "cut off while downloading (exit 7)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40U))
        ->type_name("BYTES")
        ->capture_default_str();
    command
        .add_option("--cacert", options.cacert,
                    "PEM file of the CA certificates to trust instead of the system's (default: "
                    "env CURL_CA_BUNDLE, then SSL_CERT_FILE)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE");
    command.add_flag("-v,--verbose", options.verbose,
                     "Log requests, responses and timing to stderr (tokens redacted)");
    add_credential_options(command, options);
}

http::RetryPolicy retry_policy(const ConnectionOptions& options) {
    http::RetryPolicy policy;
    policy.retries = options.retries;
    policy.max_wait =
        std::chrono::milliseconds(static_cast<long long>(options.max_wait_seconds * 1000.0));
    return policy;
}

void apply_connection_options(const ConnectionOptions& options, http::Request& request) {
    request.timeout =
        std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000.0));
    request.max_body = options.max_body;
    request.ca_file = options.cacert;
}

int run(int argc, char** argv) {
    // A closed stdout (`zoomqos ... | head -1`) shows up as EPIPE on write,
    // handled below, instead of killing the process mid-way.
    if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        std::cerr << "zoomqos: warning: cannot ignore SIGPIPE: " << std::strerror(errno) << "\n";
    }
    // Ctrl-C aborts a transfer or a retry wait; run() then exits 130.
    http::install_interrupt_handler();

    CLI::App app{"Zoom webinar and meeting participant QoS from the command line", "zoomqos"};
    app.set_version_flag("--version", std::string("zoomqos ") + kVersion + " (commit " +
                                          git_commit() + ")\n" + http::library_versions());
    app.require_subcommand(1);
    app.footer("Exit codes: 0 ok, 1 Zoom API or internal error, 2 usage, 3 authentication, "
               "4 not found, 5 rate limited, 6 network, 7 invalid response.\n"
               "Documentation: README.md\n");

    GetOptions get_options;
    CLI::App* get = add_get_command(app, get_options);
    ListOptions list_options;
    CLI::App* list = add_list_command(app, list_options);
    AuthStatusOptions auth_options;
    CLI::App* auth_status = add_auth_command(app, auth_options);
    ConfigShowOptions config_options;
    CLI::App* config_show = add_config_command(app, config_options);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // CLI11 names a subcommand alone ("Usage: get"); prefix the program.
        const CLI::App* command = deepest_subcommand(app);
        const std::string parents = command_path(command->get_parent());
        std::cout << (command == &app ? app.help() : command->help(parents));
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
            status = resolve_settings(app, *get, get_options.connection, std::cerr);
            if (status) {
                status = run_get(get_options, streams);
            }
        } else if (list->parsed()) {
            status = resolve_settings(app, *list, list_options.common.connection, std::cerr);
            if (status) {
                status = run_list(list_options, streams);
            }
        } else if (auth_status->parsed()) {
            status = resolve_settings(app, *auth_status, auth_options.connection, std::cerr);
            if (status) {
                status = run_auth_status(auth_options, streams);
            }
        } else if (config_show->parsed()) {
            status = resolve_settings(app, *config_show, config_options.run.common.connection,
                                      std::cerr);
            if (status) {
                status = run_config_show(config_options, streams);
            }
        }
    } catch (const std::exception& unexpected) {
        // Errors are values everywhere below; reaching this is a bug, but it
        // still ends with a message and a documented exit code.
        status =
            make_error(ErrorKind::Internal, std::string("internal error: ") + unexpected.what());
    }
    out.flush();

    if (http::interrupted()) {
        // Nothing was written: output is rendered only from a complete body.
        std::cerr << "zoomqos: interrupted\n";
        return 128 + SIGINT;
    }
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
        if (status.error().reported) {
            return exit_code(status.error().kind);
        }
        if (status.error().kind == ErrorKind::Usage) {
            return usage_error(status.error().message, deepest_subcommand(app));
        }
        std::cerr << format_error(status.error());
        return exit_code(status.error().kind);
    }
    return 0;
}

} // namespace zoomqos::cli
