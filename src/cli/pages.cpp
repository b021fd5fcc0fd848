#include "pages.hpp"

namespace zoomqos::cli {

Result<bool> PageChain::follow(const std::string& next_page_token) {
    if (next_page_token.empty()) {
        return false;
    }
    if (!seen_.insert(next_page_token).second) {
        Error error = make_error(ErrorKind::InvalidResponse,
                                 "Zoom sent a next_page_token it had sent before; stopping "
                                 "rather than looping");
        error.hint = "the participants printed so far are complete up to this page";
        return error;
    }
    token_ = next_page_token;
    return true;
}

} // namespace zoomqos::cli
