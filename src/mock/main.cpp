#include <atomic>
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "zoomqos/api/url.hpp"

#include "server.hpp"

namespace {

// The mock's token is on its command line for anyone to read, and its answers
// are fake: it must never be reachable from another machine.
std::string require_loopback(std::string& host) {
    if (zoomqos::api::is_loopback_host(host)) {
        return {};
    }
    return "refusing to listen on '" + host + "': only loopback addresses (127.0.0.0/8, ::1, " +
           "localhost) are allowed";
}

} // namespace

int main(int argc, char** argv) {
    zoomqos::mock::ServerOptions options;
    CLI::App app{"zoomqos-mock: a mock of the Zoom QoS REST API, for tests"};
    app.add_option("--host", options.host, "Loopback address to listen on")
        ->check(CLI::Validator(require_loopback, "LOOPBACK", "loopback"))
        ->capture_default_str();
    app.add_option("--port", options.port, "Port to listen on; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--token", options.token, "The only bearer token the API accepts")
        ->capture_default_str();
    app.add_option("--fixtures", options.fixtures_dir,
                   "Directory whose NAME.json files webinar 'fixture' serves as participant NAME")
        ->check(CLI::ExistingDirectory);
    app.add_flag("--quiet", options.quiet, "Do not log requests to stderr");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help is a "parse error" that exits 0; every real one is usage (2).
        return app.exit(error) == 0 ? 0 : 2;
    }

    // Blocked before any thread exists so that every thread inherits the
    // mask and only sigwait() below ever sees SIGINT/SIGTERM.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // A test that stops reading the mock's stderr must not kill it mid-request.
    std::signal(SIGPIPE, SIG_IGN);

    zoomqos::mock::Server server(options);
    if (const std::string error = server.bind(); !error.empty()) {
        std::cerr << "zoomqos-mock: error: " << error << "\n";
        return 1;
    }
    // The one line a test harness waits for; flushed because stdout is a pipe.
    std::cout << server.base_url() << std::endl;

    std::atomic<bool> failed{false};
    std::thread serving([&server, &failed] {
        if (!server.serve()) {
            failed = true;
            // Wakes the sigwait() below so that the process does not linger.
            ::kill(::getpid(), SIGTERM);
        }
    });
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    serving.join();
    if (failed) {
        std::cerr << "zoomqos-mock: error: the server stopped accepting connections\n";
        return 1;
    }
    return 0;
}
