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

// --tz: the zone in which times are shown to people and, when asked for, written
// in machine formats.
struct Zone {
    enum class Kind { Utc, Local, Named };
    Kind kind = Kind::Utc;
    std::string name; // Named: the IANA name ("Europe/Stockholm")

    friend bool operator==(const Zone&, const Zone&) = default;
};

// "UTC" (any case; also "Z"), "local" (the system's zone, or TZ's), or an IANA
// name that the zone database holds ($TZDIR, else /usr/share/zoneinfo). Nothing
// for anything else, so that a typo is not silently read as UTC, as the C
// library would read it.
std::optional<Zone> parse_zone(std::string_view spec);

// Makes the C library's local time the zone's (TZ, then tzset()): once, at
// start, before any thread, so that every conversion agrees. UTC needs nothing.
void apply_zone(const Zone& zone);

// An instant in `zone` (after apply_zone for a named one), ISO-8601 with the
// offset: "2026-11-20T15:00:12+01:00"; UTC (also a local zone that is UTC)
// keeps "Z". Whole seconds.
std::string format_iso_in_zone(WallTime when, const Zone& zone);

// What the zone is called at that instant: "CET", "CEST", "UTC"; for a zone
// without an abbreviation the C library gives its offset ("+0530").
std::string zone_abbreviation(WallTime when, const Zone& zone);

// "2026-11-20T14:01:00Z" or "2026-11-20T15:01:00+01:00": the shape of every
// time zoomqos writes and Zoom documents, whole seconds and a zone.
bool is_iso_date_time(std::string_view value);

} // namespace zoomqos::text
