#include <algorithm>
#include <string_view>

#include "zoomqos/model/mapper.hpp"

#include "command.hpp"
#include "event_command.hpp"
#include "glance.hpp"
#include "pages.hpp"
#include "printer.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "target.hpp"

// `zoomqos list`: every participant of an event, page by page, each page
// printed as it arrives.
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
    PageWalk(const EventOptions& options, const PageOptions& pages, const Glance& glance,
             Session& session, const Streams& streams)
        : options_(options), pages_(pages), session_(session), streams_(streams),
          progress_(streams.err, show_progress(options.pacing, streams), std::nullopt),
          printer_(
              make_printer(options.format, Collection::Listing, options.target, glance, streams)),
          fail_on_(glance, streams.err),
          reader_(options.target, pages.page_size, session, "-o raw prints the pages as received") {
    }

    Status run() {
        for (;;) {
            auto page = next_page();
            if (!page) {
                printer_->finish();
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
        auto page = reader_.next([this](std::string_view body) {
            if (options_.format == render::Format::Raw) {
                print_raw_page(streams_.out, body);
            }
        });
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

    void print(const std::vector<model::Participant>& participants) {
        std::size_t this_page = 0;
        for (const model::Participant& participant : participants) {
            if (limit_reached()) {
                break;
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
    Session& session_;
    const Streams& streams_;
    Progress progress_;
    std::unique_ptr<ParticipantPrinter> printer_;
    FailOnTally fail_on_;
    PageReader reader_;
    long long printed_ = 0;
    bool first_page_ = true;
};

class ListCommand : public EventCommand {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* list = add_event_command(
            app, "list", "Show every participant's QoS for a webinar or meeting, page by page");
        add_page_options(*list, pages_);
        add_shared_options(*list, false, false,
                           "Output is printed page by page as it arrives.\n"
                           "Examples:\n"
                           "  zoomqos list 81234567890 --type past\n"
                           "  zoomqos list 81234567890 --type past -o ndjson | jq -c "
                           "'select(.audio_input.latency_ms > 150)'\n");
        return list;
    }

private:
    Status check(const Glance& /*glance*/, const Streams& /*streams*/) override { return Ok{}; }

    Status run_in(Session& session, const Glance& glance, const Streams& streams) override {
        PageWalk walk(options_, pages_, glance, session, streams);
        return walk.run();
    }

    PageOptions pages_;
};

} // namespace

std::unique_ptr<Command> make_list_command() {
    return std::make_unique<ListCommand>();
}

} // namespace zoomqos::cli
