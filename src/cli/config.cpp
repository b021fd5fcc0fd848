#include <algorithm>
#include <iomanip>

#include "command.hpp"
#include "glance.hpp"
#include "target.hpp"

// `zoomqos config show`: every setting get and list take, resolved as they
// would resolve it, with its source.
namespace zoomqos::cli {

namespace {

class ConfigShowCommand : public Command {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* show = command_group(app, "config", "Inspect the configuration")
                             ->add_subcommand("show", "Print each resolved setting and where it "
                                                      "comes from (flag, env, config, default)");
        // The union of get's and list's option groups, so that each setting
        // shows its value and source as those commands would resolve it.
        add_event_options(*show, target_);
        add_output_option(*show, format_, kParticipantOutput);
        add_glance_options(*show, glance_, true);
        add_page_options(*show, pages_);
        add_pacing_options(*show, pacing_, true);
        add_connection_options(*show, connection_);
        return show;
    }

    ConnectionOptions& connection() override { return connection_; }

    Status run(const Streams& streams) override {
        std::size_t width = 7;
        for (const config::Setting& setting : connection_.settings) {
            width = std::max(width, setting.name.size());
        }
        std::size_t value_width = 5;
        for (const config::Setting& setting : connection_.settings) {
            value_width = std::max(value_width, setting.display_value().size());
        }
        streams.out << std::left << std::setw(static_cast<int>(width + 2)) << "SETTING"
                    << std::setw(static_cast<int>(value_width + 2)) << "VALUE"
                    << "SOURCE\n";
        for (const config::Setting& setting : connection_.settings) {
            streams.out << std::setw(static_cast<int>(width + 2)) << setting.name
                        << std::setw(static_cast<int>(value_width + 2)) << setting.display_value()
                        << setting.source.describe() << "\n";
        }
        return Ok{};
    }

private:
    EventTarget target_;
    render::Format format_ = render::Format::Table;
    GlanceOptions glance_;
    PageOptions pages_;
    PacingOptions pacing_;
    ConnectionOptions connection_;
};

} // namespace

std::unique_ptr<Command> make_config_show_command() {
    return std::make_unique<ConfigShowCommand>();
}

} // namespace zoomqos::cli
