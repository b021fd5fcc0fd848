#include "zoomqos/cli/app.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <optional>
#include <set>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "zoomqos/http/client.hpp"
#include "zoomqos/process/core_dumps.hpp"
#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/term/terminal.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/version.hpp"

#include "command.hpp"
#include "complete.hpp"
#include "handover.hpp"
#include "run.hpp"

namespace zoomqos::cli {

namespace {

// Every subcommand, in the order --help lists them, by the words that run it.
using CommandFactory = std::unique_ptr<Command> (*)(const Program&);
struct CommandEntry {
    std::string_view path; // what add_to() registers: "get", "auth status"
    CommandFactory make;
};
// A command that every program runs the same way.
template <std::unique_ptr<Command> (*make)()>
std::unique_ptr<Command> in_any_program(const Program& /*program*/) {
    return make();
}
constexpr std::string_view kExporterPath = "exporter";
constexpr std::string_view kExporterProgram = "zoomqos-exporter";
constexpr auto kCommands = std::to_array<CommandEntry>({
    {"get", in_any_program<make_get_command>},
    {"list", in_any_program<make_list_command>},
    {"report", in_any_program<make_report_command>},
    {"events", in_any_program<make_events_command>},
    {"sweep", in_any_program<make_sweep_command>},
    {kExporterPath, make_exporter_command},
    {"auth status", in_any_program<make_auth_status_command>},
    {"config show", in_any_program<make_config_show_command>},
});

// The command the arguments begin with, word for word; none for anything
// else (no command, an option first, a typo, a group alone).
const CommandEntry* named_command(const std::vector<std::string>& args) {
    for (const CommandEntry& entry : kCommands) {
        std::string_view rest = entry.path;
        std::size_t word = 0;
        for (; !rest.empty() && word < args.size(); ++word) {
            const std::size_t space = rest.find(' ');
            if (args[word] != rest.substr(0, space)) {
                break;
            }
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        if (rest.empty()) {
            return &entry;
        }
    }
    return nullptr;
}

// "zoomqos", "zoomqos get", "zoomqos config show": the words that run it.
std::string command_path(const CLI::App* command) {
    std::string path;
    for (; command != nullptr && command->get_parent() != nullptr;
         command = command->get_parent()) {
        path.insert(0, " " + command->get_name());
    }
    return "zoomqos" + path;
}

// What was typed (or pasted) may be quoted in a message: control characters
// are made harmless and a long value is cut, line by line (a --fail-on error
// points at the bad character on its second line).
std::string harmless(std::string_view message) {
    constexpr std::size_t kMaxLine = 300;
    return text::printable_lines(message, kMaxLine);
}

// CLI11's messages are one line; ours add the error's hint, if any, and how to
// get help. Usage errors exit 2 whatever CLI11 would have returned.
int usage_error(const std::string& message, const CLI::App* command, std::ostream& err,
                std::string_view hint = {}) {
    err << "zoomqos: error: " << harmless(message);
    if (!hint.empty()) {
        err << "hint: " << harmless(hint);
    }
    err << "Run '" << command_path(command) << " --help' for usage.\n";
    return exit_code(ErrorKind::Usage);
}

// Levenshtein distance, for suggesting the command a typo meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// "unknown command 'gett'; did you mean 'get'?" (within two edits), else the list.
std::string unknown_command(const CLI::App& app, const std::string& typed) {
    std::string names;
    std::string nearest;
    std::size_t best = 3;
    for (const CLI::App* command : app.get_subcommands({})) {
        const std::string& name = command->get_name();
        names += (names.empty() ? "" : ", ") + name;
        if (const std::size_t distance = edit_distance(typed, name); distance < best) {
            best = distance;
            nearest = name;
        }
    }
    return "unknown command '" + typed + "'; " +
           (nearest.empty() ? "the commands are " + names : "did you mean '" + nearest + "'?");
}

const CLI::App* deepest_subcommand(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) {
        return deepest_subcommand(*sub);
    }
    return &app;
}

// Parses; a help or version request, or a parse error, is answered here and
// its exit code returned.
std::optional<int> parse(CLI::App& app, std::vector<std::string> args, const Streams& streams) {
    const bool no_arguments = args.empty();
    const std::string first = no_arguments ? std::string() : args.front();
    std::reverse(args.begin(), args.end()); // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::CallForHelp&) {
        // CLI11 names a subcommand alone ("Usage: get"); prefix the program.
        const CLI::App* command = deepest_subcommand(app);
        const std::string parents = command_path(command->get_parent());
        streams.out << (command == &app ? app.help() : command->help(parents));
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        streams.out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        streams.out << app.version() << "\n";
        return 0;
    } catch (const CLI::ParseError& error) {
        if (no_arguments) {
            streams.err << app.help();
            return exit_code(ErrorKind::Usage);
        }
        // A mistyped command (`zoomqos lsit`) is left over as an extra word,
        // and CLI11 would only say that a command is required.
        if (deepest_subcommand(app) == &app && !first.starts_with('-')) {
            return usage_error(unknown_command(app, first), &app, streams.err);
        }
        return usage_error(error.what(), deepest_subcommand(app), streams.err);
    }
    return std::nullopt;
}

// Every key some command accepts, from the whole option tree: built only
// when the config file has a key the command run does not know. Options
// are the same in every program.
void collect_every_key(std::set<std::string>& keys) {
    CLI::App app;
    std::vector<std::unique_ptr<Command>> commands;
    for (const CommandEntry& entry : kCommands) {
        commands.push_back(entry.make(Program{}));
        commands.back()->add_to(app);
    }
    collect_config_keys(app, keys);
}

// The chosen command, its settings resolved, run. Errors are values below
// this point; an exception reaching here is a bug, but it still ends with a
// message and a documented exit code.
Status run_chosen(const CLI::App& app, const std::vector<std::unique_ptr<Command>>& commands,
                  const std::vector<CLI::App*>& subcommands, const Streams& streams) {
    try {
        for (std::size_t i = 0; i < commands.size(); ++i) {
            if (!subcommands[i]->parsed()) {
                continue;
            }
            if (auto status = resolve_settings(app, *subcommands[i], commands[i]->connection(),
                                               collect_every_key, streams.err);
                !status) {
                return status;
            }
            return commands[i]->run(streams);
        }
    } catch (const std::exception& unexpected) {
        return make_error(ErrorKind::Internal, std::string("internal error: ") + unexpected.what());
    }
    return Ok{};
}

// Opens /dev/null on each of fds 0-2 that is closed; which ones were. Left
// closed, the next open() or socket() takes the number, and libcurl's
// connection would become our stdout or stderr.
std::array<bool, 3> open_closed_standard_fds() {
    std::array<bool, 3> closed{};
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) {
            continue;
        }
        closed.at(static_cast<std::size_t>(fd)) = true;
        // The lowest free number: this one, as those below are open by now.
        const int null = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (null >= 0 && null != fd) {
            ::dup2(null, fd);
            ::close(null);
        }
    }
    return closed;
}

} // namespace

CLI::App* command_group(CLI::App& app, const std::string& name, const std::string& description) {
    for (CLI::App* existing : app.get_subcommands({})) {
        if (existing->get_name() == name) {
            return existing;
        }
    }
    CLI::App* group = app.add_subcommand(name, description);
    group->require_subcommand(1);
    return group;
}

int run(const std::vector<std::string>& args, const Streams& streams, const Program& program) {
    CLI::App app{"Zoom webinar and meeting participant QoS from the command line", "zoomqos"};
    app.set_version_flag("--version", std::string("zoomqos ") + kVersion + " (commit " +
                                          git_commit() + ")\n" + http::library_versions());
    app.require_subcommand(1);
    app.footer(exit_codes_help() + "Documentation: man zoomqos, and README.md\n");

    // Building every command's options costs about a millisecond at each
    // start, more than the rest of the start-up: a run that names its command
    // builds only that one. Help, completions and the typo hint get them all.
    const CommandEntry* named =
        !args.empty() && args.front() != kCompleteCommand ? named_command(args) : nullptr;
    // Before parsing, so that the program serving it is the one that reads
    // the arguments, the config file and any secret, once.
    if (named != nullptr && named->path == kExporterPath && program.serve_exporter == nullptr) {
        streams.out.flush();
        streams.err << format_error(hand_over(kExporterProgram, args));
        return exit_code(ErrorKind::Internal);
    }
    std::vector<std::unique_ptr<Command>> commands;
    std::vector<CLI::App*> subcommands;
    for (const CommandEntry& entry : kCommands) {
        if (named != nullptr && &entry != named) {
            continue;
        }
        commands.push_back(entry.make(program));
        subcommands.push_back(commands.back()->add_to(app));
        if (command_path(subcommands.back()) != "zoomqos " + std::string(entry.path)) {
            streams.err << "zoomqos: internal error: command table names '" << entry.path
                        << "' for '" << command_path(subcommands.back()) << "'\n";
            return exit_code(ErrorKind::Internal);
        }
    }
    // Hidden: what the completion scripts ask (complete.hpp).
    if (!args.empty() && args.front() == kCompleteCommand) {
        print_completions(app, std::vector<std::string>(args.begin() + 1, args.end()), streams.out);
        streams.out.flush();
        return 0;
    }
    if (auto answered = parse(app, args, streams)) {
        return *answered;
    }

    const Status status = run_chosen(app, commands, subcommands, streams);
    streams.out.flush();

    if (process::interrupted_loudly()) {
        // A JSON document already begun may be cut or closed early: the exit
        // code is what says the output is incomplete.
        const int signal = process::interrupt_signal();
        streams.err << "zoomqos: interrupted"
                    << (signal == SIGINT ? "" : " by " + process::signal_name(signal)) << "\n";
        return 128 + signal;
    }
    if (const int write_error = streams.out_error(); write_error != 0) {
        if (write_error == EPIPE) {
            // The reader went away (| head): nothing to report, like any filter.
            return 128 + SIGPIPE;
        }
        streams.err << "zoomqos: error: cannot write output: " << std::strerror(write_error)
                    << "\n";
        return exit_code(ErrorKind::Internal);
    }
    if (!status) {
        if (status.error().reported) {
            return exit_code(status.error().kind);
        }
        if (status.error().kind == ErrorKind::Usage) {
            return usage_error(status.error().message, deepest_subcommand(app), streams.err,
                               status.error().hint);
        }
        streams.err << format_error(status.error());
        return exit_code(status.error().kind);
    }
    return 0;
}

int run(int argc, char** argv) {
    return run(argc, argv, Program{});
}

int run(int argc, char** argv, const Program& program) {
    // First of all, before anything opens a file or socket that could take
    // the number of a closed standard stream and receive our output.
    const bool stdout_closed = open_closed_standard_fds()[STDOUT_FILENO];
    // A closed stdout (`zoomqos ... | head -1`) shows up as EPIPE on write,
    // handled in run(), instead of killing the process mid-way.
    if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        std::cerr << "zoomqos: warning: cannot ignore SIGPIPE: " << std::strerror(errno) << "\n";
    }
    // Ctrl-C, SIGTERM and SIGHUP abort a transfer or a wait; run() then
    // exits 128 + the signal.
    process::install_interrupt_handlers();
    // Tokens and the client secret live in this process's memory: no core
    // file may carry them to disk. Failing that is not worth stopping for.
    (void)process::disable_core_dumps();

    // A stdout closed at start is a reader that went away before the first
    // write: a broken pipe (exit 141), not output into /dev/null.
    term::FdStreamBuf stdout_buffer(STDOUT_FILENO, stdout_closed ? EPIPE : 0);
    std::ostream out(&stdout_buffer);
    const Streams streams = process_streams(out, stdout_buffer);
    return run(std::vector<std::string>(argv + std::min(argc, 1), argv + argc), streams, program);
}

} // namespace zoomqos::cli
