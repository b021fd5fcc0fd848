#include "pages.hpp"

namespace zoomqos::cli {

Result<std::optional<model::Page>>
PageReader::next(const std::function<void(std::string_view)>& on_body) {
    if (looping_) {
        Error error = make_error(ErrorKind::InvalidResponse,
                                 "Zoom sent a next_page_token it had sent before; stopping "
                                 "rather than looping");
        error.hint = "the participants printed so far are complete up to this page";
        return error;
    }
    if (done_) {
        return std::optional<model::Page>();
    }
    api::RequestContext context = target_.context();
    context.next_page = !page_token_.empty();
    const std::string url = target_.page_url(session_.base_url(), page_size_, page_token_);
    auto response = session_.get(url, context);
    if (!response) {
        return std::move(response).error();
    }
    if (on_body) {
        on_body(response->body);
    }
    auto page = model::parse_page(response->body);
    if (!page) {
        Error error = std::move(page).error();
        error.http_status = response->status;
        error.hint = raw_hint_;
        return error;
    }
    if (page->next_page_token.empty()) {
        done_ = true;
    } else if (!tokens_seen_.insert(page->next_page_token).second) {
        looping_ = true;
    } else {
        page_token_ = page->next_page_token;
    }
    return std::optional<model::Page>(std::move(page).value());
}

} // namespace zoomqos::cli
