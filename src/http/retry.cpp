#include "zoomqos/http/retry.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <random>
#include <sstream>
#include <thread>

#include "zoomqos/process/interrupt.hpp"

#include "text.hpp"

namespace zoomqos::http {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using WallTime = std::chrono::system_clock::time_point;

using text::iequals;
using text::trim;

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<int> month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (iequals(kMonths[i], name)) {
            return static_cast<int>(i) + 1;
        }
    }
    return std::nullopt;
}

// A UTC calendar time, checked field by field (no 31 February).
std::optional<WallTime> utc_time(int year, int month, int day, int hour, int minute, int second) {
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    // 60 admits a leap second, which then counts as the next minute's first.
    // Years past what system_clock's nanoseconds hold (1678-2262) would
    // overflow: a server's date that far off names no usable instant.
    if (year < 1970 || year > 2200 || !date.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           seconds(second);
}

// "08:49:37"
bool read_clock(std::string_view text, std::size_t& pos, int& hour, int& minute, int& second) {
    const auto h = read_number(text, pos, 2);
    if (!h || !expect(text, pos, ':')) {
        return false;
    }
    const auto m = read_number(text, pos, 2);
    if (!m || !expect(text, pos, ':')) {
        return false;
    }
    const auto s = read_number(text, pos, 2);
    if (!s) {
        return false;
    }
    hour = *h;
    minute = *m;
    second = *s;
    return true;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ' ') {
            ++pos;
        }
        if (pos > start) {
            out.push_back(text.substr(start, pos - start));
        }
    }
    return out;
}

std::optional<int> whole_number(std::string_view text) {
    std::size_t pos = 0;
    auto value = read_number(text, pos, text.size());
    if (text.empty() || text.size() > 4 || !value) {
        return std::nullopt;
    }
    return value;
}

std::optional<WallTime> clock_on(std::string_view clock, int year, int month, int day) {
    std::size_t pos = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_clock(clock, pos, hour, minute, second) || pos != clock.size()) {
        return std::nullopt;
    }
    return utc_time(year, month, day, hour, minute, second);
}

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
    bool daily_limit = false;         // X-RateLimit-Type: Daily-limit
};

Decision decide(const Result<Response>& outcome, Failure failure, WallTime now) {
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
    if (response.status == 429 &&
        iequals(trim(response.header("X-RateLimit-Type")), "Daily-limit")) {
        decision.action = Decision::Action::GiveUp;
        decision.daily_limit = true;
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

std::optional<WallTime> parse_http_date(std::string_view value) {
    const auto parts = words(trim(value));
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (parts.size() == 6 && parts[0].size() == 4 && parts[0].back() == ',' && parts[5] == "GMT") {
        const auto day = whole_number(parts[1]);
        const auto month = month_number(parts[2]);
        const auto year = parts[3].size() == 4 ? whole_number(parts[3]) : std::nullopt;
        if (parts[1].size() != 2 || !day || !month || !year) {
            return std::nullopt;
        }
        return clock_on(parts[4], *year, *month, *day);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year more than
    // 50 years ahead is in the past century (RFC 9110, 5.6.7).
    if (parts.size() == 4 && parts[0].back() == ',' && parts[3] == "GMT" && parts[1].size() == 9 &&
        parts[1][2] == '-' && parts[1][6] == '-') {
        const auto day = whole_number(parts[1].substr(0, 2));
        const auto month = month_number(parts[1].substr(3, 3));
        const auto year2 = whole_number(parts[1].substr(7, 2));
        if (!day || !month || !year2) {
            return std::nullopt;
        }
        int year = 2000 + *year2;
        const auto this_year =
            static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                             std::chrono::system_clock::now()))
                                 .year());
        if (year > this_year + 50) {
            year -= 100;
        }
        return clock_on(parts[2], year, *month, *day);
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (parts.size() == 5 && parts[0].size() == 3) {
        const auto month = month_number(parts[1]);
        const auto day = parts[2].size() <= 2 ? whole_number(parts[2]) : std::nullopt;
        const auto year = parts[4].size() == 4 ? whole_number(parts[4]) : std::nullopt;
        if (!month || !day || !year) {
            return std::nullopt;
        }
        return clock_on(parts[3], *year, *month, *day);
    }
    return std::nullopt;
}

std::optional<WallTime> parse_iso8601(std::string_view value) {
    const std::string_view text = trim(value);
    std::size_t pos = 0;
    const auto year = read_number(text, pos, 4);
    if (!year || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto month = read_number(text, pos, 2);
    if (!month || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto day = read_number(text, pos, 2);
    if (!day || !(expect(text, pos, 'T') || expect(text, pos, 't'))) {
        return std::nullopt;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_clock(text, pos, hour, minute, second)) {
        return std::nullopt;
    }
    // Fractions of a second do not matter for a wait; skip them.
    if (expect(text, pos, '.')) {
        const std::size_t start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
            ++pos;
        }
        if (pos == start) {
            return std::nullopt;
        }
    }
    // A date-time without a zone names no instant: refused rather than guessed.
    std::chrono::minutes offset{0};
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto hours = read_number(text, pos, 2);
        expect(text, pos, ':');
        const auto minutes = read_number(text, pos, 2);
        if (!hours || !minutes || *hours > 23 || *minutes > 59) {
            return std::nullopt;
        }
        offset = std::chrono::minutes(sign * (*hours * 60 + *minutes));
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const auto local = utc_time(*year, *month, *day, hour, minute, second);
    if (!local) {
        return std::nullopt;
    }
    return *local - offset;
}

std::optional<WallTime> parse_retry_after(std::string_view value, WallTime now) {
    const std::string_view text = trim(value);
    if (!text.empty() &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // Anything beyond a year is as good as forever; capping keeps the
        // arithmetic far from overflow.
        constexpr long long kYear = 366LL * 86400LL;
        long long count = 0;
        for (const char c : text) {
            count = std::min(kYear, count * 10 + (c - '0'));
        }
        return now + seconds(count);
    }
    if (auto date = parse_http_date(text)) {
        return date;
    }
    return parse_iso8601(text);
}

milliseconds backoff_delay(int retry, const RetryPolicy& policy, double random) {
    const int exponent = std::clamp(retry, 0, 30);
    const double ceiling =
        std::min(static_cast<double>(policy.backoff_cap.count()),
                 static_cast<double>(policy.backoff_base.count()) * std::ldexp(1.0, exponent));
    const double fraction = std::clamp(random, 0.0, 1.0);
    return milliseconds(static_cast<long long>(std::floor(ceiling * fraction)));
}

std::string format_local_time(WallTime when) {
    const std::time_t seconds_since_epoch = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    if (localtime_r(&seconds_since_epoch, &local) == nullptr) {
        return "(unknown time)";
    }
    std::ostringstream out;
    out << std::put_time(&local, "%Y-%m-%d %H:%M:%S %Z");
    return out.str();
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
    const Decision decision = decide(outcome, failure, now);
    if (decision.action == Decision::Action::Return) {
        step.outcome = with_attempts(std::move(outcome), attempt_number);
        return step;
    }
    if (decision.action == Decision::Action::GiveUp) {
        std::string note = "Zoom's daily rate limit is used up";
        note += decision.retry_at ? "; it resets at " + format_local_time(*decision.retry_at)
                                  : "; it resets at midnight UTC";
        step.outcome = stop_with(std::move(outcome), attempt_number, note);
        return step;
    }

    milliseconds wait{0};
    bool server_directed = false;
    if (decision.retry_at) {
        server_directed = true;
        wait = std::max(milliseconds(0), std::chrono::ceil<milliseconds>(*decision.retry_at - now));
        if (wait > policy_.max_wait) {
            step.outcome =
                stop_with(std::move(outcome), attempt_number,
                          "the server asks to wait until " + format_local_time(*decision.retry_at) +
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
            pacer->answered(outcome->status);
        }
        RetrySequence::Step step = sequence.after(std::move(outcome), failure);
        if (step.outcome) {
            return std::move(*step.outcome);
        }
        if (pacer != nullptr) {
            pacer->retried();
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
