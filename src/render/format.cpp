#include <array>
#include <utility>

#include "zoomqos/render/render.hpp"

namespace zoomqos::render {

namespace {

// One list for both directions, so a format cannot be parseable but unnamed.
constexpr std::array<std::pair<Format, std::string_view>, 5> kNames{{
    {Format::Table, "table"},
    {Format::Json, "json"},
    {Format::Ndjson, "ndjson"},
    {Format::Csv, "csv"},
    {Format::Raw, "raw"},
}};

} // namespace

// Exact, lowercase names only: they are what scripts write, and accepting
// variants ("JSON", "jsonl") would make them part of the interface forever.
std::optional<Format> parse_format(std::string_view name) {
    for (const auto& [format, text] : kNames) {
        if (text == name) {
            return format;
        }
    }
    return std::nullopt;
}

std::string_view format_name(Format format) {
    for (const auto& [candidate, text] : kNames) {
        if (candidate == format) {
            return text;
        }
    }
    return "unknown";
}

} // namespace zoomqos::render
