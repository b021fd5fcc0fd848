#include "live.hpp"

#include <algorithm>
#include <cstddef>

#include <httplib.h>

#include "reply.hpp"

// A running event's samples as time passes.
namespace zoomqos::mock {

void LiveSimulation::restart() {
    epoch_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    walks_.store(0);
    const std::lock_guard<std::mutex> lock(left_mutex_);
    left_.clear();
}

void LiveSimulation::leave(std::string participant_id) {
    const std::lock_guard<std::mutex> lock(left_mutex_);
    left_.insert(std::move(participant_id));
}

void LiveSimulation::walk_begins() {
    walks_.fetch_add(1);
}

Event LiveSimulation::present(const Event& event) const {
    auto id_of = [](const Json& participant, const char* key) {
        const auto it = participant.find(key);
        return it != participant.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    Event here = event;
    here.participants.clear();
    if (churn_ > 0 && event.generated > 0) {
        // The first walk lists numbers 1..N, each later one `churn_` further
        // on; past the last number (8-digit user IDs) they start again.
        const std::size_t walk = std::max<std::size_t>(walks_.load(), 1) - 1;
        const std::size_t starts =
            kMaxGeneratedNumber - std::min(event.generated, kMaxGeneratedNumber) + 1;
        // Both factors below 10^8: the product fits.
        here.generated_first = (walk % starts) * (churn_ % starts) % starts;
    }
    const std::lock_guard<std::mutex> lock(left_mutex_);
    for (const Json& participant : event.participants) {
        if (!left_.contains(id_of(participant, "id")) &&
            !left_.contains(id_of(participant, "user_id"))) {
            here.participants.push_back(participant);
        }
    }
    return here;
}

// One sample more per sample_seconds_ since the epoch, then gone (404).
void LiveSimulation::serve(httplib::Response& res, const Event& event,
                           const Json& participant) const {
    const std::chrono::steady_clock::time_point epoch{
        std::chrono::steady_clock::duration(epoch_.load())};
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - epoch;
    const auto shown = 1 + static_cast<std::size_t>(elapsed.count() / sample_seconds_);
    if (samples_until_gone_ > 0 && shown > static_cast<std::size_t>(samples_until_gone_)) {
        send_no_event(res, event.kind, event.id);
        return;
    }
    Json advanced = participant;
    if (advanced.contains("user_qos") && advanced["user_qos"].is_array()) {
        Json& samples = advanced["user_qos"];
        while (samples.size() > shown) {
            samples.erase(samples.size() - 1);
        }
    }
    send_json(res, 200, serialize(advanced), kZoomData);
}

} // namespace zoomqos::mock
