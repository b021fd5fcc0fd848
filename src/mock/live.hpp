#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dataset.hpp"
#include "httplib_fwd.hpp"

// A running event as time passes (--live-sample-seconds): its participants
// gain one sample per interval, and leave after --live-samples-until-gone.
// And an audience that comes and goes (--churn): each walk of a generated
// live webinar's participant list after the first finds `churn` of them gone
// and as many new ones.
namespace zoomqos::mock {

class LiveSimulation {
public:
    // 0 seconds: every sample at once, the simulation is off.
    LiveSimulation(double sample_seconds, int samples_until_gone, std::size_t churn = 0)
        : sample_seconds_(sample_seconds), samples_until_gone_(samples_until_gone), churn_(churn) {}

    bool enabled() const { return sample_seconds_ > 0; }

    // Time starts again from now, and everyone is back (/_mock/reset): the
    // next walk is the first again.
    void restart();

    // A walk of a live event's participant list begins (a page asked for
    // without next_page_token): with churn, every walk after the first moves
    // the generated participants on by `churn` numbers, so that the `churn`
    // who joined first have left and as many new ones (higher numbers) have
    // joined. The pages of one walk see the same participants.
    void walk_begins();

    // A participant of a live event leaves (POST /_mock/live/leave?participant=ID,
    // matched against id or user_id): it is gone from the event's pages and
    // its own endpoint answers 404 / 3001, as for a participant who left.
    void leave(std::string participant_id);
    // `event` without the participants who left, its generated ones those of
    // the current walk.
    Event present(const Event& event) const;

    // Answers with the samples `participant` has as of now, or 404 / 3001
    // once it has left.
    void serve(httplib::Response& res, const Event& event,
               const nlohmann::ordered_json& participant) const;

private:
    double sample_seconds_;
    int samples_until_gone_;
    std::size_t churn_;
    // Walks begun since the start or the last restart(). Atomic: handlers
    // run on many threads.
    std::atomic<std::size_t> walks_{0};
    mutable std::mutex left_mutex_; // handlers run on many threads
    std::set<std::string, std::less<>> left_;
    // Where time starts: the mock's start, or the last restart(). Atomic:
    // handlers run on many threads.
    std::atomic<std::chrono::steady_clock::rep> epoch_{
        std::chrono::steady_clock::now().time_since_epoch().count()};
};

} // namespace zoomqos::mock
