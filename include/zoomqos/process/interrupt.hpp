#pragma once

// One interrupt facility for the whole process. SIGINT, SIGTERM and SIGHUP
// set one flag that every wait and transfer consults (http aborts a transfer
// in flight, the pacer and retry waits return at once, --watch ends); nothing
// else installs a handler for them. A signal the process inherited as ignored
// (a job started with `nohup`, or in the background by a non-interactive
// shell) stays ignored: it was not meant for us.
#include <string>

namespace zoomqos::process {

// Installs the handlers (no SA_RESTART, so a blocking poll returns at once).
// Idempotent.
void install_interrupt_handlers();

// The first signal that asked the run to stop, or 0.
int interrupt_signal() noexcept;
bool interrupted() noexcept;

// "SIGINT", "SIGTERM", "SIGHUP": the name a message shows; "signal N" for others.
std::string signal_name(int signal);

// While one is alive, a SIGINT ends the run normally: the stop is what the
// user asked for (Ctrl-C is how a --watch ends), so the command returns its
// own status instead of the interrupted exit code. SIGTERM and SIGHUP still
// count as interruptions.
class QuietInterrupt {
public:
    QuietInterrupt() noexcept;
    ~QuietInterrupt();
    QuietInterrupt(const QuietInterrupt&) = delete;
    QuietInterrupt& operator=(const QuietInterrupt&) = delete;
    QuietInterrupt(QuietInterrupt&&) = delete;
    QuietInterrupt& operator=(QuietInterrupt&&) = delete;
};

// Whether the run ended by a signal that is not a quiet one: the exit code
// is then 128 + interrupt_signal().
bool interrupted_loudly() noexcept;

// For tests: as if the signal had arrived; 0 clears the flag.
void simulate_interrupt(int signal) noexcept;

} // namespace zoomqos::process
