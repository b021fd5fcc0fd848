#include "zoomqos/process/interrupt.hpp"

#include <array>
#include <atomic>
#include <csignal>

namespace zoomqos::process {

namespace {

// Lock-free atomics are async-signal-safe; the handler touches nothing else.
std::atomic<int> g_signal{0};
std::atomic<bool> g_quiet_window{false};
std::atomic<bool> g_stopped_quietly{false};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};

extern "C" void on_interrupt(int signal) {
    int none = 0;
    // The first signal decides the exit code; a second Ctrl-C changes nothing.
    if (g_signal.compare_exchange_strong(none, signal)) {
        g_stopped_quietly.store(signal == SIGINT && g_quiet_window.load());
    }
}

} // namespace

void install_interrupt_handlers() {
    for (const int signal : kSignals) {
        struct sigaction previous {};
        if (::sigaction(signal, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) {
            continue;
        }
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: a blocking poll returns at once
        ::sigaction(signal, &action, nullptr);
    }
}

int interrupt_signal() noexcept {
    return g_signal.load();
}

bool interrupted() noexcept {
    return g_signal.load() != 0;
}

std::string signal_name(int signal) {
    switch (signal) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "signal " + std::to_string(signal);
    }
}

QuietInterrupt::QuietInterrupt() noexcept {
    g_quiet_window.store(true);
}

QuietInterrupt::~QuietInterrupt() {
    g_quiet_window.store(false);
}

bool interrupted_loudly() noexcept {
    return interrupted() && !g_stopped_quietly.load();
}

void simulate_interrupt(int signal) noexcept {
    if (signal == 0) {
        g_signal.store(0);
        g_stopped_quietly.store(false);
        return;
    }
    on_interrupt(signal);
}

} // namespace zoomqos::process
