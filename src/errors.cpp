#include "zoomqos/errors.hpp"

#include "zoomqos/text/text.hpp"

namespace zoomqos {

int exit_code(ErrorKind kind) noexcept {
    switch (kind) {
    case ErrorKind::Api:
    case ErrorKind::Internal:
        return 1;
    case ErrorKind::Usage:
        return 2;
    case ErrorKind::Auth:
        return 3;
    case ErrorKind::NotFound:
        return 4;
    case ErrorKind::RateLimited:
        return 5;
    case ErrorKind::Network:
        return 6;
    case ErrorKind::InvalidResponse:
        return 7;
    case ErrorKind::Threshold:
        return 8;
    }
    return 1;
}

// Messages quote IDs, URLs, config values and what the server said: each
// part is made printable here too, so that no path to stderr can skip it.
std::string format_error(const Error& error) {
    std::string out = "zoomqos: error: " + text::printable(error.message);
    if (error.http_status || error.zoom_code) {
        out += " (";
        if (error.http_status) {
            out += "HTTP " + std::to_string(*error.http_status);
        }
        if (error.zoom_code) {
            out += error.http_status ? ", " : "";
            out += "Zoom code " + std::to_string(*error.zoom_code);
        }
        out += ")";
    }
    out += "\n";
    if (!error.zoom_message.empty()) {
        out += "  Zoom says: " + text::printable(error.zoom_message) + "\n";
    }
    if (!error.tracking_id.empty()) {
        out += "  tracking id: " + text::printable(error.tracking_id) + "\n";
    }
    if (!error.hint.empty()) {
        out += "hint: " + text::printable(error.hint) + "\n";
    }
    return out;
}

} // namespace zoomqos
