#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "zoomqos/process/interrupt.hpp"

#include "cli/exporter.hpp"
#include "cli/run.hpp"
#include "temp_dir.hpp"

namespace {

using namespace zoomqos;

// The environment zoomqos reads, replaced for one test and restored after:
// no credentials, and a HOME with no config or token cache of the developer's.
class IsolatedEnvironment {
public:
    explicit IsolatedEnvironment(const testing::TempDir& home) {
        set("HOME", home.path.string());
        set("XDG_CONFIG_HOME", (home.path / "config").string());
        set("XDG_CACHE_HOME", (home.path / "cache").string());
        for (const char* name :
             {"ZOOM_ACCESS_TOKEN", "ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET",
              "ZOOM_API_URL", "ZOOM_OAUTH_URL", "ZOOMQOS_CONFIG"}) {
            set(name, std::nullopt);
        }
    }
    ~IsolatedEnvironment() {
        for (const auto& [name, value] : saved_) {
            if (value) {
                ::setenv(name.c_str(), value->c_str(), 1);
            } else {
                ::unsetenv(name.c_str());
            }
        }
    }
    IsolatedEnvironment(const IsolatedEnvironment&) = delete;
    IsolatedEnvironment& operator=(const IsolatedEnvironment&) = delete;
    IsolatedEnvironment(IsolatedEnvironment&&) = delete;
    IsolatedEnvironment& operator=(IsolatedEnvironment&&) = delete;

    void set(const std::string& name, const std::optional<std::string>& value) {
        if (saved_.count(name) == 0) {
            const char* old = std::getenv(name.c_str());
            saved_[name] = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
        }
        if (value) {
            ::setenv(name.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name.c_str());
        }
    }

private:
    std::map<std::string, std::optional<std::string>> saved_;
};

struct Run {
    int exit = -1;
    std::string out;
    std::string err;
};

// zoomqos ARGS with string streams for stdout, stderr and stdin.
Run run(const std::vector<std::string>& args, const std::string& stdin_text = "",
        const cli::Program& program = {}) {
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream in(stdin_text);
    const cli::Streams streams{out, err, in};
    Run result;
    result.exit = cli::run(args, streams, program);
    result.out = out.str();
    result.err = err.str();
    return result;
}

} // namespace

TEST_CASE("No arguments prints the help on stderr and exits 2", "[cli][run]") {
    const Run result = run({});
    CHECK(result.exit == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find("Usage: zoomqos") != std::string::npos);
}

TEST_CASE("--help and --version answer on stdout with exit 0", "[cli][run]") {
    const Run help = run({"get", "--help"});
    CHECK(help.exit == 0);
    CHECK(help.out.find("Usage: zoomqos get") != std::string::npos);
    CHECK(help.out.find("Exit codes: 0 ok") != std::string::npos);
    const Run top = run({"--help"});
    CHECK(top.out.find("8 a --fail-on rule breached, 129/130/143 interrupted") !=
          std::string::npos);
    CHECK(top.out.find("Documentation: man zoomqos") != std::string::npos);
    const Run version = run({"--version"});
    CHECK(version.exit == 0);
    CHECK(version.out.starts_with("zoomqos "));
}

TEST_CASE("Usage errors exit 2 with one line and where to get help", "[cli][run]") {
    struct Case {
        std::vector<std::string> args;
        std::string message;
        std::string help;
    };
    const std::vector<Case> cases = {
        {{"get"}, "zoomqos: error: WEBINAR is required", "zoomqos get --help"},
        {{"get", "1", "2", "--bogus"}, "--bogus", "zoomqos get --help"},
        {{"frobnicate"}, "unknown command 'frobnicate'; the commands are", "zoomqos --help"},
        {{"get", "1", "2", "-o", "yaml"}, "yaml", "zoomqos get --help"},
        {{"get", "1", "2", "--type", "ended"}, "ended", "zoomqos get --help"},
        {{"get", "1", "2", "--annotate"},
         "zoomqos: error: --annotate needs -o json",
         "zoomqos get --help"},
        {{"get", "1", "2", "--type", "past", "--watch", "5"},
         "zoomqos: error: --watch needs --type live: a past event no longer changes",
         "zoomqos get --help"},
        {{"list", "1", "--page-size", "0"}, "--page-size", "zoomqos list --help"},
        {{"list", "", "--type", "past"},
         "zoomqos: error: webinar ID is empty",
         "zoomqos list --help"},
    };
    const testing::TempDir home;
    IsolatedEnvironment environment(home);
    environment.set("ZOOM_ACCESS_TOKEN", "token"); // past the credential check
    for (const Case& c : cases) {
        CAPTURE(c.args);
        const Run result = run(c.args);
        CHECK(result.exit == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(c.message) != std::string::npos);
        CHECK(result.err.find("Run '" + c.help + "' for usage.") != std::string::npos);
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 2);
    }
}

TEST_CASE("No credentials exits 3 before any request", "[cli][run]") {
    const testing::TempDir home;
    IsolatedEnvironment environment(home);
    // Nothing listens there: a request would end with 6, not 3.
    environment.set("ZOOM_API_URL", "http://127.0.0.1:1/v2");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"get", "81234567890", "16778240"},
          std::vector<std::string>{"list", "81234567890", "--type", "past"},
          std::vector<std::string>{"auth", "status"}}) {
        CAPTURE(args);
        const Run result = run(args);
        CHECK(result.exit == 3);
        CHECK(result.out.empty());
        CHECK(result.err.starts_with("zoomqos: error: "));
        CHECK(result.err.find("ZOOM_ACCESS_TOKEN") != std::string::npos);
    }
}

TEST_CASE("Participant IDs can come from stdin", "[cli][run]") {
    const testing::TempDir home;
    IsolatedEnvironment environment(home);
    environment.set("ZOOM_ACCESS_TOKEN", "token");
    // Blank lines and comments only: no IDs is a usage error, read from `in`.
    const Run result = run({"get", "81234567890", "-"}, "\n   \n");
    CHECK(result.exit == 2);
    CHECK(result.err.find("no participant IDs") != std::string::npos);
}

namespace {

// What the exporter's serve function was last given, and how often it ran.
struct Served {
    std::string events;
    double interval_seconds = 0;
    std::string listen;
    bool meeting = false;
    std::string api_url;
};
std::optional<Served> served;
int serve_calls = 0;

} // namespace

TEST_CASE("exporter runs its program's serve function with the resolved options", "[cli][run]") {
    const testing::TempDir home;
    IsolatedEnvironment environment(home);
    environment.set("ZOOM_ACCESS_TOKEN", "token");
    environment.set("ZOOM_API_URL", "http://127.0.0.1:1/v2");
    served.reset();
    serve_calls = 0;
    const cli::Program program{
        .serve_exporter = [](const cli::ExporterOptions& options, const cli::Streams& streams) {
            served = Served{options.events, options.interval_seconds, options.listen,
                            options.meeting, options.connection.api_url};
            ++serve_calls;
            streams.err << "served\n";
            return Status(Ok{});
        }};

    const Run result = run({"exporter", "--events", "81234567890", "--interval", "30", "--listen",
                            "127.0.0.1:0", "--meeting"},
                           "", program);
    CHECK(result.exit == 0);
    CHECK(result.err == "served\n");
    REQUIRE(serve_calls == 1);
    CHECK(served->events == "81234567890");
    CHECK(served->interval_seconds == 30);
    CHECK(served->listen == "127.0.0.1:0");
    CHECK(served->meeting);
    // Settings the flags left are resolved from the environment first.
    CHECK(served->api_url == "http://127.0.0.1:1/v2");

    // A usage error stops before the serve function.
    const Run bad = run({"exporter", "--interval", "0"}, "", program);
    CHECK(bad.exit == 2);
    CHECK(bad.err.find("--interval") != std::string::npos);
    CHECK(serve_calls == 1);
}

TEST_CASE("An interrupted run exits 128 + the signal and says so", "[cli][run]") {
    const testing::TempDir home;
    IsolatedEnvironment environment(home);
    environment.set("ZOOM_ACCESS_TOKEN", "token");
    environment.set("ZOOM_API_URL", "http://127.0.0.1:1/v2");
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
        CAPTURE(signal);
        process::simulate_interrupt(signal);
        const Run result = run({"get", "81234567890", "16778240", "--retries", "0"});
        process::simulate_interrupt(0);
        CHECK(result.exit == 128 + signal);
        CHECK(result.out.empty());
        CHECK(result.err == (signal == SIGINT ? "zoomqos: interrupted\n"
                                              : "zoomqos: interrupted by " +
                                                    process::signal_name(signal) + "\n"));
    }
}

TEST_CASE("A mistyped command is named, and what was typed is shown harmless", "[cli][run]") {
    const Run result = run({"lsit", "81234567890"});
    CHECK(result.exit == 2);
    CHECK(result.err == "zoomqos: error: unknown command 'lsit'; did you mean 'list'?\n"
                        "Run 'zoomqos --help' for usage.\n");
    CHECK(run({"gett", "1", "2"})
              .err.starts_with("zoomqos: error: unknown command 'gett'; did you mean 'get'?\n"));
    CHECK(run({"webinars"})
              .err.starts_with(
                  "zoomqos: error: unknown command 'webinars'; the "
                  "commands are get, list, report, events, sweep, exporter, auth, config\n"));

    const Run escape = run({"get", "1", "2", "--bogus\x1b]0;owned\x07"});
    CHECK(escape.exit == 2);
    CHECK(escape.err.find('\x1b') == std::string::npos);
    CHECK(escape.err.find('\x07') == std::string::npos);
    CHECK(escape.err.find("--bogus?]0;owned?") != std::string::npos);

    const Run long_value = run({"get", "1", "2", "-o", std::string(100'000, 'x')});
    CHECK(long_value.exit == 2);
    CHECK(long_value.err.size() < 400);
    CHECK(long_value.err.find("...\n") != std::string::npos);
}
