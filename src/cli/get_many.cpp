#include <map>
#include <optional>

#include "zoomqos/api/response.hpp"
#include "zoomqos/http/batch.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/text/text.hpp"

#include "get.hpp"
#include "printer.hpp"
#include "progress.hpp"

namespace zoomqos::cli {

namespace {

// What became of one participant.
struct Outcome {
    std::optional<model::Participant> participant;
    std::optional<Error> error;
    bool not_requested = false; // cancelled after another participant's daily-limit 429
};

// Hands participants to the printer as they complete: NDJSON and CSV at
// once, the table and the JSON array in input order (each as soon as all
// before it are done). Failures are told as they happen.
class ManyPrinter {
public:
    ManyPrinter(const EventOptions& options, const Glance& glance,
                const std::vector<std::string>& ids, const Streams& streams, Progress& progress)
        : format_(options.format), ids_(ids), streams_(streams), progress_(progress),
          printer_(make_printer(options.format, Collection::Many, options.target, glance, streams)),
          fail_on_(glance, streams.err) {
        printer_->begin(std::nullopt);
    }

    void complete(std::size_t index, Outcome outcome) {
        progress_.clear();
        if (outcome.error) {
            report(index, outcome);
        } else {
            fail_on_.judge(*outcome.participant, ids_[index]);
        }
        if (in_order()) {
            pending_.emplace(index, std::move(outcome));
            while (!pending_.empty() && pending_.begin()->first == next_) {
                print(next_, pending_.begin()->second);
                pending_.erase(pending_.begin());
                ++next_;
            }
        } else {
            print(index, outcome);
        }
        progress_.advance();
        progress_.tick();
    }

    // False once stdout is gone (`| head`): nothing more is worth fetching.
    bool writable() const { return static_cast<bool>(streams_.out); }

    // A JSON document begun is closed, marked incomplete.
    void abandon(const Error& error) {
        printer_->abandon(incomplete_reason(error));
        streams_.out.flush();
    }

    void finish() {
        printer_->finish();
        streams_.out.flush();
        if (not_requested_ > 0) {
            streams_.err << "zoomqos: error: " << not_requested_ << " of " << ids_.size()
                         << " participants not requested: the rate limit above applies to them "
                            "too\n";
        }
    }

    // The exit status: the first failure in input order, else exit 8 when a
    // --fail-on rule was breached, else Ok.
    Status status() const {
        if (first_error_) {
            Error error = first_error_->second;
            error.message = "participant " + ids_[first_error_->first] + ": " + error.message;
            error.reported = true;
            return error;
        }
        return fail_on_.status(ids_.size());
    }

private:
    bool in_order() const {
        return format_ == render::Format::Table || format_ == render::Format::Json;
    }

    // Said at once, with the ID: a long run shows its failures as they
    // happen. Participants never requested because of another's 429 are
    // counted and told once at the end, not one by one.
    void report(std::size_t index, const Outcome& outcome) {
        if (outcome.not_requested) {
            ++not_requested_;
        } else {
            Error error = *outcome.error;
            error.message = "participant " + text::printable(ids_[index]) + ": " + error.message;
            streams_.err << format_error(error);
        }
        if (!first_error_ || index < first_error_->first) {
            first_error_ = {index, *outcome.error};
        }
    }

    void print(std::size_t index, const Outcome& outcome) {
        if (outcome.participant) {
            printer_->add(ids_[index], *outcome.participant);
            streams_.out.flush();
        }
    }

    render::Format format_;
    const std::vector<std::string>& ids_;
    const Streams& streams_;
    Progress& progress_;
    std::unique_ptr<ParticipantPrinter> printer_;
    FailOnTally fail_on_;
    std::map<std::size_t, Outcome> pending_;
    std::size_t next_ = 0;
    std::optional<std::pair<std::size_t, Error>> first_error_;
    std::size_t not_requested_ = 0;
};

} // namespace

Status run_get_many(const EventOptions& options, const Glance& glance,
                    const std::vector<std::string>& participant_ids, Session& session,
                    const Streams& streams) {
    Progress progress(streams.err, show_progress(options.pacing, streams), participant_ids.size());
    progress.follow_pauses(session.pacer());
    ManyPrinter printer(options, glance, participant_ids, streams, progress);
    http::Batch batch(session.pacer(), options.pacing.concurrency, session.log());
    batch.on_tick(std::chrono::milliseconds(200), [&progress] { progress.tick(); });

    // Each participant: one request, a second one after a 401 with a fresh
    // token, then its outcome to the printer.
    std::function<void(std::size_t, bool)> submit = [&](std::size_t index, bool after_401) {
        api::RequestContext context = options.target.context(participant_ids[index]);
        context.static_token = !session.refreshable();
        http::Request request = session.request(
            options.target.participant_url(session.base_url(), context.participant_id));
        const std::string sent_with = request.bearer_token;
        batch.add(std::move(request), session.policy(),
                  [&, index, after_401, context, sent_with](Result<http::Response> response) {
                      Outcome outcome;
                      if (response && response->status == 401 && session.refreshable() &&
                          !after_401) {
                          auto fresh = session.token_after_401(sent_with);
                          if (fresh) {
                              submit(index, true);
                              return;
                          }
                          outcome.error = std::move(fresh).error();
                      } else if (!response) {
                          outcome.not_requested = response.error().reported;
                          outcome.error = std::move(response).error();
                      } else if (response->status != 200) {
                          Error error = api::error_from_response(*response, context);
                          if (error.kind == ErrorKind::RateLimited) {
                              // A daily limit (or a wait past --max-wait)
                              // would end every other request the same way.
                              // Marked as reported: this participant tells it.
                              Error cancelled = error;
                              cancelled.reported = true;
                              batch.cancel_pending(cancelled);
                          }
                          outcome.error = std::move(error);
                      } else if (auto participant = model::parse_participant(response->body)) {
                          outcome.participant = std::move(participant).value();
                      } else {
                          Error error = std::move(participant).error();
                          error.http_status = response->status;
                          outcome.error = std::move(error);
                      }
                      printer.complete(index, std::move(outcome));
                      if (!printer.writable()) {
                          batch.stop();
                      }
                  });
    };
    for (std::size_t index = 0; index < participant_ids.size(); ++index) {
        submit(index, false);
    }
    Status ran = batch.run();
    progress.clear();
    if (!ran) {
        if (printer.writable()) {
            printer.abandon(ran.error());
        }
        return ran;
    }
    if (!printer.writable()) {
        return Ok{}; // cli::run reports a closed stdout
    }
    printer.finish();
    if (session.log() != nullptr) {
        *session.log() << "* " << session.pacer().summary() << "\n";
    }
    return printer.status();
}

} // namespace zoomqos::cli
