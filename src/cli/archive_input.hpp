#pragma once

#include <optional>
#include <string>

#include "zoomqos/archive/reader.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"

// What `list --input` and `report --input` read: an archived event (what
// `zoomqos sweep` writes), line 1 the event object, then one typed
// participant per line, gzip or plain.
namespace zoomqos::cli {

// An archive read up to its first participant line.
struct ArchiveInput {
    archive::LineReader reader;
    model::Json event;
    std::string id; // the event line's uuid (the instance that was read), else its id
};

// Errors (ErrorKind::InvalidResponse, naming the file and the line): an
// empty file, line 1 not a JSON object or without a uuid or id; the file
// cannot be opened (ErrorKind::Usage).
Result<ArchiveInput> open_archive_input(const std::string& path);

// The next participant line's JSON (blank lines are skipped), or none at the
// end.
Result<std::optional<model::Json>> next_participant_line(archive::LineReader& reader);

// The next participant line mapped (model::participant_from_typed_json), or
// none at the end.
Result<std::optional<model::Participant>> next_participant(archive::LineReader& reader);

} // namespace zoomqos::cli
