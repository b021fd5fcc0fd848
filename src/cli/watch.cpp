#include "watch.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "zoomqos/process/interrupt.hpp"

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

Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch,
             const Streams& streams) {
    std::optional<std::string> last_printed;
    bool header_printed = false;
    bool first_poll = true;
    model::Participant current = first;
    while (true) {
        const model::Participant fresh = newer_samples(current, last_printed);
        if (format == render::Format::Ndjson) {
            render::ndjson(streams.out, subject, fresh);
        } else if (first_poll || !fresh.user_qos.empty()) {
            // The participant block and header once; a poll with nothing new
            // prints nothing (not another "No QoS samples").
            render::TableOptions table;
            table.utf8 = streams.utf8;
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
        if (process::interrupted()) {
            return Ok{};
        }
        if (!next) {
            return std::move(next).error();
        }
        current = std::move(next).value();
    }
}

} // namespace zoomqos::cli
