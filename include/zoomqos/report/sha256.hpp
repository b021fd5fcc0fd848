#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

// The report's Content-Security-Policy names its one inline script by hash.
namespace zoomqos::report {

std::array<std::uint8_t, 32> sha256(std::string_view data);

// "sha256-<base64>", as a CSP source expression.
std::string csp_hash(std::string_view script);

} // namespace zoomqos::report
