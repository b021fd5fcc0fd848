#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/mapper.hpp"

#include "session.hpp"
#include "target.hpp"

// The list endpoint's pages of one event (list, report): one Session::get per
// page, one after another because each needs the previous page's
// next_page_token, each parsed before the next is asked for.
namespace zoomqos::cli {

class PageReader {
public:
    // `raw_hint`: the hint of an unparseable page's error, naming how to see it.
    PageReader(const EventTarget& target, int page_size, Session& session, std::string raw_hint)
        : target_(target), page_size_(page_size), session_(session),
          raw_hint_(std::move(raw_hint)) {}

    // The next page, or nullopt after the last one. `on_body` sees each body
    // as received, before it is parsed (list -o raw). A token Zoom sent
    // before is an error (exit 7) at the call after the page that carried
    // it, so that page's participants are used first rather than looping.
    Result<std::optional<model::Page>>
    next(const std::function<void(std::string_view)>& on_body = {});

private:
    const EventTarget& target_;
    int page_size_;
    Session& session_;
    std::string raw_hint_;
    std::string page_token_;
    std::set<std::string> tokens_seen_;
    bool done_ = false;
    bool looping_ = false;
};

} // namespace zoomqos::cli
