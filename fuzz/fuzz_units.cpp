// The unit-value parsers read text a remote server controls. Whatever they
// get, they must not crash, and a value they return must be usable: finite
// and non-negative (an unreadable value is nullopt, never a wrong number).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "zoomqos/model/units.hpp"

namespace units = zoomqos::model::units;

namespace {
void check(std::optional<double> value) {
    if (value && (!std::isfinite(*value) || *value < 0)) {
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(units::parse_bitrate_kbps(text));
    check(units::parse_duration_ms(text));
    check(units::parse_percent(text));
    check(units::parse_fps(text));
    if (const auto resolution = units::parse_resolution(text)) {
        if (resolution->width < 0 || resolution->height < 0) {
            std::abort();
        }
    }
    return 0;
}
