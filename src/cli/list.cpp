#include <algorithm>
#include <string_view>

#include "zoomqos/api/url.hpp"
#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/rank.hpp"
#include "zoomqos/text/text.hpp"

#include "archive_input.hpp"
#include "command.hpp"
#include "event_command.hpp"
#include "glance.hpp"
#include "participant_pages.hpp"
#include "printer.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "target.hpp"

// `zoomqos list`: every participant of an event, page by page, each page
// printed as it arrives; or ranked (--sort, --top), or one row each
// (--summary); or read back from an archive file (--input).
namespace zoomqos::cli {

namespace {

// Each page's body as received, one per line: pages stay apart.
void print_raw_page(std::ostream& out, std::string_view body) {
    out << body;
    if (body.empty() || body.back() != '\n') {
        out << '\n';
    }
}

// Walks the pages: each needs the previous page's next_page_token, so they
// are read one after another.
class PageWalk {
public:
    PageWalk(const EventOptions& options, const PageOptions& pages, const ListingOptions& listing,
             const Glance& glance, Session& session, const Streams& streams)
        : options_(options), pages_(pages), details_(listing.details), session_(session),
          streams_(streams),
          progress_(streams.err, show_progress(options.pacing, streams), std::nullopt),
          printer_(make_listing_printer(options.format, options.target, glance, streams, listing)),
          fail_on_(glance, streams.err), pages_walk_(options.target, pages.page_size, session) {
        progress_.follow_pauses(session_.pacer());
        if (options_.format == render::Format::Raw) {
            pages_walk_.on_body(
                [this](std::string_view body) { print_raw_page(streams_.out, body); });
        }
    }

    Status run() {
        if (details_) {
            auto sessions = fetch_details_sessions(session_, options_.target, progress_);
            if (!sessions) {
                printer_->abandon(incomplete_reason(sessions.error()));
                return std::move(sessions).error();
            }
            sessions_ = std::move(sessions).value();
        }
        for (;;) {
            auto page = next_page();
            if (!page) {
                printer_->abandon(incomplete_reason(page.error()));
                return std::move(page).error();
            }
            if (!*page) {
                break; // the last page, or --limit reached
            }
            if (!streams_.out) {
                return Ok{}; // stdout closed (| head): cli::run ends quietly
            }
        }
        printer_->finish();
        progress_.clear();
        if (session_.log() != nullptr) {
            *session_.log() << "* " << printed_ << " participants; " << session_.pacer().summary()
                            << "\n";
        }
        return fail_on_.status(static_cast<std::size_t>(printed_));
    }

private:
    // Fetches and prints one page; false when there is no next one.
    Result<bool> next_page() {
        auto page = pages_walk_.next();
        progress_.clear();
        if (!page) {
            return std::move(page).error();
        }
        if (!*page) {
            return false;
        }
        if (first_page_) {
            first_page_ = false;
            begin((*page)->total_records);
        }
        print((*page)->participants);
        return !limit_reached();
    }

    void begin(std::optional<long long> total_records) {
        if (total_records) {
            const long long total =
                pages_.limit ? std::min(*pages_.limit, *total_records) : *total_records;
            progress_.set_total(static_cast<std::size_t>(std::max(0LL, total)));
        }
        if (options_.format != render::Format::Raw) {
            printer_->begin(total_records);
        }
    }

    void print(std::vector<model::Participant>& participants) {
        std::size_t this_page = 0;
        for (model::Participant& participant : participants) {
            if (limit_reached()) {
                break;
            }
            if (details_) {
                participant.details = sessions_.match(participant);
            }
            if (options_.format != render::Format::Raw) {
                printer_->add(participant.id.value_or(""), participant);
            }
            ++printed_;
            ++this_page;
            fail_on_.judge(participant, participant.id.value_or("?"));
        }
        streams_.out.flush();
        progress_.advance(this_page);
        progress_.tick();
    }

    bool limit_reached() const { return pages_.limit && printed_ >= *pages_.limit; }

    const EventOptions& options_;
    const PageOptions& pages_;
    bool details_;
    model::SessionIndex sessions_;
    Session& session_;
    const Streams& streams_;
    Progress progress_;
    std::unique_ptr<ParticipantPrinter> printer_;
    FailOnTally fail_on_;
    ParticipantPages pages_walk_;
    long long printed_ = 0;
    bool first_page_ = true;
};

// list --input: an archive's participants through the same printer as a page
// walk's. Two passes over the file: the first counts the participants (what
// the JSON object's total_records says), the second prints them.
class ArchiveWalk {
public:
    ArchiveWalk(const std::string& path, EventOptions& options, const PageOptions& pages,
                const ListingOptions& listing, const Glance& glance, const Streams& streams)
        : path_(path), options_(options), pages_(pages), listing_(listing), glance_(glance),
          streams_(streams) {}

    Status run() {
        auto counted = count();
        if (!counted) {
            return std::move(counted).error();
        }
        auto input = open_archive_input(path_);
        if (!input) {
            return std::move(input).error();
        }
        auto printer =
            make_listing_printer(options_.format, options_.target, glance_, streams_, listing_);
        FailOnTally fail_on(glance_, streams_.err);
        printer->begin(*counted);
        long long printed = 0;
        while (!pages_.limit || printed < *pages_.limit) {
            auto next = next_participant(input->reader);
            if (!next) {
                printer->abandon(incomplete_reason(next.error()));
                return std::move(next).error();
            }
            if (!*next) {
                break;
            }
            model::Participant& participant = **next;
            if (listing_.details && !participant.details) {
                participant.details = model::details_json(nullptr);
            }
            const std::string id = participant.id.value_or("");
            printer->add(id, participant);
            fail_on.judge(participant, participant.id.value_or("?"));
            ++printed;
            if (!streams_.out) {
                return Ok{};
            }
        }
        printer->finish();
        return fail_on.status(static_cast<std::size_t>(printed));
    }

private:
    // Checks the event line, takes the subject from it and counts the
    // participant lines, each of which must be JSON.
    Result<long long> count() {
        auto input = open_archive_input(path_);
        if (!input) {
            return std::move(input).error();
        }
        options_.target.id = input->id;
        long long participants = 0;
        for (;;) {
            auto line = next_participant_line(input->reader);
            if (!line) {
                return std::move(line).error();
            }
            if (!*line) {
                return participants;
            }
            if (!line->value().is_object()) {
                return input->reader.error_at_line("a participant line is not a JSON object");
            }
            ++participants;
        }
    }

    const std::string& path_;
    EventOptions& options_;
    const PageOptions& pages_;
    const ListingOptions& listing_;
    const Glance& glance_;
    const Streams& streams_;
};

class ListCommand : public EventCommand {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* list = add_event_command(
            app, "list", "Show every participant's QoS for a webinar or meeting, page by page",
            "--input FILE");
        add_page_options(*list, pages_);
        sort_ = add_choice(*list, "--sort", sort_key_,
                           Choices<render::SortKey>{{"latency", render::SortKey::Latency},
                                                    {"jitter", render::SortKey::Jitter},
                                                    {"loss", render::SortKey::Loss},
                                                    {"max_loss", render::SortKey::MaxLoss},
                                                    {"bitrate", render::SortKey::Bitrate},
                                                    {"fps", render::SortKey::Fps},
                                                    {"cpu", render::SortKey::Cpu},
                                                    {"breaches", render::SortKey::Breaches}},
                           "Print all participants at the end, worst first (bitrate, fps: "
                           "lowest first); ties by participant ID");
        list->add_option("--top", top_, "Only the N worst participants (alone: --sort breaches)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40U))
            ->type_name("N");
        list->add_flag("--summary", listing_.summary,
                       "With -o csv, ndjson or json: one row per participant instead of one per "
                       "sample");
        list->add_flag("--details", listing_.details,
                       "Join each participant's session from the participants' details endpoint "
                       "(network, data center, quality ratings, devices); with --input, show the "
                       "archive's");
        CLI::Option* input =
            list->add_option("--input", input_,
                             "Read an archived event (NDJSON, gzip or plain) instead of asking "
                             "Zoom; no WEBINAR, no credentials")
                ->type_name("FILE");
        add_shared_options(*list, false, false,
                           "Output is printed page by page as it arrives (with --sort: at the "
                           "end).\n"
                           "Examples:\n"
                           "  zoomqos list 81234567890 --type past\n"
                           "  zoomqos list 81234567890 --type past --sort latency --top 10\n"
                           "  zoomqos list 81234567890 --type past --summary -o csv\n"
                           "  zoomqos list --input event.ndjson.gz --type past\n"
                           "  zoomqos list 81234567890 --type past -o ndjson | jq -c "
                           "'select(.audio_input.latency_ms > 150)'\n");
        input->excludes(event_argument());
        for (CLI::Option* option : connection_options()) {
            input->excludes(option);
        }
        for (const char* name : {"--page-size"}) {
            input->excludes(list->get_option(name));
        }
        return list;
    }

private:
    bool offline() const override { return input_.has_value(); }

    Status check(const Glance& glance, const Streams& /*streams*/) override {
        const bool per_participant = listing_.summary || sort_->count() > 0 || top_;
        if (options_.format == render::Format::Raw && (per_participant || input_)) {
            return make_error(ErrorKind::Usage,
                              input_ ? "-o raw prints response bodies; --input has none"
                                     : "--sort, --top and --summary need another format than -o "
                                       "raw");
        }
        if (options_.format == render::Format::Raw && listing_.details) {
            return make_error(ErrorKind::Usage,
                              "-o raw prints the QoS pages as received; --details needs another "
                              "format");
        }
        if (listing_.summary && options_.format == render::Format::Table) {
            return make_error(ErrorKind::Usage,
                              "--summary is for -o csv, ndjson or json (the table already shows "
                              "one row per participant)");
        }
        if (glance.annotate && per_participant) {
            return make_error(ErrorKind::Usage,
                              "--annotate adds breaches to the samples; with --summary or --sort "
                              "the rows carry them (breaches, worst_breach)");
        }
        if (sort_->count() > 0 || top_) {
            listing_.sort = sort_key_;
        }
        listing_.top = top_;
        return Ok{};
    }

    Status run_in(Session& session, const Glance& glance, const Streams& streams) override {
        PageWalk walk(options_, pages_, listing_, glance, session, streams);
        return walk.run();
    }

    Status run_offline(const Glance& glance, const Streams& streams) override {
        ArchiveWalk walk(*input_, options_, pages_, listing_, glance, streams);
        return walk.run();
    }

    PageOptions pages_;
    ListingOptions listing_;
    render::SortKey sort_key_ = render::SortKey::Breaches;
    CLI::Option* sort_ = nullptr;
    std::optional<std::size_t> top_;
    std::optional<std::string> input_;
};

} // namespace

std::unique_ptr<Command> make_list_command() {
    return std::make_unique<ListCommand>();
}

} // namespace zoomqos::cli
