#include "participant_pages.hpp"

#include <utility>

#include "zoomqos/api/url.hpp"

namespace zoomqos::cli {

Result<std::optional<model::Page>> ParticipantPages::next() {
    if (pending_) {
        Error error = std::move(*pending_);
        pending_.reset();
        done_ = true;
        return error;
    }
    if (done_) {
        return std::optional<model::Page>();
    }
    api::RequestContext context = target_.context();
    context.next_page = !token_.empty();
    const std::string url = target_.page_url(session_.base_url(), page_size_, token_);
    if (before_request_) {
        if (auto status = before_request_(); !status) {
            done_ = true;
            return std::move(status).error();
        }
    }
    ++requests_;
    auto response = session_.get(url, context);
    if (!response) {
        done_ = true;
        return std::move(response).error();
    }
    if (on_body_) {
        on_body_(response->body);
    }
    auto page = model::parse_page(response->body);
    if (!page) {
        done_ = true;
        Error error = std::move(page).error();
        error.http_status = response->status;
        error.hint = raw_hint_;
        return error;
    }
    if (page->next_page_token.empty()) {
        done_ = true;
    } else if (!tokens_seen_.insert(page->next_page_token).second) {
        Error error = make_error(ErrorKind::InvalidResponse,
                                 "Zoom sent a next_page_token it had sent before; stopping "
                                 "rather than looping");
        error.hint = "the participants printed so far are complete up to this page";
        pending_ = std::move(error);
    } else {
        token_ = page->next_page_token;
    }
    return std::optional<model::Page>(std::move(page).value());
}

Result<model::SessionIndex> fetch_details_sessions(Session& session, const EventTarget& target,
                                                   Progress& progress) {
    // Zoom's largest page for the details endpoint.
    constexpr int kDetailsPageSize = 300;
    model::SessionIndex sessions;
    std::string token;
    std::set<std::string> seen;
    for (;;) {
        const std::string url = api::participants_details_url(
            session.base_url(), target.kind, target.id, target.type, kDetailsPageSize, token);
        api::RequestContext context = target.context();
        context.next_page = !token.empty();
        auto response = session.get(url, context);
        progress.clear();
        if (!response) {
            return std::move(response).error();
        }
        auto page = model::parse_details_page(response->body);
        if (!page) {
            Error error = std::move(page).error();
            error.http_status = response->status;
            return error;
        }
        for (model::Json& found : page->sessions) {
            sessions.add(std::move(found));
        }
        if (page->next_page_token.empty()) {
            break;
        }
        if (!seen.insert(page->next_page_token).second) {
            return make_error(ErrorKind::InvalidResponse,
                              "Zoom sent a details next_page_token it had sent before; "
                              "stopping rather than looping");
        }
        token = page->next_page_token;
    }
    if (session.log() != nullptr) {
        *session.log() << "* " << sessions.size() << " participant sessions\n";
    }
    return sessions;
}

} // namespace zoomqos::cli
