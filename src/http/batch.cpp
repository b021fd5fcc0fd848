#include "zoomqos/http/batch.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include <curl/curl.h>

#include "zoomqos/process/interrupt.hpp"

#include "transfer.hpp"

namespace zoomqos::http {

namespace {

using Clock = Pacer::Clock;
using std::chrono::milliseconds;

struct MultiDeleter {
    void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};

struct Job {
    Request request;
    RetryPolicy policy;
    Batch::Done done;
    std::optional<RetrySequence>
        sequence;                 // from its first start: the --timeout budget runs from there
    Clock::time_point ready_at{}; // a retry's wait ends here
};

} // namespace

struct Batch::Impl {
    Pacer* pacer = nullptr;
    std::size_t concurrency = 1;
    std::ostream* log = nullptr;
    RetryEnvironment environment = RetryEnvironment::system();
    std::unique_ptr<CURLM, MultiDeleter> multi;

    std::deque<std::unique_ptr<Job>> fresh;   // never started, in order
    std::vector<std::unique_ptr<Job>> parked; // waiting to retry
    std::vector<std::unique_ptr<detail::Transfer>> idle;
    std::unordered_map<CURL*, std::pair<std::unique_ptr<detail::Transfer>, std::unique_ptr<Job>>>
        in_flight;

    std::chrono::milliseconds tick_interval{0};
    std::function<void()> tick;
    std::optional<Error> cancelled;
    bool stopped = false;

    // The job that may start next: a retry whose wait is over (earliest
    // first), else the oldest fresh one.
    std::unique_ptr<Job> take_ready(Clock::time_point now) {
        auto due = std::min_element(parked.begin(), parked.end(), [](const auto& a, const auto& b) {
            return a->ready_at < b->ready_at;
        });
        if (due != parked.end() && (*due)->ready_at <= now) {
            std::unique_ptr<Job> job = std::move(*due);
            parked.erase(due);
            return job;
        }
        if (!fresh.empty()) {
            std::unique_ptr<Job> job = std::move(fresh.front());
            fresh.pop_front();
            return job;
        }
        return nullptr;
    }

    bool has_ready(Clock::time_point now) const {
        return !fresh.empty() || std::any_of(parked.begin(), parked.end(), [now](const auto& job) {
            return job->ready_at <= now;
        });
    }

    std::optional<Clock::time_point> earliest_parked() const {
        std::optional<Clock::time_point> earliest;
        for (const auto& job : parked) {
            if (!earliest || job->ready_at < *earliest) {
                earliest = job->ready_at;
            }
        }
        return earliest;
    }

    void start(std::unique_ptr<Job> job, Clock::time_point now) {
        if (!job->sequence) {
            job->sequence.emplace(job->request, job->policy, log, environment);
        }
        std::unique_ptr<detail::Transfer> transfer;
        if (idle.empty()) {
            transfer = std::make_unique<detail::Transfer>(log);
        } else {
            transfer = std::move(idle.back());
            idle.pop_back();
        }
        pacer->started(now);
        const Request& attempt = job->sequence->next_attempt();
        if (auto prepared = transfer->prepare(attempt); !prepared) {
            idle.push_back(std::move(transfer));
            complete(std::move(job), std::move(prepared).error(), Failure::Permanent, now);
            return;
        }
        CURL* handle = transfer->handle();
        if (const CURLMcode rc = curl_multi_add_handle(multi.get(), handle); rc != CURLM_OK) {
            idle.push_back(std::move(transfer));
            complete(std::move(job),
                     make_error(ErrorKind::Internal,
                                std::string("libcurl multi: ") + curl_multi_strerror(rc)),
                     Failure::Permanent, now);
            return;
        }
        in_flight.emplace(handle, std::make_pair(std::move(transfer), std::move(job)));
    }

    // One attempt ended: the job is done, or parked until its retry.
    void complete(std::unique_ptr<Job> job, Result<Response> outcome, Failure failure,
                  Clock::time_point now) {
        if (outcome) {
            pacer->answered(*outcome);
        }
        RetrySequence::Step step = job->sequence->after(std::move(outcome), failure);
        if (step.outcome) {
            job->done(std::move(*step.outcome));
            return;
        }
        pacer->retried();
        job->ready_at = now + step.wait.delay;
        if (step.wait.per_second) {
            pacer->per_second_limited(now);
        }
        if (step.wait.rate_limited) {
            pacer->pause_until(job->ready_at);
        }
        parked.push_back(std::move(job));
    }

    void collect_finished() {
        int queued = 0;
        while (!stopped) {
            CURLMsg* message = curl_multi_info_read(multi.get(), &queued);
            if (message == nullptr) {
                break;
            }
            if (message->msg != CURLMSG_DONE) {
                continue;
            }
            CURL* handle = message->easy_handle;
            const CURLcode result = message->data.result;
            auto found = in_flight.find(handle);
            if (found == in_flight.end()) {
                continue;
            }
            auto [transfer, job] = std::move(found->second);
            in_flight.erase(found);
            curl_multi_remove_handle(multi.get(), handle);
            Failure failure = Failure::None;
            Result<Response> outcome = transfer->finish(result, failure);
            idle.push_back(std::move(transfer));
            complete(std::move(job), std::move(outcome), failure, Clock::now());
        }
    }

    void fail_pending() {
        const Error error = *cancelled;
        while (!fresh.empty()) {
            std::unique_ptr<Job> job = std::move(fresh.front());
            fresh.pop_front();
            job->done(error);
        }
        while (!parked.empty()) {
            std::unique_ptr<Job> job = std::move(parked.back());
            parked.pop_back();
            job->done(error);
        }
    }

    void abort_all() {
        for (auto& [handle, entry] : in_flight) {
            curl_multi_remove_handle(multi.get(), handle);
        }
        in_flight.clear();
        fresh.clear();
        parked.clear();
    }
};

Batch::Batch(Pacer& pacer, int concurrency, std::ostream* log) : impl_(std::make_unique<Impl>()) {
    detail::global_init_once();
    impl_->pacer = &pacer;
    impl_->concurrency = static_cast<std::size_t>(std::max(1, concurrency));
    impl_->log = log;
    impl_->multi.reset(curl_multi_init());
    if (impl_->multi) {
        // Never more connections than transfers; libcurl keeps them open
        // between transfers and picks an idle one before opening another.
        curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                          static_cast<long>(impl_->concurrency));
        curl_multi_setopt(impl_->multi.get(), CURLMOPT_MAXCONNECTS,
                          static_cast<long>(impl_->concurrency));
        curl_multi_setopt(impl_->multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    }
}

Batch::~Batch() {
    impl_->abort_all();
}

void Batch::add(Request request, const RetryPolicy& policy, Done done) {
    auto job = std::make_unique<Job>();
    job->request = std::move(request);
    job->policy = policy;
    job->done = std::move(done);
    if (impl_->cancelled) {
        job->done(*impl_->cancelled);
        return;
    }
    impl_->fresh.push_back(std::move(job));
}

void Batch::on_tick(std::chrono::milliseconds interval, std::function<void()> tick) {
    impl_->tick_interval = interval;
    impl_->tick = std::move(tick);
}

void Batch::stop() {
    impl_->stopped = true;
}

void Batch::cancel_pending(const Error& error) {
    impl_->cancelled = error;
}

Status Batch::run() {
    Impl& self = *impl_;
    if (!self.multi) {
        return make_error(ErrorKind::Internal, "could not initialise libcurl");
    }
    Clock::time_point next_tick = Clock::now() + self.tick_interval;
    while (!self.fresh.empty() || !self.parked.empty() || !self.in_flight.empty()) {
        if (process::interrupted()) {
            self.abort_all();
            return make_error(ErrorKind::Network, "interrupted");
        }
        if (self.stopped) {
            self.abort_all();
            return Ok{};
        }
        if (self.cancelled) {
            self.fail_pending();
        }
        Clock::time_point now = Clock::now();
        while (self.in_flight.size() < self.concurrency && self.has_ready(now) &&
               self.pacer->next_start(now) <= now) {
            self.start(self.take_ready(now), now);
            now = Clock::now();
        }

        int running = 0;
        if (const CURLMcode rc = curl_multi_perform(self.multi.get(), &running); rc != CURLM_OK) {
            self.abort_all();
            return make_error(ErrorKind::Internal,
                              std::string("libcurl multi: ") + curl_multi_strerror(rc));
        }
        self.collect_finished();

        // Sleep until a transfer has news, a start is due, a retry's wait
        // ends, or the next tick; at most 100 ms so that Ctrl-C is seen.
        now = Clock::now();
        Clock::time_point wake = now + milliseconds(100);
        if (self.tick) {
            wake = std::min(wake, next_tick);
        }
        if (self.in_flight.size() < self.concurrency) {
            if (self.has_ready(now)) {
                wake = std::min(wake, self.pacer->next_start(now));
            } else if (auto parked = self.earliest_parked()) {
                wake = std::min(wake, std::max(*parked, self.pacer->next_start(now)));
            }
        }
        if (wake > now &&
            (!self.fresh.empty() || !self.parked.empty() || !self.in_flight.empty())) {
            const auto wait = std::chrono::ceil<milliseconds>(wake - now);
            curl_multi_poll(self.multi.get(), nullptr, 0, static_cast<int>(wait.count()), nullptr);
        }
        if (self.tick && Clock::now() >= next_tick) {
            self.tick();
            next_tick = Clock::now() + self.tick_interval;
        }
    }
    return Ok{};
}

} // namespace zoomqos::http
