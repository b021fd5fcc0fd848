#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <CLI/CLI.hpp>

#include "zoomqos/api/event_lists.hpp"
#include "zoomqos/api/url.hpp"
#include "zoomqos/errors.hpp"
#include "zoomqos/model/event.hpp"

#include "session.hpp"

// What `events` and `sweep` share: the date range and event kind options, the
// range's checks and defaults, and the walk through Zoom's event lists window
// by window, page by page, each event instance once.
namespace zoomqos::cli {

// Zoom's largest page of an event list.
inline constexpr int kMaxEventPageSize = 300;
// The default range: this many days up to today.
inline constexpr int kDefaultRangeDays = 7;

struct EventListOptions {
    std::optional<std::string> from; // YYYY-MM-DD
    std::optional<std::string> to;
    api::EventKind kind = api::EventKind::Webinar;
    api::QosType type = api::QosType::Past;
    int page_size = kMaxEventPageSize;
};

// --from, --to, --meeting; --type when `with_type`; --page-size (events per
// request) when `with_page_size`.
void add_event_list_options(CLI::App& command, EventListOptions& options, bool with_type,
                            bool with_page_size);

// The range the options ask for, `today` being the clock's UTC day: --to
// defaults to today, --from to six days before --to. Usage errors (before any
// request): a date that is not YYYY-MM-DD, --from after --to, and for
// meetings a --from before Zoom's six months.
Result<api::DateRange> resolve_range(const EventListOptions& options, api::Date today);

// The clock's UTC day; tests pass their own clock.
api::Date today(const std::function<std::chrono::system_clock::time_point()>& clock =
                    std::chrono::system_clock::now);

// Each event instance once, by UUID: a window's edge can list an event that
// spans it in both windows.
class UniqueEvents {
public:
    // True the first time `uuid` is seen.
    bool first_time(const std::string& uuid) { return seen_.insert(uuid).second; }
    std::size_t size() const { return seen_.size(); }

private:
    std::set<std::string> seen_;
};

// Walks the windows of `range` in order, each page by page, handing every
// event not seen before to `on_event`. Stops at the first error.
class EventWalk {
public:
    EventWalk(const EventListOptions& options, api::DateRange range, Session& session)
        : options_(options), range_(range), session_(session) {}

    // Asked before each request; an error stops the walk (sweep's --max-requests).
    void before_request(std::function<Status()> check) { before_request_ = std::move(check); }

    Status run(const std::function<void(model::Event&&)>& on_event);

    // Requests made (pages read), for the plan of `sweep`.
    std::size_t requests() const { return requests_; }

private:
    Status walk_window(const api::DateRange& window,
                       const std::function<void(model::Event&&)>& on_event);

    const EventListOptions& options_;
    api::DateRange range_;
    Session& session_;
    UniqueEvents unique_;
    std::function<Status()> before_request_;
    std::size_t requests_ = 0;
};

} // namespace zoomqos::cli
