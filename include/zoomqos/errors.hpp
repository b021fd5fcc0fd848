#pragma once

#include <optional>
#include <string>
#include <variant>

namespace zoomqos {

// What went wrong, in the terms a shell script acts on. Each kind maps to one
// documented exit code (README, "Exit codes"); the mapping lives in exit_code().
enum class ErrorKind {
    Api,             // a Zoom API error with no more specific kind (exit 1)
    Internal,        // a bug or an unexpected local failure (exit 1)
    Usage,           // bad arguments, options or config; insecure URL (exit 2)
    Auth,            // no credentials, 401/403, Zoom 124/4700 (exit 3)
    NotFound,        // 404 / Zoom 3001, 300 / Zoom 300 (exit 4)
    RateLimited,     // 429 that retries could not get past (exit 5)
    Network,         // connection, DNS, TLS, timeout, 5xx (exit 6)
    InvalidResponse, // not JSON, wrong shape, too large (exit 7)
    Threshold,       // a QoS threshold was breached (exit 8)
};

int exit_code(ErrorKind kind) noexcept;

// One error, with the three layers of failure kept apart: the transport
// (curl's text in `message`), the HTTP status, and Zoom's own {code, message}.
struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message; // what failed, one line, no trailing period
    std::optional<long> http_status;
    std::optional<long> zoom_code;
    std::string zoom_message; // Zoom's "message" field, verbatim
    std::string tracking_id;  // x-zm-trackingid, for Zoom support
    std::string hint;         // what the user can do about it, or empty
    // Already told on stderr by the command (each failure of a run over many
    // participants is, as it happens): cli::run only turns it into the exit code.
    bool reported = false;
};

inline Error make_error(ErrorKind kind, std::string message) {
    Error error;
    error.kind = kind;
    error.message = std::move(message);
    return error;
}

// "zoomqos: error: <what> (HTTP 404, Zoom code 3001)\n" followed by Zoom's
// message, the tracking ID and a "hint:" line when they are known.
std::string format_error(const Error& error);

// A value or the reason there is none. Small on purpose: std::expected is not
// usable with every compiler the project's tooling runs (clang-14 tools).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}     // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& { return std::get<1>(state_); }
    Error&& error() && { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

// For operations that produce nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

} // namespace zoomqos
