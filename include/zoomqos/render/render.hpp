#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/quality/rules.hpp"

// Renderers write one participant's QoS to a stream. They never touch the
// network or the terminal; what they print is fixed by golden files in
// tests/golden/.
namespace zoomqos::render {

enum class Format { Table, Json, Ndjson, Csv, Raw };

std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);

// What the user asked for, as they typed it: NDJSON and CSV rows carry these
// so that rows from many participants stay attributable.
struct Subject {
    std::string event_key = "webinar_id"; // or "meeting_id" with --meeting
    std::string event_id;
    std::string participant_id;
};

struct TableOptions {
    bool utf8 = true; // false: ASCII-only rules and placeholders
    // Only the sample rows, no participant block, no header: what `get
    // --watch` adds after each poll.
    bool rows_only = false;
    // Values beyond these rules are marked as the summary marks them: red
    // with colour, a '!' after the value without. None: nothing is marked.
    std::vector<quality::Rule> thresholds;
    bool colour = false;
    // `get --watch`: the column widths of the rows printed so far, kept
    // between calls; a call widens them as needed and never narrows them, so
    // that later rows line up with the first poll's header.
    std::vector<std::size_t>* widths = nullptr;
    // The zone the participant's times are in (model::convert_times), named
    // in the TIME header when the rows show times without their date.
    std::string zone_label = "UTC";
};

// For people: who the participant is, then one row per sample and main
// stream, then CPU. Aligned by display width (non-ASCII names included).
void table(std::ostream& out, const Subject& subject, const model::Participant& participant,
           const TableOptions& options = {});

// The typed participant (model::to_json), pretty-printed, newline-terminated.
void json(std::ostream& out, const model::Participant& participant);

// One compact JSON object per sample, the participant's lines flushed together:
//   {"webinar_id", "participant_id", "user_id", "user_name",
//    "date_time", <streams>..., "cpu_usage", <extra>..., "details"}
// (the first key is subject.event_key; "details" only when the participant
// has them, list --details). No line for no samples.
void ndjson(std::ostream& out, const Subject& subject, const model::Participant& participant);

// RFC 4180 with CRLF line ends, a fixed header so that rows of many
// participants line up: context columns, then every main stream's typed
// columns (audio_input_bitrate_kbps, ..., video_input_width, ...), then CPU.
// `columns` picks some of them (positions in that schema, in the order to
// write); empty: all. With `details` (list --details) the detail_* columns
// (model::kDetailFields) follow, empty when the participant has no session.
using CsvColumns = std::vector<std::size_t>;
void csv_header(std::ostream& out, const CsvColumns& columns = {}, bool details = false);
void csv_rows(std::ostream& out, const Subject& subject, const model::Participant& participant,
              const CsvColumns& columns = {}, bool details = false);

// The schema's column names, in order.
std::vector<std::string> csv_column_names();

// --columns: "basic" (the context columns, the six main streams and CPU) and
// column names, comma-separated, each at most once; an unknown name is a
// usage error that lists the valid ones.
Result<CsvColumns> parse_csv_columns(std::string_view list);

// The response body, byte for byte.
void raw(std::ostream& out, std::string_view body);

} // namespace zoomqos::render
