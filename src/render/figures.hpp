#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "zoomqos/model/qos.hpp"

// The per-stream aggregates the summary view shows, shared with the rows of
// `list --summary` (rank.cpp) so that both say the same about a stream.
namespace zoomqos::render {

struct Stats {
    std::optional<double> low;
    std::optional<double> high;
    double sum = 0;
    std::size_t count = 0;

    void add(const std::optional<double>& value) {
        if (!value || !std::isfinite(*value)) {
            return;
        }
        low = low ? std::min(*low, *value) : *value;
        high = high ? std::max(*high, *value) : *value;
        sum += *value;
        ++count;
    }
    std::optional<double> average() const {
        return count == 0 ? std::nullopt : std::optional<double>(sum / static_cast<double>(count));
    }
};

// What the summary shows of one stream, over the samples in which it carried data.
struct StreamFigures {
    Stats bitrate, latency, jitter, avg_loss, max_loss, fps;
    std::optional<model::Resolution> res_low, res_high; // by area
    bool video = false;
};

StreamFigures stream_figures(const model::Participant& p, const std::string& name);

} // namespace zoomqos::render
