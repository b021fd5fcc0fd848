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

#include "zoomqos/model/qos.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"
#include "zoomqos/version.hpp"

#include "command.hpp"
#include "event_command.hpp"
#include "glance.hpp"
#include "participant_pages.hpp"
#include "progress.hpp"
#include "session.hpp"

// `zoomqos report`: every participant of an event, read page by page like
// `list`, written as one self-contained HTML file.
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
            app, "report", "Write one event's QoS as a self-contained HTML report");
        report
            ->add_option("-o,--output", file_,
                         "The HTML file to write ('-': stdout); default "
                         "zoomqos-report-<ID>.html")
            ->type_name("FILE");
        add_document_options(
            *report,
            "The report is one HTML file with nothing outside it (no network, no scripts but a "
            "small sorter).\nWith SOURCE_DATE_EPOCH set, the same data gives the same bytes.\n"
            "Examples:\n"
            "  zoomqos report 81234567890\n"
            "  zoomqos report 81234567890 --thresholds 'latency>200' -o qos.html\n");
        return report;
    }

private:
    Status check(const Glance& /*glance*/, const Streams& /*streams*/) override {
        auto when = generated_at();
        if (!when) {
            return std::move(when).error();
        }
        generated_at_ = std::move(when).value();
        if (file_.empty()) {
            file_ = default_file(options_.target.id);
        }
        return Ok{};
    }

    Status run_in(Session& session, const Glance& glance, const Streams& streams) override {
        auto participants = fetch(session, streams);
        if (!participants) {
            return std::move(participants).error();
        }
        report::EventInfo info;
        info.noun = std::string(options_.target.noun());
        info.id = options_.target.id;
        info.type = options_.target.type == api::QosType::Past ? "past" : "live";
        report::ReportOptions report_options;
        report_options.thresholds = glance.thresholds;
        report_options.version = kVersion;
        report_options.generated_at = generated_at_;
        if (auto status = write_file(info, *participants, report_options, streams); !status) {
            return status;
        }
        FailOnTally fail_on(glance, streams.err);
        for (const model::Participant& participant : *participants) {
            fail_on.judge(participant, participant.id.value_or("?"));
        }
        return fail_on.status(participants->size());
    }

    Result<std::vector<model::Participant>> fetch(Session& session, const Streams& streams) const {
        std::vector<model::Participant> participants;
        ParticipantPages pages(options_.target, kPageSize, session);
        pages.raw_hint("zoomqos list -o raw prints the pages as received");
        Progress progress(streams.err, show_progress(options_.pacing, streams), std::nullopt);
        progress.follow_pauses(session.pacer());
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
};

} // namespace

std::unique_ptr<Command> make_report_command() {
    return std::make_unique<ReportCommand>();
}

} // namespace zoomqos::cli
