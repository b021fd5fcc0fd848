#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <vector>

#include "analysis.hpp"

// Participants × minutes, each cell coloured by its worst value relative to
// its threshold. Large events are bounded: minutes are bucketed into at most
// kMaxColumns columns, only the kMaxRows worst participants get a row, and
// equal neighbours in a row are one rect.
namespace zoomqos::report {

inline constexpr std::size_t kMaxColumns = 120;
inline constexpr std::size_t kMaxRows = 200;

struct Columns {
    std::size_t minutes_per_column = 1;
    std::size_t count = 0;
};
Columns plan_columns(std::size_t minutes, std::size_t max_columns);

// The colour step of a cell: 0 no data; 1-3 within the threshold (below
// half, below 80 %, up to it); 4-6 beyond it (up to 1.5×, 3×, more).
int level(const std::optional<Worst>& worst);

// Adjacent cells of one level, as one rect.
struct Run {
    std::size_t first = 0;
    std::size_t count = 0;
    int level = 0;
    bool operator==(const Run&) const = default;
};
std::vector<Run> runs(const std::vector<int>& levels);

// The worst cell of each column of `columns`.
std::vector<std::optional<Worst>> bucket(const std::vector<std::optional<Worst>>& minutes,
                                         const Columns& columns);

void heatmap_section(std::ostream& out, const Event& event);

} // namespace zoomqos::report
