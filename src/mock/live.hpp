#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// A running event as time passes (--live-sample-seconds): its participants
// gain one sample per interval, and leave after --live-samples-until-gone.
namespace zoomqos::mock {

class LiveSimulation {
public:
    // 0 seconds: every sample at once, the simulation is off.
    LiveSimulation(double sample_seconds, int samples_until_gone)
        : sample_seconds_(sample_seconds), samples_until_gone_(samples_until_gone) {}

    bool enabled() const { return sample_seconds_ > 0; }

    // Time starts again from now, and everyone is back (/_mock/reset).
    void restart();

    // A participant of a live event leaves (POST /_mock/live/leave?participant=ID,
    // matched against id or user_id): it is gone from the event's pages and
    // its own endpoint answers 404 / 3001, as for a participant who left.
    void leave(std::string participant_id);
    // `event` without the participants who left.
    Event present(const Event& event) const;

    // Answers with the samples `participant` has as of now, or 404 / 3001
    // once it has left.
    void serve(httplib::Response& res, const Event& event,
               const nlohmann::ordered_json& participant) const;

private:
    double sample_seconds_;
    int samples_until_gone_;
    mutable std::mutex left_mutex_; // handlers run on many threads
    std::set<std::string, std::less<>> left_;
    // Where time starts: the mock's start, or the last restart(). Atomic:
    // handlers run on many threads.
    std::atomic<std::chrono::steady_clock::rep> epoch_{
        std::chrono::steady_clock::now().time_since_epoch().count()};
};

} // namespace zoomqos::mock
