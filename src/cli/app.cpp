#include "zoomqos/cli/app.hpp"

namespace zoomqos::cli {
int run(int, char**) { return 1; }
} // namespace zoomqos::cli
