#include "zoomqos/report/report.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/model/times.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"
#include "zoomqos/version.hpp"

#include "archive_input.hpp"
#include "command.hpp"
#include "event_command.hpp"
#include "glance.hpp"
#include "participant_pages.hpp"
#include "progress.hpp"
#include "session.hpp"

// `zoomqos report`: every participant of an event, read page by page like
// `list` (or from an archive, like `list --input`), written as one
// self-contained HTML file.
namespace zoomqos::cli {

namespace {

// The page's one wall-clock time: SOURCE_DATE_EPOCH when set (reproducible
// builds' convention), else now.
Result<std::string> generated_at() {
    const char* fixed = std::getenv("SOURCE_DATE_EPOCH");
    if (fixed == nullptr) {
        return text::format_iso_utc(
            std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    }
    const std::string value(fixed);
    char* end = nullptr;
    errno = 0;
    const long long seconds = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || errno != 0 || seconds < 0 ||
        seconds > 7258118400LL /* 2200-01-01 */) {
        return make_error(ErrorKind::Usage, "SOURCE_DATE_EPOCH is not a number of seconds since "
                                            "1970: '" +
                                                text::printable(value, 40) + "'");
    }
    return text::format_iso_utc(std::chrono::sys_seconds(std::chrono::seconds(seconds)));
}

// zoomqos-report-<id>.html, the ID's characters that a file name should not
// hold (an instance UUID's '/', '+', '=') made '_'.
std::string default_file(const std::string& id) {
    std::string name = "zoomqos-report-";
    for (const char c : id) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                           (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
        name += plain ? c : '_';
    }
    return name + ".html";
}

class ReportCommand : public EventCommand {
public:
    CLI::App* add_to(CLI::App& app) override {
        // A report is mostly about an event that has ended.
        options_.target.type = api::QosType::Past;
        CLI::App* report = add_event_command(
            app, "report", "Write one event's QoS as a self-contained HTML report", "--input FILE");
        report
            ->add_option("-o,--output", file_,
                         "The HTML file to write ('-': stdout); default "
                         "zoomqos-report-<ID>.html")
            ->type_name("FILE");
        report->add_flag("--details", details_,
                         "Also ask the participants' details endpoint and break the breaches "
                         "down by network type and data center; with --input, the archive's");
        CLI::Option* input =
            report
                ->add_option("--input", input_,
                             "Read an archived event (NDJSON, gzip or plain, as `zoomqos sweep` "
                             "writes) instead of asking Zoom; no WEBINAR, no credentials")
                ->type_name("FILE");
        add_tz_option(*report, options_.glance,
                      "Show the page's times in ZONE: 'local', 'UTC' or an IANA name such as "
                      "'Europe/Stockholm' (default: local time, as in tables); the page names "
                      "the zone");
        add_document_options(
            *report,
            "The report is one HTML file with nothing outside it (no network, no scripts but a "
            "small sorter).\nWith SOURCE_DATE_EPOCH set, the same data gives the same bytes.\n"
            "Examples:\n"
            "  zoomqos report 81234567890\n"
            "  zoomqos report 81234567890 --thresholds 'latency>200' -o qos.html\n"
            "  zoomqos report 81234567890 --details\n"
            "  zoomqos report --input archive/2026-11-20T1400Z-81234567890-ab12cd.ndjson.gz\n");
        input->excludes(event_argument());
        for (CLI::Option* option : connection_options()) {
            input->excludes(option);
        }
        return report;
    }

private:
    bool offline() const override { return input_.has_value(); }

    Status check(const Glance& /*glance*/, const Streams& /*streams*/) override {
        auto when = generated_at();
        if (!when) {
            return std::move(when).error();
        }
        generated_at_ = std::move(when).value();
        return Ok{};
    }

    Status run_in(Session& session, const Glance& glance, const Streams& streams) override {
        auto participants = fetch(session, streams);
        if (!participants) {
            return std::move(participants).error();
        }
        return finish(event_info(), *participants, glance, streams);
    }

    // The archive's event line names the event (its topic and host too); its
    // participants carry their details when they were archived with them.
    Status run_offline(const Glance& glance, const Streams& streams) override {
        auto input = open_archive_input(*input_);
        if (!input) {
            return std::move(input).error();
        }
        options_.target.id = input->id;
        report::EventInfo info = event_info();
        const auto text_of = [&](const char* key) -> std::optional<std::string> {
            const auto it = input->event.find(key);
            if (it == input->event.end() || !it->is_string()) {
                return std::nullopt;
            }
            return it->get<std::string>();
        };
        info.topic = text_of("topic");
        info.host = text_of("host");
        if (const auto kind = text_of("kind"); kind == "webinar" || kind == "meeting") {
            info.noun = *kind;
        }
        std::vector<model::Participant> participants;
        for (;;) {
            auto next = next_participant(input->reader);
            if (!next) {
                return std::move(next).error();
            }
            if (!*next) {
                break;
            }
            if (details_ && !(*next)->details) {
                (*next)->details = model::details_json(nullptr);
            }
            participants.push_back(std::move(**next));
        }
        return finish(info, participants, glance, streams);
    }

    report::EventInfo event_info() const {
        report::EventInfo info;
        info.noun = std::string(options_.target.noun());
        info.id = options_.target.id;
        info.type = options_.target.type == api::QosType::Past ? "past" : "live";
        return info;
    }

    // Writes the file, then judges --fail-on. The participants' times are
    // converted into the page's zone first.
    Status finish(const report::EventInfo& info, std::vector<model::Participant>& participants,
                  const Glance& glance, const Streams& streams) {
        if (file_.empty()) {
            file_ = default_file(info.id);
        }
        report::ReportOptions report_options;
        report_options.details = details_;
        report_options.thresholds = glance.thresholds;
        report_options.version = kVersion;
        report_options.generated_at = generated_at_;
        if (glance.zone) {
            report_options.zone = *glance.zone;
            for (model::Participant& participant : participants) {
                model::convert_times(participant, *glance.zone);
            }
        }
        if (auto status = write_file(info, participants, report_options, streams); !status) {
            return status;
        }
        FailOnTally fail_on(glance, streams.err);
        for (const model::Participant& participant : participants) {
            fail_on.judge(participant, participant.id.value_or("?"));
        }
        return fail_on.status(participants.size());
    }

    Result<std::vector<model::Participant>> fetch(Session& session, const Streams& streams) const {
        std::vector<model::Participant> participants;
        ParticipantPages pages(options_.target, kPageSize, session);
        pages.raw_hint("zoomqos list -o raw prints the pages as received");
        Progress progress(streams.err, show_progress(options_.pacing, streams), std::nullopt);
        progress.follow_pauses(session.pacer());
        model::SessionIndex sessions;
        if (details_) {
            auto fetched = fetch_details_sessions(session, options_.target, progress);
            if (!fetched) {
                return std::move(fetched).error();
            }
            sessions = std::move(fetched).value();
        }
        bool first = true;
        for (;;) {
            auto page = pages.next();
            progress.clear();
            if (!page) {
                return std::move(page).error();
            }
            if (!*page) {
                return participants;
            }
            if (first && (*page)->total_records) {
                progress.set_total(
                    static_cast<std::size_t>(std::max(0LL, *(*page)->total_records)));
            }
            first = false;
            progress.advance((*page)->participants.size());
            progress.tick();
            for (model::Participant& participant : (*page)->participants) {
                if (details_) {
                    participant.details = sessions.match(participant);
                }
                participants.push_back(std::move(participant));
            }
        }
    }

    Status write_file(const report::EventInfo& info,
                      const std::vector<model::Participant>& participants,
                      const report::ReportOptions& report_options, const Streams& streams) const {
        if (file_ == "-") {
            report::write(streams.out, info, participants, report_options);
            streams.out.flush();
            return Ok{};
        }
        // Written next to the target and renamed over it: a failed run
        // leaves no half-written report, nor does it clobber an old one.
        const std::string partial = file_ + ".partial";
        {
            std::ofstream file(partial, std::ios::binary | std::ios::trunc);
            if (file) {
                report::write(file, info, participants, report_options);
                file.flush();
            }
            if (!file) {
                const int error = errno;
                static_cast<void>(std::remove(partial.c_str())); // nothing more to do if it fails
                return make_error(ErrorKind::Internal, "cannot write " + text::printable(file_) +
                                                           ": " + std::strerror(error));
            }
        }
        if (std::rename(partial.c_str(), file_.c_str()) != 0) {
            const int error = errno;
            static_cast<void>(std::remove(partial.c_str())); // nothing more to do if it fails
            return make_error(ErrorKind::Internal, "cannot write " + text::printable(file_) + ": " +
                                                       std::strerror(error));
        }
        streams.err << "zoomqos: wrote " << text::printable(file_) << " (" << participants.size()
                    << " participants)\n";
        return Ok{};
    }

    // Zoom documents at most 10 per page for the QoS list.
    static constexpr int kPageSize = 10;
    std::string file_;
    std::string generated_at_;
    bool details_ = false;
    std::optional<std::string> input_;
};

} // namespace

std::unique_ptr<Command> make_report_command() {
    return std::make_unique<ReportCommand>();
}

} // namespace zoomqos::cli
