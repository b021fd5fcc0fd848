#include <atomic>
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <signal.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <CLI/CLI.hpp>

#include "zoomqos/api/event_lists.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/http/url.hpp"

#include "dataset.hpp"
#include "server.hpp"

namespace {

// The mock's token is on its command line for anyone to read, and its answers
// are fake: it must never be reachable from another machine.
std::string require_loopback(std::string& host) {
    if (zoomqos::http::is_loopback_host(host)) {
        return {};
    }
    return "refusing to listen on '" + host + "': only loopback addresses (127.0.0.0/8, ::1, " +
           "localhost) are allowed";
}

int run(int argc, char** argv) {
    zoomqos::mock::ServerOptions options;
    CLI::App app{"zoomqos-mock: a mock of the Zoom QoS REST API, for tests"};
    app.add_option("--host", options.host, "Loopback address to listen on")
        ->check(CLI::Validator(require_loopback, "LOOPBACK", "loopback"))
        ->capture_default_str();
    app.add_option("--port", options.port, "Port to listen on; 0 picks a free one")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--token", options.token,
                   "A fixed bearer token the API accepts, besides those /oauth/token mints")
        ->capture_default_str();
    app.add_option("--fixtures", options.fixtures_dir,
                   "Directory whose NAME.json files webinar 'fixture' serves as participant NAME")
        ->check(CLI::ExistingDirectory);
    app.add_flag("--quiet", options.quiet, "Do not log requests to stderr");
    app.add_option("--account-id", options.oauth.account_id,
                   "The account_id POST /oauth/token accepts")
        ->capture_default_str();
    app.add_option("--client-id", options.oauth.client_id,
                   "The client ID POST /oauth/token accepts (Basic auth user)")
        ->capture_default_str();
    app.add_option("--client-secret", options.oauth.client_secret,
                   "The client secret POST /oauth/token accepts (Basic auth password)")
        ->capture_default_str();
    app.add_option("--token-ttl", options.oauth.token_ttl_seconds,
                   "Lifetime of the tokens /oauth/token mints; 0 mints tokens already expired")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    app.add_option("--scopes", options.oauth.scopes,
                   "Space-separated scopes the minted tokens carry")
        ->capture_default_str();
    app.add_option(
           "--live-sample-seconds", options.live_sample_seconds,
           "A live event's participants gain one sample per this many seconds; 0: all at once")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    app.add_option("--live-samples-until-gone", options.live_samples_until_gone,
                   "With --live-sample-seconds: a live participant answers 404 after this many "
                   "samples; 0: never")
        ->check(CLI::Range(0, 1000000))
        ->capture_default_str();
    app.add_option("--participants", options.generated_participants,
                   "Add webinar 85000000000 (ended: type=past) with N generated participants, "
                   "user_id 20000001 upwards, \"Participant 1\"...; 0: the webinar without "
                   "participants; absent: no such webinar")
        ->check(CLI::Range(0, static_cast<int>(zoomqos::mock::kMaxGeneratedParticipants)))
        ->type_name("N");
    auto* live_participants =
        app.add_option("--live-participants", options.generated_live_participants,
                       "Add webinar 82000000002 (live: type=live) with N generated participants "
                       "numbered as --participants' ones, none with a leave_time")
            ->check(CLI::Range(0, static_cast<int>(zoomqos::mock::kMaxGeneratedParticipants)))
            ->type_name("N");
    app.add_option("--churn", options.churn,
                   "With --live-participants: each walk of its participant list after the first "
                   "(a page without next_page_token) finds the K who joined first gone and K new "
                   "ones; 0: the same participants every walk")
        ->check(CLI::Range(0, static_cast<int>(zoomqos::mock::kMaxGeneratedParticipants)))
        ->needs(live_participants)
        ->type_name("K")
        ->capture_default_str();
    app.add_option("--generated-webinars", options.generated_webinars,
                   "With --participants: N such webinars, IDs 85000000000 upward, listed a "
                   "minute apart on 2026-11-25 (benchmarks)")
        ->check(CLI::Range(1, zoomqos::mock::kMaxGeneratedWebinars))
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--rate-limit", options.rate_limit,
                   "Answer API requests past R per second (fixed one-second windows; not "
                   "/oauth/token or /_mock/*) with Zoom's 429 (QPS, Retry-After: 1); 0: no limit")
        ->check(CLI::Range(0, 1000000))
        ->type_name("R")
        ->capture_default_str();
    app.add_option("--daily-limit", options.daily_limit,
                   "After N API requests (not /oauth/token or /_mock/*), answer every API "
                   "request with Zoom's daily-limit 429 (X-RateLimit-Type: Daily-limit, "
                   "Retry-After: the next midnight UTC) until POST /_mock/reset; 0: no limit")
        ->check(CLI::Range(0L, 1000000000L))
        ->type_name("N")
        ->capture_default_str();
    app.add_option("--today", options.today,
                   "The mock's date, YYYY-MM-DD (UTC): the event lists' six-month limit for "
                   "meetings counts back from it; default: the system clock's")
        ->check(CLI::Validator(
            [](std::string& value) {
                return zoomqos::api::parse_date(value) ? std::string()
                                                       : std::string("not a date YYYY-MM-DD");
            },
            "DATE", "date"))
        ->type_name("YYYY-MM-DD");
    app.add_option("--latency-ms", options.latency_ms,
                   "Wait this long before answering each API request (/oauth/token too, not "
                   "/_mock/*); 0: answer at once")
        ->check(CLI::Range(0, 600000))
        ->type_name("MS")
        ->capture_default_str();
    std::vector<std::string> fault_specs;
    app.add_option("--fault", fault_specs,
                   "Script the next requests' answers, in order (repeatable), e.g. "
                   "'status=429;header=Retry-After: 1;count=2'; see src/mock/faults.hpp")
        ->check(
            CLI::Validator([](std::string& spec) { return zoomqos::mock::parse_fault(spec).error; },
                           "SPEC", "fault"))
        ->type_name("SPEC");
    auto* cert = app.add_option("--cert", options.cert_file, "PEM certificate: serve HTTPS")
                     ->check(CLI::ExistingFile);
    auto* key = app.add_option("--key", options.key_file, "PEM private key of --cert")
                    ->check(CLI::ExistingFile);
    cert->needs(key);
    key->needs(cert);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help is a "parse error" that exits 0; every real one is usage (2).
        return app.exit(error) == 0 ? 0 : 2;
    }
    for (const std::string& spec : fault_specs) {
        options.faults.push_back(*zoomqos::mock::parse_fault(spec).fault);
    }

    // Blocked before any thread exists so that every thread inherits the
    // mask and only sigwait() below ever sees SIGINT/SIGTERM.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // A test that stops reading the mock's stderr must not kill it mid-request.
    if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        std::cerr << "zoomqos-mock: warning: cannot ignore SIGPIPE\n";
    }

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

} // namespace

int main(int argc, char** argv) {
    // Nothing should throw this far; if something does, the mock still ends
    // with a message and a failure status instead of std::terminate.
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "zoomqos-mock: error: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "zoomqos-mock: error: unknown exception\n";
    }
    return 1;
}
