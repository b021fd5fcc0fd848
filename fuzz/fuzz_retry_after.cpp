// Retry-After is a header a remote server controls. Whatever it says, the
// parsers must not crash, and a plain count of seconds must mean exactly that
// many seconds from now (capped at a year, as the unit tests pin down) —
// never a date misread from digits, never an instant in the past.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "zoomqos/http/retry.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

namespace http = zoomqos::http;
namespace text = zoomqos::text;

namespace {

using std::chrono::seconds;
using text::WallTime;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// The seconds a digits-only value names, saturated at `cap` (leading zeros
// and any length allowed); nullopt when the value is not digits only.
std::optional<long long> plain_seconds(std::string_view text, long long cap) {
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    long long count = 0;
    for (const char c : text) {
        count = std::min(cap, count * 10 + (c - '0'));
    }
    return count;
}

void check(std::string_view value, WallTime now) {
    constexpr long long kYear = 366LL * 86400LL;
    const auto result = http::parse_retry_after(value, now);
    const auto date = text::parse_http_date(value);
    const auto iso = text::parse_iso8601(value);
    if (const auto count = plain_seconds(text::trim(value), kYear)) {
        require(result.has_value());
        require(*result == now + seconds(*count));
        return;
    }
    // Anything else is a date: the one the date parsers read, or nothing.
    if (result) {
        require(result == date || result == iso);
    } else {
        require(!date && !iso);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    // Two fixed instants keep runs reproducible: the epoch, and a day in 2026.
    check(value, WallTime{});
    check(value, WallTime{} + seconds(1'795'780'800));
    return 0;
}
