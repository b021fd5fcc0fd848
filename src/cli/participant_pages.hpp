#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/batch.hpp"
#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"

#include "progress.hpp"
#include "session.hpp"
#include "target.hpp"

// The pages of an event's participants' QoS list (.../participants/qos) and
// of its participants' details (.../participants), each page after the one
// before because each needs the previous page's next_page_token; what `list`
// prints, `report` draws and `sweep` archives. Each walk can run itself
// (next(), read_all()) or be driven one request at a time (next_request(),
// then accept() with its answer) where several events' pages share one
// http::Batch.
namespace zoomqos::cli {

// Where a walk stands: the next page token, the tokens seen (a repeated one
// would loop forever), and the check asked before each request.
class PageCursor {
public:
    // Asked before each request; an error ends the walk (sweep's --max-requests).
    void before_request(std::function<Status()> check) { before_request_ = std::move(check); }

    // Whether there is a next page; an error when before_request refused it.
    Result<bool> want_next();
    // After a page: its next_page_token. False when it was the last page; an
    // error (naming `what`) when Zoom sent the token before.
    Result<bool> advance(const std::string& next_page_token, std::string_view what);
    void end() { done_ = true; }

    const std::string& token() const { return token_; }
    std::size_t requests() const { return requests_; }

private:
    std::function<Status()> before_request_;
    std::string token_;
    std::set<std::string> tokens_seen_;
    bool done_ = false;
    std::size_t requests_ = 0;
};

class ParticipantPages {
public:
    ParticipantPages(const EventTarget& target, int page_size, Session& session)
        : target_(target), page_size_(page_size), session_(session) {}

    // Called with each body as received, before it is parsed (-o raw).
    void on_body(std::function<void(std::string_view)> callback) { on_body_ = std::move(callback); }

    void before_request(std::function<Status()> check) { cursor_.before_request(std::move(check)); }

    // The next page, or none after the last one. A page token Zoom sent
    // before ends the walk with an error (exit 7) after that page, rather
    // than looping.
    Result<std::optional<model::Page>> next();

    // The URL of the next page's request, or none after the last page.
    Result<std::optional<std::string>> next_request();
    // The request's context, for Session::get and get_in.
    api::RequestContext context() const;
    // The answer to next_request()'s request: its page.
    Result<model::Page> accept(Result<http::Response> response);

    // The hint of an unparseable page's error: how to see the pages as
    // received (`-o raw`, unless the command has no such output).
    void raw_hint(std::string hint) { raw_hint_ = std::move(hint); }

    std::size_t requests() const { return cursor_.requests(); }

private:
    const EventTarget& target_;
    int page_size_;
    Session& session_;
    std::function<void(std::string_view)> on_body_;
    std::string raw_hint_ = "-o raw prints the pages as received";
    PageCursor cursor_;
    std::optional<Error> pending_;
};

// The participants' details endpoint (Zoom's largest pages), every session
// into a model::SessionIndex: what `list --details` and `sweep --details`
// join to the QoS participants.
class DetailPages {
public:
    DetailPages(const EventTarget& target, Session& session) : target_(target), session_(session) {}

    // Zoom's largest page for the details endpoint.
    static constexpr int kPageSize = 300;

    void before_request(std::function<Status()> check) { cursor_.before_request(std::move(check)); }

    // Every page, one after another.
    Status read_all(model::SessionIndex& index);

    // As ParticipantPages: the next request's URL, its context, and its
    // answer, whose sessions go into `index`; false after the last page.
    Result<std::optional<std::string>> next_request();
    api::RequestContext context() const;
    Result<bool> accept(Result<http::Response> response, model::SessionIndex& index);

    std::size_t requests() const { return cursor_.requests(); }

private:
    const EventTarget& target_;
    Session& session_;
    PageCursor cursor_;
};

// Session::get on `batch`, among other requests in flight, for walks driven
// one request at a time: `done` receives what Session::get would return (a
// 401 gets one fresh token and one more try). `session` outlives the run.
using Answer = std::function<void(Result<http::Response>)>;
void get_in(http::Batch& batch, Session& session, const std::string& url,
            api::RequestContext context, Answer done);

// --details (`list`, `report`): DetailPages::read_all before the first QoS
// page, the progress line cleared after it, and the count of sessions on -v.
Result<model::SessionIndex> fetch_details_sessions(Session& session, const EventTarget& target,
                                                   Progress& progress);

// The detail pages an event of `participants` sessions takes: at least one.
std::size_t detail_pages(long long participants);

} // namespace zoomqos::cli
