#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include <CLI/CLI.hpp>

#include "zoomqos/errors.hpp"

#include "options.hpp"
#include "streams.hpp"

// A subcommand: one file that registers its options (assembled from the
// shared groups in options.hpp, target.hpp, glance.hpp) and runs from them.
// Adding one is a new file and a line in app.cpp's command table.
namespace zoomqos::cli {

class Command {
public:
    Command() = default;
    virtual ~Command() = default;
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;
    Command(Command&&) = delete;
    Command& operator=(Command&&) = delete;

    // Registers the subcommand on `app`; returns the one that runs (the
    // leaf: `status` of `auth status`), so run() can tell it was chosen.
    virtual CLI::App* add_to(CLI::App& app) = 0;
    // The options resolve_settings() completes after parsing, from the
    // environment and the config file.
    virtual ConnectionOptions& connection() = 0;
    virtual Status run(const Streams& streams) = 0;
};

// The parent of a two-word command ("auth" of `auth status`), made by the
// first command that names it and shared by the others. It only groups: one
// of its subcommands must follow.
CLI::App* command_group(CLI::App& app, const std::string& name, const std::string& description);

struct ExporterOptions;
using ServeExporter = Status (*)(const ExporterOptions&, const Streams&);

// What the running program links beyond zoomqos_core. The exporter's server
// (prometheus-cpp, civetweb) is in zoomqos-exporter alone (exporter.hpp).
struct Program {
    ServeExporter serve_exporter = nullptr; // none: `exporter` is handed over
};

std::unique_ptr<Command> make_get_command();
std::unique_ptr<Command> make_list_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_events_command();
std::unique_ptr<Command> make_sweep_command();
std::unique_ptr<Command> make_exporter_command(const Program& program);
std::unique_ptr<Command> make_auth_status_command();
std::unique_ptr<Command> make_config_show_command();

// After parsing: fills the options of `command` that no flag set from the
// environment, then from the config file (flags > env > config > defaults),
// records each setting's source in options.settings and resolves the client
// secret. Unknown keys and malformed files are usage errors naming file and
// line. Warns on `err` about a config file with a secret that others can read
// (settings.cpp).
// `app` may hold only the command run; a config key none of its options
// knows is looked up in every command's, which collect_every_key adds to the
// set (collect_config_keys over a tree holding them all).
Status resolve_settings(const CLI::App& app, CLI::App& command, ConnectionOptions& options,
                        const std::function<void(std::set<std::string>&)>& collect_every_key,
                        std::ostream& err);

// The keys a config file may set for the options of `app` and its
// subcommands: their long names, but help, version and config.
void collect_config_keys(const CLI::App& app, std::set<std::string>& keys);

} // namespace zoomqos::cli
