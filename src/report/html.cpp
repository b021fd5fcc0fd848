#include "zoomqos/report/html.hpp"

#include "zoomqos/text/text.hpp"

namespace zoomqos::report {

std::string escape(std::string_view text) {
    const std::string safe = text::printable(text, text::kNoLimit, "\uFFFD");
    std::string out;
    out.reserve(safe.size());
    for (const char c : safe) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace zoomqos::report
