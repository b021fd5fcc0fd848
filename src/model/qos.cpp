#include "zoomqos/model/qos.hpp"

#include <algorithm>

namespace zoomqos::model {

bool Stream::has_data() const {
    return bitrate_kbps || latency_ms || jitter_ms || avg_loss_pct || max_loss_pct || resolution ||
           frame_rate_fps;
}

const Stream* Sample::find_stream(std::string_view name) const {
    const auto found =
        std::ranges::find_if(streams, [name](const Stream& stream) { return stream.name == name; });
    return found == streams.end() ? nullptr : &*found;
}

} // namespace zoomqos::model
