#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "zoomqos/api/response.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/render/render.hpp"

// The event a command reads: its kind (--meeting), its ID or instance UUID,
// and whether it is live or past (--type). Everything that names the event
// downstream (URLs, error context, the rows' subject) is built here, so no
// command compares strings or picks webinar-or-meeting words itself.
namespace zoomqos::cli {

struct EventTarget {
    api::EventKind kind = api::EventKind::Webinar;
    std::string id;
    api::QosType type = api::QosType::Live;

    std::string_view noun() const { return api::event_noun(kind); } // "webinar"
    std::string event_key() const;                                  // "webinar_id"

    // The ID is one Zoom could hold (usage error otherwise).
    Status check() const;

    // What the request is about, for error hints.
    api::RequestContext context(const std::string& participant_id = {}) const;
    // What NDJSON and CSV rows carry to say whose they are.
    render::Subject subject(const std::string& participant_id) const;

    std::string participant_url(std::string_view base, std::string_view participant_id) const;
    std::string page_url(std::string_view base, int page_size, std::string_view page_token) const;
};

// --type and --meeting.
void add_event_options(CLI::App& command, EventTarget& target);
// The WEBINAR argument, required unless `required` is false.
CLI::Option* add_event_argument(CLI::App& command, EventTarget& target, bool required = true);

} // namespace zoomqos::cli
