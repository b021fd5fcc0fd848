#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "zoomqos/process/core_dumps.hpp"

// In a child, so that the test binary itself keeps its limits.
TEST_CASE("disable_core_dumps: no core file, not dumpable", "[process]") {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        rlimit before{};
        if (getrlimit(RLIMIT_CORE, &before) != 0) {
            _exit(10);
        }
        before.rlim_cur = before.rlim_max; // allow what the hard limit allows
        if (setrlimit(RLIMIT_CORE, &before) != 0 || prctl(PR_GET_DUMPABLE) != 1) {
            _exit(10); // the starting state the check needs
        }
        if (!zoomqos::process::disable_core_dumps()) {
            _exit(11);
        }
        rlimit after{};
        if (getrlimit(RLIMIT_CORE, &after) != 0 || after.rlim_cur != 0 || after.rlim_max != 0) {
            _exit(12);
        }
        _exit(prctl(PR_GET_DUMPABLE) == 0 ? 0 : 13);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
