#include "exporter.hpp"

#include <memory>

#include "command.hpp"
#include "options.hpp"

// `zoomqos exporter`'s options. Serving them is exporter_serve.cpp's.
namespace zoomqos::cli {

namespace {

class ExporterCommand : public Command {
public:
    explicit ExporterCommand(ServeExporter serve) : serve_(serve) {}

    CLI::App* add_to(CLI::App& app) override {
        CLI::App* command = app.add_subcommand(
            "exporter", "Serve live webinars' (or meetings') QoS to Prometheus on GET /metrics");
        command
            ->add_option("--listen", options_.listen,
                         "ADDRESS:PORT to serve GET /metrics and GET /healthz on")
            ->type_name("ADDRESS:PORT")
            ->capture_default_str();
        command
            ->add_option("--interval", options_.interval_seconds,
                         "Seconds between polls (at least; stretched to fit --rate and "
                         "--daily-budget)")
            ->check(finite_number())
            ->check(CLI::Range(1.0, 86400.0))
            ->type_name("SECONDS")
            ->capture_default_str();
        command->add_flag("--meeting", options_.meeting, "The events are meetings, not webinars");
        command
            ->add_option("--events", options_.events,
                         "live: every live event (GET /metrics/webinars?type=live), or a "
                         "comma-separated list of event IDs")
            ->type_name("live|ID,...")
            ->capture_default_str();
        command
            ->add_option("--daily-budget", options_.daily_budget,
                         "API requests a day the polls may use (default: half of the Pro plan's "
                         "30,000); 0: no daily budget")
            ->check(CLI::Range(0L, 10'000'000L))
            ->type_name("N")
            ->capture_default_str();
        command->add_option("--thresholds", options_.glance.thresholds,
                            "Change the default thresholds the breaching counts use, e.g. "
                            "'latency>200,loss>3' (the rule grammar of get's fail-on option)");
        add_pacing_options(*command, options_.pacing, false);
        // The exporter shows no progress; what -q quiets here is the log.
        command->get_option("--quiet")->description("Log warnings and errors only, not each poll");
        add_connection_options(*command, options_.connection);
        command->footer("Logs one logfmt line per event on stderr (-q: warnings only). Stops on "
                        "SIGTERM or SIGINT (exit 143 or 130).\n"
                        "Examples:\n"
                        "  zoomqos exporter\n"
                        "  zoomqos exporter --listen 127.0.0.1:9464 --events 81234567890 "
                        "--interval 30\n" +
                        exit_codes_help());
        return command;
    }

    ConnectionOptions& connection() override { return options_.connection; }

    Status run(const Streams& streams) override {
        if (serve_ == nullptr) {
            // zoomqos hands `exporter` over before parsing (app.cpp).
            return make_error(ErrorKind::Internal,
                              "internal error: this program does not serve the exporter");
        }
        return serve_(options_, streams);
    }

private:
    ServeExporter serve_;
    ExporterOptions options_;
};

} // namespace

std::unique_ptr<Command> make_exporter_command(const Program& program) {
    return std::make_unique<ExporterCommand>(program.serve_exporter);
}

} // namespace zoomqos::cli
