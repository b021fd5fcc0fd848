#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"

namespace zoomqos::cli {

// Replaces this process with the zoomqos program `name` (zoomqos-exporter),
// run with `args`: the same process ID, environment and standard streams,
// so a service manager or a shell still sees one process. It is looked for
// next to this executable (a build tree), then in ../libexec/zoomqos from
// it, where the package installs it. Returns only when it cannot be run,
// with the error that says where it was looked for.
Error hand_over(std::string_view name, const std::vector<std::string>& args);

} // namespace zoomqos::cli
