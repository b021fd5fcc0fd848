#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

// --rate-limit: Zoom's per-second (QPS) limit, as fixed one-second windows of
// the steady clock. Handlers run on httplib's thread pool, hence the lock.
namespace zoomqos::mock {

class RateLimiter {
public:
    // 0 admits everything.
    explicit RateLimiter(int per_second) : limit_(per_second) {}

    int limit() const { return limit_; }

    // Whether a request arriving now is within the limit; one that is not is
    // counted in rejected().
    bool admit() {
        if (limit_ <= 0) {
            return true;
        }
        const auto window = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::steady_clock::now().time_since_epoch())
                                .count();
        const std::lock_guard lock(mutex_);
        if (window != window_) {
            window_ = window;
            admitted_ = 0;
        }
        if (admitted_ < limit_) {
            ++admitted_;
            return true;
        }
        ++rejected_;
        return false;
    }

    std::uint64_t rejected() const {
        const std::lock_guard lock(mutex_);
        return rejected_;
    }

    // Forgets the current window too, so that a test starts with a full one.
    void reset() {
        const std::lock_guard lock(mutex_);
        window_ = -1;
        admitted_ = 0;
        rejected_ = 0;
    }

private:
    const int limit_;
    mutable std::mutex mutex_;
    std::chrono::seconds::rep window_ = -1;
    int admitted_ = 0;
    std::uint64_t rejected_ = 0;
};

// --daily-limit: Zoom's daily quota of the Heavy APIs. After `limit` admitted
// API requests, every one is refused until reset() (the control plane's
// /_mock/reset stands in for midnight UTC).
class DailyLimiter {
public:
    // 0 admits everything.
    explicit DailyLimiter(long limit) : limit_(limit) {}

    long limit() const { return limit_; }

    bool admit() {
        if (limit_ <= 0) {
            return true;
        }
        const std::lock_guard lock(mutex_);
        if (admitted_ < limit_) {
            ++admitted_;
            return true;
        }
        return false;
    }

    void reset() {
        const std::lock_guard lock(mutex_);
        admitted_ = 0;
    }

private:
    const long limit_;
    std::mutex mutex_;
    long admitted_ = 0;
};

} // namespace zoomqos::mock
