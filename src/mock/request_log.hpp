#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// What the mock saw of each API request, for tests to assert on through
// GET /_mock/requests. Handlers run on httplib's thread pool, hence the lock.
namespace zoomqos::mock {

struct RecordedRequest {
    std::string method;
    std::string target;                                    // raw, exactly as on the request line
    std::optional<std::vector<std::string>> path_segments; // decoded once; none if undecodable
    std::optional<std::string> event_id;                   // after Zoom's double decoding
    std::optional<std::string> participant_id;
    std::vector<std::pair<std::string, std::string>> query; // decoded, in order
    std::optional<std::string> user_agent;
    // "Bearer", "Basic" or "other": the scheme only, never the credential.
    std::optional<std::string> authorization_scheme;
    int status = 0;
};

class RequestLog {
public:
    void add(RecordedRequest request) {
        const std::lock_guard lock(mutex_);
        requests_.push_back(std::move(request));
    }

    std::vector<RecordedRequest> snapshot() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

    std::size_t size() const {
        const std::lock_guard lock(mutex_);
        return requests_.size();
    }

    void clear() {
        const std::lock_guard lock(mutex_);
        requests_.clear();
    }

private:
    mutable std::mutex mutex_;
    std::vector<RecordedRequest> requests_;
};

} // namespace zoomqos::mock
