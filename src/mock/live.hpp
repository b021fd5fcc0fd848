#pragma once

#include <atomic>
#include <chrono>

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

    // Time starts again from now (/_mock/reset).
    void restart();

    // Answers with the samples `participant` has as of now, or 404 / 3001
    // once it has left.
    void serve(httplib::Response& res, const Event& event,
               const nlohmann::ordered_json& participant) const;

private:
    double sample_seconds_;
    int samples_until_gone_;
    // Where time starts: the mock's start, or the last restart(). Atomic:
    // handlers run on many threads.
    std::atomic<std::chrono::steady_clock::rep> epoch_{
        std::chrono::steady_clock::now().time_since_epoch().count()};
};

} // namespace zoomqos::mock
