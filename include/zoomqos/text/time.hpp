#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// Dates as servers write them and as people read them: one parser per form,
// shared by every module that meets one.
namespace zoomqos::text {

using WallTime = std::chrono::system_clock::time_point;

// An HTTP-date (RFC 9110, 5.6.7): IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT",
// or the obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime
// "Sun Nov  6 08:49:37 1994" forms. Nothing when the value is none of these.
std::optional<WallTime> parse_http_date(std::string_view value);

// An ISO-8601 date-time with a zone: "2020-05-31T00:00:00Z", with optional
// fractions of a second (dropped) and a "+02:00" or "-0500" offset. One
// without a zone names no instant and gives nothing, as does a date outside
// 1970-2200 (beyond what system_clock holds, or absurd for a server to send).
std::optional<WallTime> parse_iso8601(std::string_view value);

// "2026-11-28 01:00:00 CET": an instant as a user reads it, in local time.
std::string format_local_time(WallTime when);

// "2026-11-28T00:00:00Z": an instant in UTC, ISO-8601. Whole seconds, so that any
// Unix time (an expiry read from a file, say) fits without overflow.
std::string format_iso_utc(std::chrono::sys_seconds when);

} // namespace zoomqos::text
