#pragma once

#include <string>
#include <vector>

#include "glance.hpp"
#include "options.hpp"
#include "session.hpp"
#include "streams.hpp"
#include "target.hpp"

// `zoomqos get`: one participant (get.cpp) or many, fetched concurrently
// (get_many.cpp).
namespace zoomqos::cli {

struct GetOptions {
    EventTarget target;
    // As given: IDs, and "-" for IDs read from stdin (read_participant_ids).
    std::vector<std::string> participant_ids;
    render::Format format = render::Format::Table;
    GlanceOptions glance;
    PacingOptions pacing;
    ConnectionOptions connection;
};

// The participant IDs of `get`: each argument, with "-" replaced by the lines
// of `in` (trimmed; blank lines and '#' comments skipped). Usage errors for an
// empty ID, a second "-", or no IDs at all.
Result<std::vector<std::string>> read_participant_ids(const std::vector<std::string>& arguments,
                                                      std::istream& in);

Status run_get_many(const GetOptions& options, const Glance& glance,
                    const std::vector<std::string>& participant_ids, Session& session,
                    const Streams& streams);

} // namespace zoomqos::cli
