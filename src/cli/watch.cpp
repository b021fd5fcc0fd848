#include "watch.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

// Waits `interval` in short steps, so that an interrupt ends the wait at
// once. False when interrupted.
bool wait_for_next_poll(std::chrono::milliseconds interval) {
    const auto until = std::chrono::steady_clock::now() + interval;
    while (std::chrono::steady_clock::now() < until) {
        if (process::interrupted()) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return !process::interrupted();
}

// The samples of `current` later than `last_printed`. Samples are ordered by
// date_time (ISO 8601 UTC compares as text); one without a date_time cannot
// be placed and is skipped.
model::Participant newer_samples(const model::Participant& current,
                                 std::optional<std::string>& last_printed) {
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
    return fresh;
}

} // namespace

std::string polling_status(std::chrono::milliseconds interval, bool utf8) {
    const double seconds = static_cast<double>(interval.count()) / 1000.0;
    return "polling every " + text::decimal(seconds, 1) + " s" + (utf8 ? "\u2026" : "...");
}

namespace {

// A dim line on a terminal's stderr while the watch waits, erased before
// anything else is written; nothing at all when stderr is no terminal.
class PollingStatus {
public:
    PollingStatus(const Streams& streams, std::chrono::milliseconds interval, bool wanted)
        : streams_(streams), text_(polling_status(interval, streams.utf8)),
          wanted_(wanted && streams.err_tty) {}
    ~PollingStatus() { clear(); }
    PollingStatus(const PollingStatus&) = delete;
    PollingStatus& operator=(const PollingStatus&) = delete;
    PollingStatus(PollingStatus&&) = delete;
    PollingStatus& operator=(PollingStatus&&) = delete;

    void show() {
        if (wanted_ && !shown_) {
            streams_.err << "\x1b[2m" << text_ << "\x1b[0m" << std::flush;
            shown_ = true;
        }
    }
    void clear() {
        if (shown_) {
            streams_.err << "\r\x1b[K" << std::flush;
            shown_ = false;
        }
    }

private:
    const Streams& streams_;
    std::string text_;
    bool wanted_; // a terminal's stderr, and no --quiet
    bool shown_ = false;
};

} // namespace

Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch, const Streams& streams,
             bool show_status) {
    std::optional<std::string> last_printed;
    bool header_printed = false;
    bool first_poll = true;
    std::optional<Error> history_breached;
    std::vector<std::size_t> widths; // kept across polls: rows stay under the header
    PollingStatus status(streams, *glance.watch_interval, show_status);
    model::Participant current = first;
    while (true) {
        const model::Participant fresh = newer_samples(current, last_printed);
        const model::Participant shown = in_zone(glance, fresh);
        if (format == render::Format::Ndjson) {
            render::ndjson(streams.out, subject, shown);
        } else if (first_poll || !fresh.user_qos.empty()) {
            // The participant block and header once; a poll with nothing new
            // prints nothing (not another "No QoS samples").
            render::TableOptions table;
            table.utf8 = streams.utf8;
            table.colour = streams.colour;
            table.thresholds = glance.thresholds;
            table.rows_only = header_printed;
            table.widths = &widths;
            table.zone_label = zone_label(glance, shown);
            render::table(streams.out, subject, shown, table);
            header_printed = header_printed || !fresh.user_qos.empty();
        }
        streams.out << std::flush;
        if (first_poll) {
            // The history before the watch: its breaches are listed once, and
            // do not end a watch that has only begun.
            auto judged = check_fail_on(glance, fresh, streams.err, "before the watch: ");
            if (!judged) {
                history_breached = std::move(judged).error();
            }
        } else if (auto judged = check_fail_on(glance, fresh, streams.err); !judged) {
            // The first new sample that breaches a rule ends the watch with
            // exit 8, after it was printed: a monitor's alarm.
            return judged;
        }
        first_poll = false;
        if (!streams.out) {
            return Ok{};
        }
        status.show();
        if (!wait_for_next_poll(*glance.watch_interval)) {
            return Ok{};
        }
        status.clear();
        auto next = fetch();
        if (process::interrupted()) {
            return Ok{};
        }
        if (!next) {
            if (next.error().kind != ErrorKind::NotFound) {
                return std::move(next).error();
            }
            // A live participant's 404 is the end of what there is to watch.
            streams.err << "zoomqos: participant left (or the webinar ended)\n";
            if (history_breached) {
                return std::move(*history_breached);
            }
            return Ok{};
        }
        current = std::move(next).value();
    }
}

} // namespace zoomqos::cli
