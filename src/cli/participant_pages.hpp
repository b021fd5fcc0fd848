#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/details.hpp"
#include "zoomqos/model/mapper.hpp"

#include "progress.hpp"
#include "session.hpp"
#include "target.hpp"

// The pages of an event's participants' QoS list (.../participants/qos), one
// after another because each needs the previous page's next_page_token; what
// `list` prints, `report` draws and `sweep` archives.
namespace zoomqos::cli {

class ParticipantPages {
public:
    ParticipantPages(const EventTarget& target, int page_size, Session& session)
        : target_(target), page_size_(page_size), session_(session) {}

    // Called with each body as received, before it is parsed (-o raw).
    void on_body(std::function<void(const std::string&)> callback) {
        on_body_ = std::move(callback);
    }

    // Asked before each request; an error ends the walk (sweep's --max-requests).
    void before_request(std::function<Status()> check) { before_request_ = std::move(check); }

    // The next page, or none after the last one. A page token Zoom sent
    // before ends the walk with an error (exit 7) after that page, rather
    // than looping.
    Result<std::optional<model::Page>> next();

    // The hint of an unparseable page's error: how to see the pages as
    // received (`-o raw`, unless the command has no such output).
    void raw_hint(std::string hint) { raw_hint_ = std::move(hint); }

    std::size_t requests() const { return requests_; }

private:
    const EventTarget& target_;
    int page_size_;
    Session& session_;
    std::function<void(const std::string&)> on_body_;
    std::function<Status()> before_request_;
    std::string raw_hint_ = "-o raw prints the pages as received";
    std::string token_;
    std::set<std::string> tokens_seen_;
    std::optional<Error> pending_;
    bool done_ = false;
    std::size_t requests_ = 0;
};

// --details (`list`, `report`): every session of the participants' details
// endpoint, pages of 300, asked before the first QoS page; the index holds
// one entry per session. A page token Zoom sent before is an error (exit 7).
Result<model::SessionIndex> fetch_details_sessions(Session& session, const EventTarget& target,
                                                   Progress& progress);

} // namespace zoomqos::cli
