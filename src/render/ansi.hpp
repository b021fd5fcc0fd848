#pragma once
// The few SGR sequences the terminal renderers use; each renderer writes them only when the
// streams object says colour is on.

#include <string_view>

namespace zoomqos::render::ansi {

constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kReset = "\x1b[0m";

} // namespace zoomqos::render::ansi
