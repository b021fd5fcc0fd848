#include "zoomqos/process/core_dumps.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace zoomqos::process {

bool disable_core_dumps() noexcept {
    const rlimit none{0, 0};
    const bool limited = setrlimit(RLIMIT_CORE, &none) == 0;
    const bool undumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return limited && undumpable;
}

} // namespace zoomqos::process
