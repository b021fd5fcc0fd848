#include "printer.hpp"

#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/render/many.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

// What every printer knows.
class PrinterBase : public ParticipantPrinter {
public:
    PrinterBase(Collection collection, const EventTarget& target, const Glance& glance,
                const Streams& streams)
        : collection_(collection), target_(target), glance_(glance), streams_(streams) {}

protected:
    std::ostream& out() const { return streams_.out; }
    render::Subject subject(const std::string& participant_id) const {
        return target_.subject(participant_id);
    }

    Collection collection_;
    const EventTarget& target_;
    const Glance& glance_;
    const Streams& streams_;
};

class TablePrinter : public PrinterBase {
public:
    using PrinterBase::PrinterBase;

    void begin(std::optional<long long> /*total_records*/) override {
        if (collection_ == Collection::Listing) {
            out() << render::summary_row_header() << '\n';
        }
    }

    void add(const std::string& participant_id, const model::Participant& participant) override {
        if (collection_ == Collection::Listing) {
            out() << render::summary_row(participant, glance_.thresholds, streams_.utf8,
                                         streams_.width)
                  << '\n';
            return;
        }
        if (printed_++ > 0) {
            out() << '\n';
        }
        if (glance_.samples) {
            render::TableOptions table;
            table.utf8 = streams_.utf8;
            table.colour = streams_.colour;
            table.thresholds = glance_.thresholds;
            render::table(out(), subject(participant_id), participant, table);
            return;
        }
        render::SummaryOptions summary;
        summary.utf8 = streams_.utf8;
        summary.colour = streams_.colour;
        summary.width = streams_.width;
        summary.thresholds = glance_.thresholds;
        render::summary(out(), participant, summary);
    }

    void finish() override {}

private:
    std::size_t printed_ = 0;
};

class JsonPrinter : public PrinterBase {
public:
    using PrinterBase::PrinterBase;

    void begin(std::optional<long long> total_records) override {
        if (collection_ == Collection::Many) {
            sequence_.emplace(out());
        } else if (collection_ == Collection::Listing) {
            model::Json head = model::Json::object();
            head[target_.event_key()] = target_.id;
            head["type"] = std::string(api::qos_type_name(target_.type));
            head["total_records"] =
                total_records ? model::Json(*total_records) : model::Json(nullptr);
            sequence_.emplace(out(), std::move(head));
        }
    }

    void add(const std::string& /*participant_id*/,
             const model::Participant& participant) override {
        if (sequence_) {
            sequence_->add(participant_json(glance_, participant));
        } else if (glance_.annotate) {
            out() << participant_json(glance_, participant)
                         .dump(2, ' ', false, model::Json::error_handler_t::replace)
                  << '\n';
        } else {
            render::json(out(), participant);
        }
    }

    void finish() override {
        if (sequence_) {
            sequence_->close();
        }
    }

    void abandon(std::string_view reason) override {
        // Many participants or a list always make one document, even when
        // the run stopped before the first participant.
        if (!sequence_ && collection_ != Collection::One) {
            begin(std::nullopt);
        }
        if (sequence_) {
            sequence_->close_incomplete(reason);
        }
    }

private:
    std::optional<render::JsonSequence> sequence_; // the array or list's object
};

class NdjsonPrinter : public PrinterBase {
public:
    using PrinterBase::PrinterBase;
    void begin(std::optional<long long> /*total_records*/) override {}
    void add(const std::string& participant_id, const model::Participant& participant) override {
        render::ndjson(out(), subject(participant_id), participant);
    }
    void finish() override {}
};

class CsvPrinter : public PrinterBase {
public:
    using PrinterBase::PrinterBase;
    // One header for all participants, so that their rows line up: a
    // list has it even when empty, get with its first participant.
    void begin(std::optional<long long> /*total_records*/) override {
        if (collection_ == Collection::Listing) {
            header();
        }
    }
    void add(const std::string& participant_id, const model::Participant& participant) override {
        header();
        render::csv_rows(out(), subject(participant_id), participant, glance_.csv_columns);
    }
    void finish() override {}

private:
    void header() {
        if (!header_written_) {
            if (glance_.bom) {
                out() << "\xEF\xBB\xBF"; // the byte order mark that tells Excel "UTF-8"
            }
            render::csv_header(out(), glance_.csv_columns);
            header_written_ = true;
        }
    }

    bool header_written_ = false;
};

} // namespace

std::string incomplete_reason(const Error& error) {
    constexpr std::size_t kMaxReason = 300;
    if (process::interrupted()) {
        return "interrupted by " + process::signal_name(process::interrupt_signal());
    }
    return text::printable(error.message, kMaxReason);
}

std::unique_ptr<ParticipantPrinter> make_printer(render::Format format, Collection collection,
                                                 const EventTarget& target, const Glance& glance,
                                                 const Streams& streams) {
    switch (format) {
    case render::Format::Json:
        return std::make_unique<JsonPrinter>(collection, target, glance, streams);
    case render::Format::Ndjson:
        return std::make_unique<NdjsonPrinter>(collection, target, glance, streams);
    case render::Format::Csv:
        return std::make_unique<CsvPrinter>(collection, target, glance, streams);
    case render::Format::Table:
    case render::Format::Raw:
        break;
    }
    return std::make_unique<TablePrinter>(collection, target, glance, streams);
}

} // namespace zoomqos::cli
