#include "zoomqos/exporter/logfmt.hpp"

#include "zoomqos/text/text.hpp"

namespace zoomqos::exporter {

namespace {

// One value can hold a server's message: long enough to read, never a flood.
constexpr std::size_t kMaxValueBytes = 500;

} // namespace

std::string logfmt_value(std::string_view value) {
    std::string safe = text::printable(value, kMaxValueBytes);
    if (!safe.empty() && safe.find_first_of(" =\"\\") == std::string::npos) {
        return safe;
    }
    std::string quoted = "\"";
    for (const char c : safe) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string logfmt_line(text::WallTime when, std::string_view level, std::string_view message,
                        const LogFields& fields) {
    std::string line = "ts=" + text::format_iso_utc(std::chrono::floor<std::chrono::seconds>(when));
    line += " level=";
    line += level;
    line += " msg=" + logfmt_value(message);
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        line += logfmt_value(value);
    }
    line += '\n';
    return line;
}

} // namespace zoomqos::exporter
