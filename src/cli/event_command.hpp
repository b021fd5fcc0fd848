#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zoomqos/errors.hpp"
#include "zoomqos/render/render.hpp"

#include "command.hpp"
#include "glance.hpp"
#include "options.hpp"
#include "session.hpp"
#include "streams.hpp"
#include "target.hpp"

// A command about one event's participants (get, list, report). The base registers
// the event and the option groups they share, checks them before any
// credential is used (usage errors, exit 2), opens the session and hands it
// to the command; the command adds what only it takes and does the rest.
namespace zoomqos::cli {

struct EventOptions {
    EventTarget target;
    render::Format format = render::Format::Table;
    GlanceOptions glance;
    PacingOptions pacing;
    ConnectionOptions connection;
};

class EventCommand : public Command {
public:
    ConnectionOptions& connection() final { return options_.connection; }
    Status run(const Streams& streams) final;

protected:
    // The subcommand with its WEBINAR argument; the command adds its own
    // arguments and options, then add_shared_options(). `offline_source`: the
    // option that replaces the argument when the command runs offline
    // ("--input FILE"); the argument is then optional on CLI11's side and
    // required here unless offline().
    CLI::App* add_event_command(CLI::App& app, const std::string& name,
                                const std::string& description,
                                const std::string& offline_source = {});
    // --type, --meeting, -o, the glance, pacing and connection groups, and a
    // footer of `examples` and the exit codes. `one_participant`: get's
    // --samples and --watch; `concurrent`: --concurrency.
    void add_shared_options(CLI::App& command, bool one_participant, bool concurrent,
                            const std::string& examples);
    // The same groups for a command that writes a document rather than a
    // chosen format (report): no -o format, no --annotate.
    void add_document_options(CLI::App& command, const std::string& examples);

    // Usage checks of the command's own arguments, before the session opens.
    virtual Status check(const Glance& glance, const Streams& streams) = 0;
    virtual Status run_in(Session& session, const Glance& glance, const Streams& streams) = 0;

    // A command that can read its participants from a file instead of Zoom
    // (list --input, report --input): true skips the event check and the session, and
    // run_offline() does the work.
    virtual bool offline() const { return false; }
    virtual Status run_offline(const Glance& glance, const Streams& streams);

    // The options add_shared_options() registered for the connection
    // (--api-url, --token-file, ...), which an offline source excludes.
    const std::vector<CLI::Option*>& connection_options() const { return connection_options_; }
    CLI::Option* event_argument() const { return event_argument_; }

    EventOptions options_;

private:
    // The connection group, its options remembered for connection_options().
    void add_connection_group(CLI::App& command);

    CLI::Option* event_argument_ = nullptr;
    std::string offline_source_;
    std::vector<CLI::Option*> connection_options_;
};

} // namespace zoomqos::cli
