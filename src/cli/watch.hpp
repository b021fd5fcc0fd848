#pragma once

#include <chrono>
#include <functional>
#include <string>

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
// a closed stdout, a --fail-on breach in a new sample (exit 8), the
// participant gone (a 404: "participant left" on stderr, then Ok, or exit 8
// when the samples before the watch breached --fail-on), or another error
// (returned after what was seen is printed). The samples the first answer
// already holds have their breaches listed without ending the watch. On a
// terminal's stderr a dim "polling every N s…" shows while it waits, unless
// not `show_status` (--quiet).
Status watch(const Glance& glance, render::Format format, const render::Subject& subject,
             const model::Participant& first, const FetchParticipant& fetch, const Streams& streams,
             bool show_status);

// "polling every 10 s…" (ASCII: "..."), the status line's text.
std::string polling_status(std::chrono::milliseconds interval, bool utf8);

} // namespace zoomqos::cli
