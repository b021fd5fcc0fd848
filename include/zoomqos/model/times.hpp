#pragma once

#include "zoomqos/model/qos.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::model {

// --tz: every time of the participant (join_time, leave_time, each sample's
// date_time, and the details' join and leave times) rewritten as ISO-8601 in
// `zone` with its offset. A value that names no instant is kept as Zoom sent
// it, so that nothing is lost or guessed.
void convert_times(Participant& participant, const text::Zone& zone);

} // namespace zoomqos::model
