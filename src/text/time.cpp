#include "zoomqos/text/time.hpp"

#include <array>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <vector>

#include "zoomqos/text/text.hpp"

namespace zoomqos::text {

namespace {

using std::chrono::seconds;

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<int> month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (iequals(kMonths[i], name)) {
            return static_cast<int>(i) + 1;
        }
    }
    return std::nullopt;
}

// A UTC calendar time, checked field by field (no 31 February).
std::optional<WallTime> utc_time(int year, int month, int day, int hour, int minute, int second) {
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    // 60 admits a leap second, which then counts as the next minute's first.
    // Years past what system_clock's nanoseconds hold (1678-2262) would
    // overflow: a server's date that far off names no usable instant.
    if (year < 1970 || year > 2200 || !date.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           seconds(second);
}

// "08:49:37"
bool read_clock(std::string_view text, std::size_t& pos, int& hour, int& minute, int& second) {
    const auto h = read_number(text, pos, 2);
    if (!h || !expect(text, pos, ':')) {
        return false;
    }
    const auto m = read_number(text, pos, 2);
    if (!m || !expect(text, pos, ':')) {
        return false;
    }
    const auto s = read_number(text, pos, 2);
    if (!s) {
        return false;
    }
    hour = *h;
    minute = *m;
    second = *s;
    return true;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ') {
            ++pos;
        }
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ' ') {
            ++pos;
        }
        if (pos > start) {
            out.push_back(text.substr(start, pos - start));
        }
    }
    return out;
}

std::optional<int> whole_number(std::string_view text) {
    std::size_t pos = 0;
    auto value = read_number(text, pos, text.size());
    if (text.empty() || text.size() > 4 || !value) {
        return std::nullopt;
    }
    return value;
}

std::optional<WallTime> clock_on(std::string_view clock, int year, int month, int day) {
    std::size_t pos = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_clock(clock, pos, hour, minute, second) || pos != clock.size()) {
        return std::nullopt;
    }
    return utc_time(year, month, day, hour, minute, second);
}

} // namespace

std::optional<WallTime> parse_http_date(std::string_view value) {
    const auto parts = words(trim(value));
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (parts.size() == 6 && parts[0].size() == 4 && parts[0].back() == ',' && parts[5] == "GMT") {
        const auto day = whole_number(parts[1]);
        const auto month = month_number(parts[2]);
        const auto year = parts[3].size() == 4 ? whole_number(parts[3]) : std::nullopt;
        if (parts[1].size() != 2 || !day || !month || !year) {
            return std::nullopt;
        }
        return clock_on(parts[4], *year, *month, *day);
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year more than
    // 50 years ahead is in the past century (RFC 9110, 5.6.7).
    if (parts.size() == 4 && parts[0].back() == ',' && parts[3] == "GMT" && parts[1].size() == 9 &&
        parts[1][2] == '-' && parts[1][6] == '-') {
        const auto day = whole_number(parts[1].substr(0, 2));
        const auto month = month_number(parts[1].substr(3, 3));
        const auto year2 = whole_number(parts[1].substr(7, 2));
        if (!day || !month || !year2) {
            return std::nullopt;
        }
        int year = 2000 + *year2;
        const auto this_year =
            static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                             std::chrono::system_clock::now()))
                                 .year());
        if (year > this_year + 50) {
            year -= 100;
        }
        return clock_on(parts[2], year, *month, *day);
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (parts.size() == 5 && parts[0].size() == 3) {
        const auto month = month_number(parts[1]);
        const auto day = parts[2].size() <= 2 ? whole_number(parts[2]) : std::nullopt;
        const auto year = parts[4].size() == 4 ? whole_number(parts[4]) : std::nullopt;
        if (!month || !day || !year) {
            return std::nullopt;
        }
        return clock_on(parts[3], *year, *month, *day);
    }
    return std::nullopt;
}

std::optional<WallTime> parse_iso8601(std::string_view value) {
    const std::string_view text = trim(value);
    std::size_t pos = 0;
    const auto year = read_number(text, pos, 4);
    if (!year || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto month = read_number(text, pos, 2);
    if (!month || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    const auto day = read_number(text, pos, 2);
    if (!day || !(expect(text, pos, 'T') || expect(text, pos, 't'))) {
        return std::nullopt;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_clock(text, pos, hour, minute, second)) {
        return std::nullopt;
    }
    // Fractions of a second do not matter for a wait; skip them.
    if (expect(text, pos, '.')) {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == start) {
            return std::nullopt;
        }
    }
    // A date-time without a zone names no instant: refused rather than guessed.
    std::chrono::minutes offset{0};
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        const auto hours = read_number(text, pos, 2);
        expect(text, pos, ':');
        const auto minutes = read_number(text, pos, 2);
        if (!hours || !minutes || *hours > 23 || *minutes > 59) {
            return std::nullopt;
        }
        offset = std::chrono::minutes(sign * (*hours * 60 + *minutes));
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const auto local = utc_time(*year, *month, *day, hour, minute, second);
    if (!local) {
        return std::nullopt;
    }
    return *local - offset;
}

std::string format_local_time(WallTime when) {
    const std::time_t seconds_since_epoch = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    if (localtime_r(&seconds_since_epoch, &local) == nullptr) {
        return "(unknown time)";
    }
    std::ostringstream out;
    out << std::put_time(&local, "%Y-%m-%d %H:%M:%S %Z");
    return out.str();
}

std::string format_iso_utc(std::chrono::sys_seconds when) {
    const auto seconds_since_epoch = static_cast<std::time_t>(when.time_since_epoch().count());
    std::tm parts{};
    if (::gmtime_r(&seconds_since_epoch, &parts) == nullptr) {
        return "(unknown time)";
    }
    char text[32];
    if (std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0) {
        return "(unknown time)";
    }
    return text;
}

namespace {

// A zone name as the database spells it: letters, digits, "_+-." in parts
// separated by "/", never "." or ".." (no way out of the database's folder).
bool plausible_zone_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') {
        return false;
    }
    std::size_t part_start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/') {
            const std::string_view part = name.substr(part_start, i - part_start);
            if (part.empty() || part == "." || part == "..") {
                return false;
            }
            part_start = i + 1;
            continue;
        }
        const char c = name[i];
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                             (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-' || c == '.';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// The database holds it when its file starts as every compiled zone does.
bool zone_in_database(std::string_view name) {
    const char* dir = std::getenv("TZDIR");
    std::string path = dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
    path.append("/").append(name);
    std::ifstream file(path, std::ios::binary);
    char magic[4] = {};
    return file.read(magic, sizeof magic) && std::string_view(magic, sizeof magic) == "TZif";
}

struct ZonedParts {
    std::tm parts{};
    bool ok = false;
};

ZonedParts broken_down(WallTime when, const Zone& zone) {
    const std::time_t seconds_since_epoch = std::chrono::system_clock::to_time_t(when);
    ZonedParts result;
    result.ok = zone.kind == Zone::Kind::Utc
                    ? ::gmtime_r(&seconds_since_epoch, &result.parts) != nullptr
                    : ::localtime_r(&seconds_since_epoch, &result.parts) != nullptr;
    return result;
}

} // namespace

std::optional<Zone> parse_zone(std::string_view spec) {
    if (iequals(spec, "UTC") || spec == "Z") {
        return Zone{};
    }
    if (iequals(spec, "local")) {
        return Zone{Zone::Kind::Local, {}};
    }
    if (!plausible_zone_name(spec) || !zone_in_database(spec)) {
        return std::nullopt;
    }
    return Zone{Zone::Kind::Named, std::string(spec)};
}

void apply_zone(const Zone& zone) {
    if (zone.kind == Zone::Kind::Named) {
        // The leading ':' tells glibc to read the database, never to parse
        // the name as a POSIX rule.
        ::setenv("TZ", (":" + zone.name).c_str(), 1);
    }
    ::tzset();
}

std::string format_iso_in_zone(WallTime when, const Zone& zone) {
    const ZonedParts zoned = broken_down(when, zone);
    char text[40];
    if (!zoned.ok || std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &zoned.parts) == 0) {
        return "(unknown time)";
    }
    std::string result = text;
    // A local zone that is UTC itself writes Zoom's own "Z"; London in winter
    // (GMT) keeps "+00:00", its offset that day.
    if (zone.kind == Zone::Kind::Utc ||
        (zoned.parts.tm_gmtoff == 0 && zoned.parts.tm_zone != nullptr &&
         std::string_view(zoned.parts.tm_zone) == "UTC")) {
        return result.append("Z");
    }
    const long offset_minutes = zoned.parts.tm_gmtoff / 60;
    const long magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    const auto two_digits = [&result](long value) {
        result += static_cast<char>('0' + value / 10 % 10);
        result += static_cast<char>('0' + value % 10);
    };
    result += offset_minutes < 0 ? '-' : '+';
    two_digits(magnitude / 60);
    result += ':';
    two_digits(magnitude % 60);
    return result;
}

std::string zone_abbreviation(WallTime when, const Zone& zone) {
    if (zone.kind == Zone::Kind::Utc) {
        return "UTC";
    }
    const ZonedParts zoned = broken_down(when, zone);
    char text[16];
    if (!zoned.ok || std::strftime(text, sizeof text, "%Z", &zoned.parts) == 0) {
        return "local time";
    }
    return text;
}

bool is_iso_date_time(std::string_view value) {
    constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    if (value.size() < shape.size() + 1) {
        return false;
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const bool digit = value[i] >= '0' && value[i] <= '9';
        if (shape[i] == 'd' ? !digit : value[i] != shape[i]) {
            return false;
        }
    }
    const std::string_view zone = value.substr(shape.size());
    if (zone == "Z") {
        return true;
    }
    constexpr std::string_view offset = "+dd:dd";
    if (zone.size() != offset.size() || (zone[0] != '+' && zone[0] != '-')) {
        return false;
    }
    for (std::size_t i = 1; i < offset.size(); ++i) {
        const bool digit = zone[i] >= '0' && zone[i] <= '9';
        if (offset[i] == 'd' ? !digit : zone[i] != offset[i]) {
            return false;
        }
    }
    return true;
}

} // namespace zoomqos::text
