#pragma once

#include <string>
#include <vector>

#include "event_command.hpp"
#include "glance.hpp"
#include "options.hpp"
#include "session.hpp"
#include "streams.hpp"
#include "target.hpp"

// `zoomqos get`: one participant (get.cpp) or many, fetched concurrently
// (get_many.cpp).
namespace zoomqos::cli {

// The participant IDs of `get`: each argument, with "-" replaced by the lines
// of `in` (trimmed; blank lines and '#' comments skipped). Usage errors for an
// empty ID, a second "-", or no IDs at all.
Result<std::vector<std::string>> read_participant_ids(const std::vector<std::string>& arguments,
                                                      std::istream& in);

Status run_get_many(const EventOptions& options, const Glance& glance,
                    const std::vector<std::string>& participant_ids, Session& session,
                    const Streams& streams);

} // namespace zoomqos::cli
