#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "zoomqos/render/summary.hpp"

namespace zoomqos::render {

namespace {

constexpr std::array<std::string_view, 8> kBlocks{"\u2581", "\u2582", "\u2583", "\u2584",
                                                  "\u2585", "\u2586", "\u2587", "\u2588"};
constexpr std::array<std::string_view, 8> kAscii{"_", ".", "-", ":", "=", "+", "*", "#"};

} // namespace

std::string sparkline(const std::vector<std::optional<double>>& values, std::size_t width,
                      double top, bool utf8) {
    const auto& glyphs = utf8 ? kBlocks : kAscii;
    const std::size_t n = values.size();
    const std::size_t cells = std::min(n, width);
    std::string line;
    for (std::size_t cell = 0; cell < cells; ++cell) {
        // Bucket `cell` covers [cell*n/cells, (cell+1)*n/cells): every value
        // lands in exactly one bucket whatever the ratio.
        const std::size_t begin = cell * n / cells;
        const std::size_t end = (cell + 1) * n / cells;
        std::optional<double> highest;
        for (std::size_t i = begin; i < end; ++i) {
            if (values[i] && std::isfinite(*values[i])) {
                highest = highest ? std::max(*highest, *values[i]) : *values[i];
            }
        }
        if (!highest) {
            line += ' ';
            continue;
        }
        std::size_t level = 0;
        if (top > 0 && *highest > 0) {
            // Eight equal bands of (0, top]: the lowest block is also zero.
            const double band = std::ceil(*highest / top * 8.0);
            level = static_cast<std::size_t>(std::clamp(band, 1.0, 8.0)) - 1;
        }
        line += glyphs[level];
    }
    return line;
}

} // namespace zoomqos::render
