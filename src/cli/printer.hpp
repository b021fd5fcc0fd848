#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/render/rank.hpp"
#include "zoomqos/render/render.hpp"

#include "glance.hpp"
#include "streams.hpp"
#include "target.hpp"

// Where participants go, whatever fetched them: `get` with one participant,
// `get` with many, `list` page by page. The format decides how each is
// written; the collection decides what surrounds them (one JSON document, an
// array, list's object; summary blocks or one row each).
namespace zoomqos::cli {

enum class Collection {
    One,     // get with one participant
    Many,    // get with several: blocks / a JSON array, in the order added
    Listing, // list: one summary row each / {"webinar_id", ..., "participants": [...]}
};

class ParticipantPrinter {
public:
    ParticipantPrinter() = default;
    virtual ~ParticipantPrinter() = default;
    ParticipantPrinter(const ParticipantPrinter&) = delete;
    ParticipantPrinter& operator=(const ParticipantPrinter&) = delete;
    ParticipantPrinter(ParticipantPrinter&&) = delete;
    ParticipantPrinter& operator=(ParticipantPrinter&&) = delete;

    // Before the first participant: what only list's first page tells.
    virtual void begin(std::optional<long long> total_records) = 0;
    virtual void add(const std::string& participant_id, const model::Participant& participant) = 0;
    // Closes what begin() opened (a JSON document stays valid JSON). Once.
    virtual void finish() = 0;
    // The same when the run stops early (a signal, a failed request): a JSON
    // document is closed marked incomplete with `reason`; other formats end
    // as finish() ends them (their rows are whole lines).
    virtual void abandon(std::string_view reason) {
        (void)reason;
        finish();
    }
};

// Why a run stopped early, for ParticipantPrinter::abandon: "interrupted by
// SIGTERM" after a signal, else the error's message (printable, cut).
std::string incomplete_reason(const Error& error);

// A printer for every format but raw (which prints bodies, not participants).
std::unique_ptr<ParticipantPrinter> make_printer(render::Format format, Collection collection,
                                                 const EventTarget& target, const Glance& glance,
                                                 const Streams& streams);

// How `list` prints its participants beyond the per-sample formats.
struct ListingOptions {
    bool summary = false;                // csv/ndjson/json: one row per participant
    std::optional<render::SortKey> sort; // all participants first, then worst first
    std::optional<std::size_t> top;      // with sort: only the first N
    bool details = false;                // the table's NETWORK column, csv's detail_* columns
};

// list's printer: the per-sample one of make_printer(), or with --summary or
// --sort the per-participant rows (render/rank.hpp), which a sort keeps (one
// digest per participant, no sample) until finish().
std::unique_ptr<ParticipantPrinter>
make_listing_printer(render::Format format, const EventTarget& target, const Glance& glance,
                     const Streams& streams, const ListingOptions& listing);

} // namespace zoomqos::cli
