#include <chrono>
#include <cstdlib>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "zoomqos/api/event_lists.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/auth/cache.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

#include "command.hpp"
#include "session.hpp"

// `zoomqos auth status`: where the credential comes from, the token it
// gets, and whether that token can read QoS (its scopes when it was minted;
// one request to the API when it is a static token).
namespace zoomqos::cli {

namespace {

std::string iso_utc(std::int64_t unix_seconds) {
    return text::format_iso_utc(std::chrono::sys_seconds(std::chrono::seconds(unix_seconds)));
}

// The scope comes from the token response or the token cache, and is shown:
// each scope is made printable (and a runaway one cut).
std::vector<std::string> split_scopes(const std::string& scope) {
    constexpr std::size_t kMaxScope = 200;
    std::vector<std::string> scopes;
    std::istringstream words(scope);
    for (std::string word; words >> word;) {
        scopes.push_back(text::printable(word, kMaxScope));
    }
    return scopes;
}

std::string join(const std::vector<std::string>& words) {
    std::string joined;
    for (const std::string& word : words) {
        joined += (joined.empty() ? "" : " ") + word;
    }
    return joined;
}

class AuthStatusCommand : public Command {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* status =
            command_group(app, "auth", "Check credentials")
                ->add_subcommand(
                    "status",
                    "Say where credentials come from, get a token (from the cache or minted) and "
                    "show its expiry, API URL and scopes; exit 3 when it cannot read QoS");
        add_output_option(*status, format_,
                          OutputChoice{{render::Format::Table, render::Format::Json}});
        add_connection_options(*status, connection_);
        return status;
    }

    ConnectionOptions& connection() override { return connection_; }

    Status run(const Streams& streams) override {
        // One request at most: the pace does not matter.
        constexpr double kRate = 1.0;
        auto opened = Session::open(connection_, kRate, streams.err);
        if (!opened) {
            return std::move(opened).error();
        }
        Session& session = *opened.value();
        const auth::AccessToken& token = session.token();
        const std::string& base = session.base_url();

        const bool known_scopes = token.minted.has_value();
        const std::vector<std::string> scopes =
            known_scopes ? split_scopes(token.minted->scope) : std::vector<std::string>{};
        const bool qos_scope = known_scopes && auth::has_qos_scope(token.minted->scope);
        const std::int64_t now = auth::unix_now();

        // A static token says nothing about itself: one cheap request (today's
        // live webinars, one per page) asks the API whether it is accepted.
        std::optional<Error> refused;
        if (!known_scopes) {
            const std::string today =
                api::format_date(api::utc_day(std::chrono::system_clock::now()));
            auto checked = session.get(api::event_list_url(base, api::EventKind::Webinar,
                                                           api::QosType::Live, today, today, 1, {}),
                                       api::RequestContext{});
            if (!checked) {
                refused = std::move(checked).error();
                if (refused->kind != ErrorKind::Auth) {
                    // Not a verdict on the token: the QoS hints do not apply.
                    refused->message = "could not check the token: " + refused->message;
                    refused->hint = "check --api-url (" + text::printable(base, 200) + ")";
                }
            }
        }
        const std::string api_check =
            known_scopes ? std::string()
                         : (refused ? (refused->kind == ErrorKind::Auth ? "refused: " : "") +
                                          text::printable(refused->message, 200)
                                    : std::string("accepted (GET /metrics/webinars)"));

        if (format_ == render::Format::Json) {
            nlohmann::ordered_json json;
            json["credentials"] = session.credentials().source;
            json["token_source"] = token.source;
            json["expires_at"] = known_scopes
                                     ? nlohmann::ordered_json(iso_utc(token.minted->expires_at))
                                     : nlohmann::ordered_json(nullptr);
            json["expires_in_seconds"] =
                known_scopes ? nlohmann::ordered_json(token.minted->expires_at - now)
                             : nlohmann::ordered_json(nullptr);
            json["api_url"] = text::printable(base);
            json["scopes"] =
                known_scopes ? nlohmann::ordered_json(scopes) : nlohmann::ordered_json(nullptr);
            json["qos_scope"] =
                known_scopes ? nlohmann::ordered_json(qos_scope) : nlohmann::ordered_json(nullptr);
            json["api_check"] =
                known_scopes ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(api_check);
            streams.out << json.dump(2) << "\n";
        } else {
            streams.out << "Credentials  " << session.credentials().source << "\n";
            streams.out << "Token        " << token.source << "\n";
            if (known_scopes) {
                streams.out << "Expires      " << iso_utc(token.minted->expires_at) << " (in "
                            << (token.minted->expires_at - now) << " s)\n";
            } else {
                streams.out << "Expires      unknown (a static token)\n";
            }
            streams.out << "API URL      " << text::printable(base) << "\n";
            if (known_scopes) {
                streams.out << "Scopes       " << (scopes.empty() ? "(none)" : join(scopes))
                            << "\n";
                streams.out << "QoS scope    "
                            << (qos_scope ? "yes"
                                          : "MISSING: add dashboard_webinars:read:admin, "
                                            "dashboard_meetings:read:admin or a "
                                            "dashboard:read:* scope to the app")
                            << "\n";
            } else {
                streams.out << "Scopes       unknown (a static token)\n";
                streams.out << "API check    " << api_check << "\n";
            }
        }
        if (refused) {
            return std::move(*refused);
        }
        if (known_scopes && !qos_scope) {
            Error error = make_error(ErrorKind::Auth,
                                     "the token lacks the dashboard scope the QoS endpoints need");
            error.hint =
                "add dashboard_webinars:read:admin (meetings: dashboard_meetings:read:admin) "
                "to the Server-to-Server OAuth app, then run with --no-cache";
            return error;
        }
        return Ok{};
    }

private:
    render::Format format_ = render::Format::Table;
    ConnectionOptions connection_;
};

} // namespace

std::unique_ptr<Command> make_auth_status_command() {
    return std::make_unique<AuthStatusCommand>();
}

} // namespace zoomqos::cli
