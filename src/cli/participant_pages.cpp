#include "participant_pages.hpp"

#include <algorithm>
#include <utility>

#include "zoomqos/api/url.hpp"

namespace zoomqos::cli {

Result<bool> PageCursor::want_next() {
    if (done_) {
        return false;
    }
    if (before_request_) {
        if (auto status = before_request_(); !status) {
            done_ = true;
            return std::move(status).error();
        }
    }
    ++requests_;
    return true;
}

Result<bool> PageCursor::advance(const std::string& next_page_token, std::string_view what) {
    if (next_page_token.empty()) {
        done_ = true;
        return false;
    }
    if (!tokens_seen_.insert(next_page_token).second) {
        done_ = true;
        std::string message = "Zoom sent a ";
        message.append(what).append(
            " next_page_token it had sent before; stopping rather than looping");
        return make_error(ErrorKind::InvalidResponse, message);
    }
    token_ = next_page_token;
    return true;
}

Result<std::optional<std::string>> ParticipantPages::next_request() {
    if (pending_) {
        Error error = std::move(*pending_);
        pending_.reset();
        cursor_.end();
        return error;
    }
    auto wanted = cursor_.want_next();
    if (!wanted) {
        return std::move(wanted).error();
    }
    if (!*wanted) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(
        target_.page_url(session_.base_url(), page_size_, cursor_.token()));
}

api::RequestContext ParticipantPages::context() const {
    api::RequestContext context = target_.context();
    context.next_page = !cursor_.token().empty();
    return context;
}

Result<model::Page> ParticipantPages::accept(Result<http::Response> response) {
    if (!response) {
        cursor_.end();
        return std::move(response).error();
    }
    if (on_body_) {
        on_body_(response->body);
    }
    auto page = model::parse_page(response->body);
    if (!page) {
        cursor_.end();
        Error error = std::move(page).error();
        error.http_status = response->status;
        error.hint = raw_hint_;
        return error;
    }
    if (auto more = cursor_.advance(page->next_page_token, "QoS"); !more) {
        // This page is good: the error comes instead of the next one.
        Error error = std::move(more).error();
        error.hint = "the participants printed so far are complete up to this page";
        pending_ = std::move(error);
    }
    return page;
}

Result<std::optional<model::Page>> ParticipantPages::next() {
    auto url = next_request();
    if (!url) {
        return std::move(url).error();
    }
    if (!*url) {
        return std::optional<model::Page>();
    }
    auto page = accept(session_.get(**url, context()));
    if (!page) {
        return std::move(page).error();
    }
    return std::optional<model::Page>(std::move(page).value());
}

Result<std::optional<std::string>> DetailPages::next_request() {
    auto wanted = cursor_.want_next();
    if (!wanted) {
        return std::move(wanted).error();
    }
    if (!*wanted) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(api::participants_details_url(
        session_.base_url(), target_.kind, target_.id, target_.type, kPageSize, cursor_.token()));
}

api::RequestContext DetailPages::context() const {
    api::RequestContext context = target_.context();
    context.next_page = !cursor_.token().empty();
    return context;
}

Result<bool> DetailPages::accept(Result<http::Response> response, model::SessionIndex& index) {
    if (!response) {
        cursor_.end();
        return std::move(response).error();
    }
    auto page = model::parse_details_page(response->body);
    if (!page) {
        cursor_.end();
        Error error = std::move(page).error();
        error.http_status = response->status;
        return error;
    }
    for (model::Json& found : page->sessions) {
        index.add(std::move(found));
    }
    return cursor_.advance(page->next_page_token, "details");
}

Status DetailPages::read_all(model::SessionIndex& index) {
    for (;;) {
        auto url = next_request();
        if (!url) {
            return std::move(url).error();
        }
        if (!*url) {
            return Ok{};
        }
        if (auto more = accept(session_.get(**url, context()), index); !more) {
            return std::move(more).error();
        }
    }
}

Result<model::SessionIndex> fetch_details_sessions(Session& session, const EventTarget& target,
                                                   Progress& progress) {
    DetailPages details(target, session);
    model::SessionIndex sessions;
    Status status = details.read_all(sessions);
    progress.clear();
    if (!status) {
        return std::move(status).error();
    }
    if (session.log() != nullptr) {
        *session.log() << "* " << sessions.size() << " participant sessions\n";
    }
    return sessions;
}

namespace {

void add_get(http::Batch& batch, Session& session, const std::string& url,
             const api::RequestContext& context, Answer done, bool after_401) {
    http::Request attempt = session.request(url);
    std::string sent_with = attempt.bearer_token;
    batch.add(std::move(attempt), session.policy(),
              [&batch, &session, url, context, after_401, sent_with = std::move(sent_with),
               done = std::move(done)](Result<http::Response> response) mutable {
                  if (response && response->status == 401 && session.refreshable() && !after_401) {
                      auto fresh = session.token_after_401(sent_with);
                      if (!fresh) {
                          done(std::move(fresh).error());
                          return;
                      }
                      add_get(batch, session, url, context, std::move(done), true);
                      return;
                  }
                  if (response && response->status != 200) {
                      done(api::error_from_response(*response, context));
                      return;
                  }
                  done(std::move(response));
              });
}

} // namespace

void get_in(http::Batch& batch, Session& session, const std::string& url,
            api::RequestContext context, Answer done) {
    context.static_token = !session.refreshable();
    add_get(batch, session, url, context, std::move(done), false);
}

std::size_t detail_pages(long long participants) {
    const long long size = DetailPages::kPageSize;
    return static_cast<std::size_t>(std::max(1LL, (participants + size - 1) / size));
}

} // namespace zoomqos::cli
