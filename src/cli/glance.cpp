#include <atomic>
#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/term/terminal.hpp"

#include "../render/decimal.hpp"
#include "commands.hpp"

namespace zoomqos::cli {

namespace {

// Zoom's rate limits are per account and shared by every app: polling a
// live event faster than this gains nothing (Zoom's live data moves in
// five-second averages) and eats the account's budget.
constexpr double kWatchMinimumSeconds = 5;

// For tests only, and deliberately not an option: lowers the minimum so that
// a test of --watch runs in seconds (tests/integration/test_watch.sh).
double watch_minimum_seconds() {
    const char* value = std::getenv("ZOOMQOS_WATCH_MIN_SECONDS");
    if (value != nullptr) {
        char* end = nullptr;
        const double lowered = std::strtod(value, &end);
        if (end != value && *end == '\0' && lowered >= 0.1 && lowered < kWatchMinimumSeconds) {
            return lowered;
        }
    }
    return kWatchMinimumSeconds;
}

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int /*signal*/) {
    g_interrupted.store(true);
}

// SIGINT ends --watch normally (exit 0); the previous handler comes back
// when the watch ends.
class InterruptGuard {
public:
    InterruptGuard() {
        g_interrupted.store(false);
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &previous_);
    }
    ~InterruptGuard() { ::sigaction(SIGINT, &previous_, nullptr); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    InterruptGuard(InterruptGuard&&) = delete;
    InterruptGuard& operator=(InterruptGuard&&) = delete;

private:
    struct sigaction previous_ {};
};

// Waits `interval`, in short steps so that Ctrl-C ends the wait at once.
// False when interrupted.
bool wait_for_next_poll(std::chrono::milliseconds interval) {
    const auto until = std::chrono::steady_clock::now() + interval;
    while (std::chrono::steady_clock::now() < until) {
        if (g_interrupted.load()) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return !g_interrupted.load();
}

model::Json breaches_json(const std::vector<quality::Breach>& breaches) {
    model::Json list = model::Json::array();
    for (const auto& breach : breaches) {
        model::Json item = model::Json::object();
        item["rule"] = quality::rule_text(breach.rule);
        item["stream"] = breach.stream;
        item["metric"] = std::string(quality::metric_name(breach.rule.metric));
        item["date_time"] =
            breach.date_time ? model::Json(*breach.date_time) : model::Json(nullptr);
        item["value"] = breach.value;
        item["operator"] = std::string(quality::op_text(breach.rule.op));
        item["threshold"] = breach.rule.value;
        list.push_back(std::move(item));
    }
    return list;
}

render::SummaryOptions summary_options(const Glance& glance) {
    const auto env = term::environment_from_process();
    render::SummaryOptions options;
    options.utf8 = term::utf8_locale(env);
    options.colour = term::colour_enabled(term::is_tty(STDOUT_FILENO), env);
    options.width = term::output_width(term::terminal_columns(STDOUT_FILENO), env);
    options.thresholds = glance.thresholds;
    return options;
}

} // namespace

void add_glance_options(CLI::App& command, GetOptions& options, bool single_participant) {
    if (single_participant) {
        command.add_flag("--samples", options.samples,
                         "Table output: every sample, one row per stream, instead of the summary");
    }
    command.add_option("--thresholds", options.thresholds,
                       "Change default thresholds, e.g. 'latency>200,loss>3' (same grammar as "
                       "--fail-on)");
    command.add_option("--fail-on", options.fail_on,
                       "Exit 8 when a sample breaches a rule: 'default' or e.g. "
                       "'latency>150,audio_input.jitter>30,video_output.fps<15,cpu>90'");
    command.add_flag("--annotate", options.annotate, "With -o json: add a 'breaches' array");
    if (single_participant) {
        command.add_option("--watch", options.watch_seconds,
                           "With --type live and one participant: poll every SECONDS (at least "
                           "5) and print new samples until Ctrl-C");
    }
}

Result<Glance> resolve_glance(const GetOptions& options, render::Format format) {
    Glance glance;
    const auto defaults = quality::default_rules();
    auto changes = quality::parse_rules(options.thresholds.empty() ? "default" : options.thresholds,
                                        "--thresholds", defaults);
    if (!changes) {
        return std::move(changes).error();
    }
    glance.thresholds = quality::merge_rules(defaults, *changes);
    if (options.fail_on) {
        // `default` in --fail-on means the thresholds in effect.
        auto rules = quality::parse_rules(*options.fail_on, "--fail-on", glance.thresholds);
        if (!rules) {
            return std::move(rules).error();
        }
        glance.fail_on = std::move(rules).value();
    }
    if (options.samples && format != render::Format::Table) {
        return make_error(ErrorKind::Usage, "--samples applies to table output only");
    }
    if (options.annotate && format != render::Format::Json) {
        return make_error(ErrorKind::Usage, "--annotate needs -o json");
    }
    if (options.fail_on && format == render::Format::Raw) {
        return make_error(ErrorKind::Usage, "--fail-on cannot judge -o raw output");
    }
    if (options.watch_seconds) {
        if (options.type != "live") {
            return make_error(ErrorKind::Usage, "--watch needs --type live: a past event no "
                                                "longer changes");
        }
        if (format != render::Format::Table && format != render::Format::Ndjson) {
            return make_error(ErrorKind::Usage, "--watch prints table rows or NDJSON lines: use "
                                                "-o table or -o ndjson");
        }
        const double minimum = watch_minimum_seconds();
        if (!(*options.watch_seconds >= minimum) || *options.watch_seconds > 86400) {
            Error error = make_error(
                ErrorKind::Usage, "--watch: " + render::detail::decimal(*options.watch_seconds, 3) +
                                      " seconds is out of range (" +
                                      render::detail::decimal(minimum, 3) + " to 86400)");
            error.hint = "Zoom's rate limits are shared by the whole account; poll gently";
            return error;
        }
        glance.watch_interval =
            std::chrono::milliseconds(static_cast<long long>(*options.watch_seconds * 1000.0));
    }
    return glance;
}

model::Json participant_json(const GetOptions& options, const Glance& glance,
                             const model::Participant& participant) {
    model::Json typed = model::to_json(participant);
    if (options.annotate) {
        typed["breaches"] = breaches_json(
            quality::find_breaches(participant, glance.fail_on.value_or(glance.thresholds)));
    }
    return typed;
}

void render_participant(const GetOptions& options, const Glance& glance, render::Format format,
                        const render::Subject& subject, const model::Participant& participant,
                        std::ostream& out) {
    switch (format) {
    case render::Format::Table: {
        const auto summary = summary_options(glance);
        if (options.samples) {
            render::TableOptions table;
            table.utf8 = summary.utf8;
            render::table(out, subject, participant, table);
        } else {
            render::summary(out, participant, summary);
        }
        break;
    }
    case render::Format::Json:
        if (options.annotate) {
            out << participant_json(options, glance, participant)
                       .dump(2, ' ', false, model::Json::error_handler_t::replace)
                << '\n';
        } else {
            render::json(out, participant);
        }
        break;
    case render::Format::Ndjson:
        render::ndjson(out, subject, participant);
        break;
    case render::Format::Csv:
        render::csv_header(out);
        render::csv_rows(out, subject, participant);
        break;
    case render::Format::Raw:
        break;
    }
}

Status check_fail_on(const Glance& glance, const model::Participant& participant, std::ostream& err,
                     const std::string& who) {
    if (!glance.fail_on) {
        return Ok{};
    }
    const auto& rules = *glance.fail_on;
    std::size_t breached = 0;
    for (const auto& rule : rules) {
        const auto found = quality::find_breaches(participant, {rule});
        const quality::Breach* worst = quality::worst_breach(found);
        if (worst == nullptr) {
            continue;
        }
        ++breached;
        std::size_t samples = 0;
        std::optional<std::size_t> last;
        for (const auto& breach : found) {
            if (last != breach.sample_index) {
                ++samples;
                last = breach.sample_index;
            }
        }
        err << "zoomqos: breach: " << who << quality::rule_text(rule) << " in " << samples << " of "
            << participant.user_qos.size() << " samples; worst " << quality::describe(*worst)
            << '\n';
    }
    if (breached == 0) {
        return Ok{};
    }
    return make_error(ErrorKind::Threshold, std::to_string(breached) + " of " +
                                                std::to_string(rules.size()) +
                                                " --fail-on rules breached");
}

Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch,
             const Streams& streams) {
    const InterruptGuard guard;
    const bool utf8 = term::utf8_locale(term::environment_from_process());
    std::optional<std::string> last_printed;
    bool header_printed = false;
    bool first_poll = true;
    model::Participant current = first;
    while (true) {
        // Samples are ordered by date_time (ISO 8601 UTC compares as text);
        // one without a date_time cannot be placed and is skipped.
        model::Participant fresh = current;
        fresh.user_qos.clear();
        for (const auto& sample : current.user_qos) {
            if (sample.date_time && (!last_printed || *sample.date_time > *last_printed)) {
                fresh.user_qos.push_back(sample);
            }
        }
        for (const auto& sample : fresh.user_qos) {
            last_printed = std::max(last_printed.value_or(""), *sample.date_time);
        }
        if (format == render::Format::Ndjson) {
            render::ndjson(streams.out, subject, fresh);
        } else if (first_poll || !fresh.user_qos.empty()) {
            // The participant block and header once; a poll with nothing new
            // prints nothing (not another "No QoS samples").
            render::TableOptions table;
            table.utf8 = utf8;
            table.rows_only = header_printed;
            render::table(streams.out, subject, fresh, table);
            header_printed = header_printed || !fresh.user_qos.empty();
        }
        first_poll = false;
        streams.out << std::flush;
        // With --fail-on, the first new sample that breaches a rule ends the
        // watch with exit 8, after it was printed: a monitor's alarm.
        if (auto judged = check_fail_on(glance, fresh, streams.err); !judged) {
            return judged;
        }
        if (!streams.out || !wait_for_next_poll(*glance.watch_interval)) {
            return Ok{};
        }
        auto next = fetch();
        if (g_interrupted.load()) {
            return Ok{};
        }
        if (!next) {
            return std::move(next).error();
        }
        current = std::move(next).value();
    }
}

} // namespace zoomqos::cli
