#include "printer.hpp"

#include <algorithm>
#include <vector>

#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/render/many.hpp"
#include "zoomqos/render/summary.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

// What list's JSON object holds before its "participants".
model::Json listing_head(const EventTarget& target, std::optional<long long> total_records) {
    model::Json head = model::Json::object();
    head[target.event_key()] = target.id;
    head["type"] = std::string(api::qos_type_name(target.type));
    head["total_records"] = total_records ? model::Json(*total_records) : model::Json(nullptr);
    return head;
}

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
    TablePrinter(Collection collection, const EventTarget& target, const Glance& glance,
                 const Streams& streams, bool network = false)
        : PrinterBase(collection, target, glance, streams), network_(network) {}

    void begin(std::optional<long long> /*total_records*/) override {
        if (collection_ == Collection::Listing) {
            out() << render::summary_row_header(network_) << '\n';
        }
    }

    void add(const std::string& participant_id, const model::Participant& participant) override {
        if (collection_ == Collection::Listing) {
            out() << render::summary_row(participant, glance_.thresholds, streams_.utf8,
                                         streams_.width, network_)
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
            table.zone_label = zone_label(glance_, participant);
            render::table(out(), subject(participant_id), participant, table);
            return;
        }
        render::SummaryOptions summary;
        summary.utf8 = streams_.utf8;
        summary.colour = streams_.colour;
        summary.width = streams_.width;
        summary.thresholds = glance_.thresholds;
        summary.zone_label = zone_label(glance_, participant);
        render::summary(out(), participant, summary);
    }

    void finish() override {}

private:
    bool network_;
    std::size_t printed_ = 0;
};

class JsonPrinter : public PrinterBase {
public:
    using PrinterBase::PrinterBase;

    void begin(std::optional<long long> total_records) override {
        if (collection_ == Collection::Many) {
            sequence_.emplace(out());
        } else if (collection_ == Collection::Listing) {
            sequence_.emplace(out(), listing_head(target_, total_records));
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
    CsvPrinter(Collection collection, const EventTarget& target, const Glance& glance,
               const Streams& streams, bool details = false)
        : PrinterBase(collection, target, glance, streams), details_(details) {}
    // One header for all participants, so that their rows line up: a
    // list has it even when empty, get with its first participant.
    void begin(std::optional<long long> /*total_records*/) override {
        if (collection_ == Collection::Listing) {
            header();
        }
    }
    void add(const std::string& participant_id, const model::Participant& participant) override {
        header();
        render::csv_rows(out(), subject(participant_id), participant, glance_.csv_columns,
                         details_);
    }
    void finish() override {}

private:
    void header() {
        if (!header_written_) {
            if (glance_.bom) {
                out() << "\xEF\xBB\xBF"; // the byte order mark that tells Excel "UTF-8"
            }
            render::csv_header(out(), glance_.csv_columns, details_);
            header_written_ = true;
        }
    }

    bool details_;
    bool header_written_ = false;
};

// list --summary / --sort: one row per participant. Sorted, the rows wait in
// memory as digests (and the table's row text) until finish().
class DigestPrinter : public PrinterBase {
public:
    DigestPrinter(render::Format format, const EventTarget& target, const Glance& glance,
                  const Streams& streams, const ListingOptions& listing)
        : PrinterBase(Collection::Listing, target, glance, streams), format_(format),
          listing_(listing) {}

    void begin(std::optional<long long> total_records) override {
        total_records_ = total_records;
        if (!listing_.sort) {
            head();
        }
    }

    void add(const std::string& participant_id, const model::Participant& participant) override {
        Row row{render::digest(subject(participant_id), participant, glance_.thresholds), {}};
        if (format_ == render::Format::Table) {
            row.table = table_row(participant);
        }
        if (listing_.sort) {
            rows_.push_back(std::move(row));
        } else {
            write(row);
        }
    }

    void finish() override {
        write_sorted();
        if (sequence_) {
            sequence_->close();
        }
    }

    // What was read, ranked all the same; a JSON document says it is incomplete.
    void abandon(std::string_view reason) override {
        write_sorted();
        if (!sequence_ && format_ == render::Format::Json) {
            head();
        }
        if (sequence_) {
            sequence_->close_incomplete(reason);
        }
    }

private:
    void write_sorted() {
        if (listing_.sort) {
            head();
            const render::SortKey key = *listing_.sort;
            std::stable_sort(rows_.begin(), rows_.end(), [key](const Row& a, const Row& b) {
                return render::ranks_before(a.digest, b.digest, key);
            });
            const std::size_t shown =
                listing_.top ? std::min(*listing_.top, rows_.size()) : rows_.size();
            for (std::size_t i = 0; i < shown; ++i) {
                write(rows_[i]);
            }
            rows_.clear();
        }
    }

    struct Row {
        render::ParticipantDigest digest;
        std::string table;
    };

    std::string table_row(const model::Participant& participant) const {
        return render::summary_row(participant, glance_.thresholds, streams_.utf8, streams_.width,
                                   listing_.details);
    }

    void head() {
        switch (format_) {
        case render::Format::Json:
            sequence_.emplace(out(), listing_head(target_, total_records_));
            break;
        case render::Format::Csv:
            render::digest_csv_header(out(), listing_.details);
            break;
        case render::Format::Table:
            out() << render::summary_row_header(listing_.details) << '\n';
            break;
        case render::Format::Ndjson:
        case render::Format::Raw:
            break;
        }
    }

    void write(const Row& row) {
        switch (format_) {
        case render::Format::Json:
            sequence_->add(render::digest_json(row.digest));
            break;
        case render::Format::Ndjson:
            out() << render::digest_json(row.digest)
                         .dump(-1, ' ', false, model::Json::error_handler_t::replace)
                  << '\n'
                  << std::flush;
            break;
        case render::Format::Csv:
            render::digest_csv_row(out(), row.digest, listing_.details);
            break;
        case render::Format::Table:
        case render::Format::Raw:
            out() << row.table << '\n';
            break;
        }
    }

    render::Format format_;
    ListingOptions listing_;
    std::optional<long long> total_records_;
    std::optional<render::JsonSequence> sequence_;
    std::vector<Row> rows_;
};

} // namespace

std::string incomplete_reason(const Error& error) {
    constexpr std::size_t kMaxReason = 300;
    if (process::interrupted()) {
        return "interrupted by " + process::signal_name(process::interrupt_signal());
    }
    return text::printable(error.message, kMaxReason);
}

namespace {

// --tz: hands on each participant with its times in the glance's zone.
class ZonedPrinter : public ParticipantPrinter {
public:
    ZonedPrinter(std::unique_ptr<ParticipantPrinter> inner, const Glance& glance)
        : inner_(std::move(inner)), glance_(glance) {}

    void begin(std::optional<long long> total_records) override { inner_->begin(total_records); }
    void add(const std::string& participant_id, const model::Participant& participant) override {
        inner_->add(participant_id, in_zone(glance_, participant));
    }
    void finish() override { inner_->finish(); }
    void abandon(std::string_view reason) override { inner_->abandon(reason); }

private:
    std::unique_ptr<ParticipantPrinter> inner_;
    const Glance& glance_;
};

std::unique_ptr<ParticipantPrinter> in_zone(std::unique_ptr<ParticipantPrinter> printer,
                                            const Glance& glance) {
    if (!glance.zone) {
        return printer;
    }
    return std::make_unique<ZonedPrinter>(std::move(printer), glance);
}

std::unique_ptr<ParticipantPrinter> make_plain_printer(render::Format format, Collection collection,
                                                       const EventTarget& target,
                                                       const Glance& glance,
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

} // namespace

std::unique_ptr<ParticipantPrinter>
make_listing_printer(render::Format format, const EventTarget& target, const Glance& glance,
                     const Streams& streams, const ListingOptions& listing) {
    if (listing.summary || listing.sort) {
        return in_zone(std::make_unique<DigestPrinter>(format, target, glance, streams, listing),
                       glance);
    }
    if (format == render::Format::Csv) {
        return in_zone(std::make_unique<CsvPrinter>(Collection::Listing, target, glance, streams,
                                                    listing.details),
                       glance);
    }
    if (format == render::Format::Table) {
        // One summary row each, which shows no time.
        return std::make_unique<TablePrinter>(Collection::Listing, target, glance, streams,
                                              listing.details);
    }
    return make_printer(format, Collection::Listing, target, glance, streams);
}

std::unique_ptr<ParticipantPrinter> make_printer(render::Format format, Collection collection,
                                                 const EventTarget& target, const Glance& glance,
                                                 const Streams& streams) {
    return in_zone(make_plain_printer(format, collection, target, glance, streams), glance);
}

} // namespace zoomqos::cli
