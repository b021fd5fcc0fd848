#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <vector>

#include "zoomqos/auth/cache.hpp"
#include "zoomqos/auth/credentials.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/text/text.hpp"

#include "command.hpp"
#include "glance.hpp"
#include "session.hpp"
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
        // -o (or --json) on the command line is how config show itself
        // prints; an `output` from the environment or a config file is get's
        // and list's, shown as a setting.
        const auto flag = [this](const char* name) {
            const config::Setting* setting = config::find_setting(connection_.settings, name);
            return setting != nullptr && setting->source.kind == config::SourceKind::Flag;
        };
        const render::Format format =
            flag("output") || flag("json") ? format_ : render::Format::Table;
        if (format != render::Format::Table && format != render::Format::Json) {
            return make_error(ErrorKind::Usage,
                              "config show prints a table or JSON: use -o table or -o json");
        }
        std::vector<Row> rows;
        for (const config::Setting& setting : connection_.settings) {
            rows.push_back({setting.name, setting.display_value(), setting.source.describe()});
        }
        rows.push_back(effective_api_url());
        if (format == render::Format::Json) {
            model::Json object = model::Json::object();
            for (const Row& row : rows) {
                object[row.name] = {{"value", row.value}, {"source", row.source}};
            }
            streams.out << object.dump(2, ' ', false, model::Json::error_handler_t::replace)
                        << '\n';
            return Ok{};
        }
        std::size_t width = 7;
        std::size_t value_width = 5;
        for (const Row& row : rows) {
            width = std::max(width, row.name.size());
            value_width = std::max(value_width, row.value.size());
        }
        streams.out << std::left << std::setw(static_cast<int>(width + 2)) << "SETTING"
                    << std::setw(static_cast<int>(value_width + 2)) << "VALUE"
                    << "SOURCE\n";
        for (const Row& row : rows) {
            streams.out << std::setw(static_cast<int>(width + 2)) << row.name
                        << std::setw(static_cast<int>(value_width + 2)) << row.value << row.source
                        << "\n";
        }
        return Ok{};
    }

private:
    struct Row {
        std::string name;
        std::string value;
        std::string source;
    };

    // The API URL requests would go to, and what decides it: a set api-url;
    // else, with Server-to-Server credentials, the api_url of the token,
    // read from the token cache when a cached token is there. Minting one is
    // a request, which config show does not make: the row then says so.
    Row effective_api_url() const {
        Row row{"effective-api-url", connection_.api_url, "default"};
        if (const config::Setting* api = config::find_setting(connection_.settings, "api-url")) {
            row.value = api->display_value();
            row.source = "api-url (" + api->source.describe() + ")";
        }
        if (connection_.api_url_given) {
            return row;
        }
        auto credentials = resolve_run_credentials(connection_);
        if (!credentials || credentials->static_token) {
            return row; // a static token carries no api_url
        }
        const auth::S2SCredentials& s2s = credentials->s2s;
        const std::string directory =
            auth::cache_directory(std::getenv("XDG_CACHE_HOME"), std::getenv("HOME"));
        if (!connection_.no_cache && !directory.empty()) {
            const auth::CacheLookup cached = auth::load_cached_token(
                directory + "/" +
                    auth::cache_file_name(s2s.oauth_url, s2s.account_id, s2s.client_id),
                auth::cache_key_for(s2s), auth::unix_now());
            if (cached.token) {
                if (!cached.token->api_url.empty()) {
                    std::string url = cached.token->api_url;
                    while (!url.empty() && url.back() == '/') {
                        url.pop_back();
                    }
                    return {row.name, text::printable(url + "/v2"), "token api_url (cached token)"};
                }
                return row; // a token without api_url leaves the configured URL
            }
        }
        row.source += " unless the token's api_url says otherwise: known after a token request "
                      "(zoomqos auth status)";
        return row;
    }

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
