#pragma once

#include <set>
#include <string>

#include "zoomqos/errors.hpp"

// Zoom's list endpoints chain their pages by next_page_token: each page
// names the next, so a walk reads them one after another. `list`, the
// exporter's participant pages and its live-event listing walk them alike.
namespace zoomqos::cli {

class PageChain {
public:
    // The token of the page to ask for next; "" for the first.
    const std::string& token() const noexcept { return token_; }
    bool first() const noexcept { return token_.empty(); }

    // After a page: true when `next_page_token` names another page, false
    // when it was the last (an empty token). A token seen before is an
    // InvalidResponse error rather than an endless loop.
    Result<bool> follow(const std::string& next_page_token);

private:
    std::string token_;
    std::set<std::string> seen_;
};

} // namespace zoomqos::cli
