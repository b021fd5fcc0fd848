#pragma once

#include <functional>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"
#include "zoomqos/render/render.hpp"

#include "glance.hpp"
#include "streams.hpp"

// `get --watch`: after the first answer, polls every interval and prints the
// samples newer than the last one printed.
namespace zoomqos::cli {

// One poll: the same request, retries and token refresh as the first.
using FetchParticipant = std::function<Result<model::Participant>()>;

// Until Ctrl-C (Ok: the normal end of a watch, see process::QuietInterrupt),
// a closed stdout, a --fail-on breach in a new sample (exit 8), or an error
// such as 404 (returned after what was seen is printed).
Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch,
             const Streams& streams);

} // namespace zoomqos::cli
