#include "zoomqos/http/retry.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <random>
#include <sstream>
#include <thread>

#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::http {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using text::WallTime;

// "1.5 s", for the -v retry line.
std::string seconds_text(milliseconds wait) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << static_cast<double>(wait.count()) / 1000.0 << " s";
    return out.str();
}

bool is_retryable_status(long status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
}

// What the loop does after one attempt.
struct Decision {
    enum class Action { Return, Retry, GiveUp } action = Action::Return;
    std::string reason;               // "HTTP 503", curl's words, ...
    std::optional<WallTime> retry_at; // the server's Retry-After, if it gave a usable one
    std::string final_note;           // GiveUp: the classifier's why and when
};

Decision decide(const Result<Response>& outcome, Failure failure, WallTime now,
                const RateLimitClassifier& rate_limit) {
    Decision decision;
    if (!outcome) {
        if (failure == Failure::Retryable) {
            decision.action = Decision::Action::Retry;
            decision.reason = outcome.error().message;
        }
        return decision;
    }
    const Response& response = *outcome;
    if (response.status != 429 && !is_retryable_status(response.status)) {
        return decision;
    }
    decision.action = Decision::Action::Retry;
    decision.reason = "HTTP " + std::to_string(response.status);
    if (const std::string value = response.header("Retry-After"); !value.empty()) {
        decision.retry_at = parse_retry_after(value, now);
    }
    if (response.status == 429 && rate_limit) {
        if (auto note = rate_limit(response, decision.retry_at)) {
            decision.action = Decision::Action::GiveUp;
            decision.final_note = std::move(*note);
        }
    }
    return decision;
}

Result<Response> with_attempts(Result<Response> outcome, int attempts) {
    if (outcome) {
        outcome->attempts = attempts;
    } else if (attempts > 1) {
        Error error = std::move(outcome).error();
        error.message += " (" + std::to_string(attempts) + " attempts)";
        return error;
    }
    return outcome;
}

// The response ends the call as it is, with a note for the hint line.
Result<Response> stop_with(Result<Response> outcome, int attempts, std::string note) {
    if (outcome && !note.empty()) {
        outcome->retry_note = std::move(note);
    }
    return with_attempts(std::move(outcome), attempts);
}

bool interruptible_sleep(milliseconds wait) {
    // Small slices so that Ctrl-C ends a long Retry-After wait promptly.
    const auto end = std::chrono::steady_clock::now() + wait;
    while (!process::interrupted()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= end) {
            return true;
        }
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            end - now, std::chrono::milliseconds(20)));
    }
    return false;
}

} // namespace

RetryEnvironment RetryEnvironment::system() {
    RetryEnvironment environment;
    environment.wall_now = [] {
        return std::chrono::system_clock::now();
    };
    environment.steady_now = [] {
        return std::chrono::steady_clock::now();
    };
    environment.sleep = interruptible_sleep;
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    environment.random = [engine] {
        return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
    return environment;
}

std::optional<WallTime> parse_retry_after(std::string_view value, WallTime now) {
    const std::string_view trimmed = text::trim(value);
    if (!trimmed.empty() &&
        std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // Anything beyond a year is as good as forever; capping keeps the
        // arithmetic far from overflow.
        constexpr long long kYear = 366LL * 86400LL;
        long long count = 0;
        for (const char c : trimmed) {
            count = std::min(kYear, count * 10 + (c - '0'));
        }
        return now + seconds(count);
    }
    if (auto date = text::parse_http_date(trimmed)) {
        return date;
    }
    return text::parse_iso8601(trimmed);
}

milliseconds backoff_delay(int retry, const RetryPolicy& policy, double random) {
    const int exponent = std::clamp(retry, 0, 30);
    const double ceiling =
        std::min(static_cast<double>(policy.backoff_cap.count()),
                 static_cast<double>(policy.backoff_base.count()) * std::ldexp(1.0, exponent));
    const double fraction = std::clamp(random, 0.0, 1.0);
    return milliseconds(static_cast<long long>(std::floor(ceiling * fraction)));
}

RetrySequence::RetrySequence(const Request& request, const RetryPolicy& policy, std::ostream* log,
                             const RetryEnvironment& environment)
    : each_(request), policy_(policy), log_(log), environment_(&environment),
      deadline_(environment.steady_now() + request.timeout) {
    if (each_.low_speed_time.count() == 0) {
        // From the whole budget, not from what is left of it for an attempt.
        each_.low_speed_time = default_low_speed_time(request.timeout);
    }
}

const Request& RetrySequence::next_attempt() {
    const auto left =
        std::chrono::duration_cast<milliseconds>(deadline_ - environment_->steady_now());
    each_.timeout = std::max(milliseconds(1), left);
    ++attempts_;
    return each_;
}

RetrySequence::Step RetrySequence::after(Result<Response> outcome, Failure failure) {
    Step step;
    if (failure == Failure::Interrupted) {
        step.outcome = std::move(outcome);
        return step;
    }
    const int attempt_number = attempts_;
    const int attempts_allowed = std::max(0, policy_.retries) + 1;
    const WallTime now = environment_->wall_now();
    Decision decision = decide(outcome, failure, now, policy_.rate_limit);
    if (decision.action == Decision::Action::Return) {
        step.outcome = with_attempts(std::move(outcome), attempt_number);
        return step;
    }
    if (decision.action == Decision::Action::GiveUp) {
        step.outcome =
            stop_with(std::move(outcome), attempt_number, std::move(decision.final_note));
        return step;
    }

    milliseconds wait{0};
    bool server_directed = false;
    if (decision.retry_at) {
        server_directed = true;
        wait = std::max(milliseconds(0), std::chrono::ceil<milliseconds>(*decision.retry_at - now));
        if (wait > policy_.max_wait) {
            step.outcome = stop_with(std::move(outcome), attempt_number,
                                     "the server asks to wait until " +
                                         text::format_local_time(*decision.retry_at) +
                                         ", longer than --max-wait allows; try again then");
            return step;
        }
    } else {
        wait = backoff_delay(attempt_number - 1, policy_, environment_->random());
    }
    if (attempt_number >= attempts_allowed) {
        step.outcome =
            stop_with(std::move(outcome), attempt_number,
                      attempt_number > 1 ? "gave up after " + std::to_string(attempt_number) +
                                               " attempts (--retries)"
                                         : "");
        return step;
    }
    if (server_directed) {
        // The server said when to come back; that wait is not ours to
        // count against --timeout.
        deadline_ += wait;
    } else if (environment_->steady_now() + wait >= deadline_) {
        step.outcome = stop_with(std::move(outcome), attempt_number,
                                 "gave up after " + std::to_string(attempt_number) +
                                     " attempts: --timeout leaves no time for another");
        return step;
    }
    if (log_ != nullptr) {
        *log_ << "* retry " << attempt_number << "/" << (attempts_allowed - 1) << " in "
              << seconds_text(wait) << " after " << decision.reason
              << (server_directed ? " (Retry-After)" : " (backoff)") << "\n"
              << std::flush;
    }
    step.wait.delay = wait;
    step.wait.server_directed = server_directed;
    step.wait.rate_limited = outcome && outcome->status == 429;
    step.wait.per_second =
        step.wait.rate_limited && policy_.per_second_limit && policy_.per_second_limit(*outcome);
    return step;
}

Result<Response> perform_with_retries(const AttemptFunction& attempt, const Request& request,
                                      const RetryPolicy& policy, std::ostream* log,
                                      const RetryEnvironment& environment) {
    RetrySequence sequence(request, policy, log, environment);
    for (;;) {
        const Request& each = sequence.next_attempt();
        Failure failure = Failure::None;
        Result<Response> outcome = attempt(each, failure);
        RetrySequence::Step step = sequence.after(std::move(outcome), failure);
        if (step.outcome) {
            return std::move(*step.outcome);
        }
        if (!environment.sleep(step.wait.delay)) {
            return make_error(ErrorKind::Network, "interrupted");
        }
    }
}

Result<Response> perform_with_retries(Client& client, const Request& request,
                                      const RetryPolicy& policy, std::ostream* log, Pacer* pacer) {
    const RetryEnvironment environment = RetryEnvironment::system();
    RetrySequence sequence(request, policy, log, environment);
    for (;;) {
        if (pacer != nullptr && !pacer->wait_to_start()) {
            return make_error(ErrorKind::Network, "interrupted");
        }
        Failure failure = Failure::None;
        Result<Response> outcome = client.perform(sequence.next_attempt(), failure);
        if (pacer != nullptr && outcome) {
            pacer->answered(*outcome);
        }
        RetrySequence::Step step = sequence.after(std::move(outcome), failure);
        if (step.outcome) {
            return std::move(*step.outcome);
        }
        if (pacer != nullptr) {
            pacer->retried();
            if (step.wait.per_second) {
                pacer->per_second_limited(Pacer::Clock::now());
            }
            if (step.wait.rate_limited) {
                pacer->pause_until(Pacer::Clock::now() + step.wait.delay);
            }
        }
        if (!environment.sleep(step.wait.delay)) {
            return make_error(ErrorKind::Network, "interrupted");
        }
    }
}

} // namespace zoomqos::http
