#include "event_list.hpp"

#include <utility>

#include "options.hpp"

namespace zoomqos::cli {

namespace {

Result<std::optional<api::Date>> date_option(const std::optional<std::string>& value,
                                             const char* option) {
    if (!value) {
        return std::optional<api::Date>();
    }
    const auto date = api::parse_date(*value);
    if (!date) {
        return make_error(ErrorKind::Usage,
                          std::string(option) + " '" + *value + "' is not a date YYYY-MM-DD");
    }
    return std::optional<api::Date>(*date);
}

} // namespace

void add_event_list_options(CLI::App& command, EventListOptions& options, bool with_type,
                            bool with_page_size) {
    command.add_option("--from", options.from, "First day, YYYY-MM-DD (UTC)")->type_name("DATE");
    command.add_option("--to", options.to, "Last day, YYYY-MM-DD (UTC; default: today)")
        ->type_name("DATE");
    if (with_type) {
        add_choice(
            command, "--type", options.type,
            Choices<api::QosType>{{"past", api::QosType::Past}, {"live", api::QosType::Live}},
            "past: events that have ended; live: events in progress");
    }
    command.add_flag_callback(
        "--meeting", [&options] { options.kind = api::EventKind::Meeting; },
        "Meetings instead of webinars");
    if (with_page_size) {
        command
            .add_option("--page-size", options.page_size,
                        "Events per request (Zoom allows at most 300)")
            ->check(CLI::Range(1, kMaxEventPageSize))
            ->type_name("N")
            ->capture_default_str();
    }
}

api::Date today(const std::function<std::chrono::system_clock::time_point()>& clock) {
    return api::utc_day(clock());
}

Result<api::DateRange> resolve_range(const EventListOptions& options, api::Date today) {
    using std::chrono::sys_days;
    auto from = date_option(options.from, "--from");
    if (!from) {
        return std::move(from).error();
    }
    auto to = date_option(options.to, "--to");
    if (!to) {
        return std::move(to).error();
    }
    api::DateRange range;
    range.to = to->value_or(today);
    range.from = from->value_or(api::add_days(range.to, 1 - kDefaultRangeDays));
    if (sys_days{range.from} > sys_days{range.to}) {
        return make_error(ErrorKind::Usage, "--from " + api::format_date(range.from) +
                                                " is after --to " + api::format_date(range.to));
    }
    if (options.kind == api::EventKind::Meeting) {
        const api::Date oldest = api::oldest_meeting_day(today);
        if (sys_days{range.from} < sys_days{oldest}) {
            Error error = make_error(ErrorKind::Usage,
                                     "--from " + api::format_date(range.from) +
                                         " is more than six months ago: Zoom keeps meeting data "
                                         "for the last six months only (from " +
                                         api::format_date(oldest) + ")");
            return error;
        }
    }
    return range;
}

Status EventWalk::run(const std::function<void(model::Event&&)>& on_event) {
    for (const api::DateRange& window : api::split_range(range_)) {
        if (auto status = walk_window(window, on_event); !status) {
            return status;
        }
    }
    return Ok{};
}

Status EventWalk::walk_window(const api::DateRange& window,
                              const std::function<void(model::Event&&)>& on_event) {
    const std::string noun(api::event_noun(options_.kind));
    std::string token;
    std::set<std::string> tokens_seen;
    api::RequestContext context;
    context.kind = options_.kind;
    context.type = options_.type;
    for (;;) {
        const std::string url = api::event_list_url(
            session_.base_url(), options_.kind, options_.type, api::format_date(window.from),
            api::format_date(window.to), options_.page_size, token);
        context.next_page = !token.empty();
        if (before_request_) {
            if (auto status = before_request_(); !status) {
                return status;
            }
        }
        ++requests_;
        auto response = session_.get(url, context);
        if (!response) {
            return std::move(response).error();
        }
        auto page = model::parse_event_page(response->body, noun);
        if (!page) {
            Error error = std::move(page).error();
            error.http_status = response->status;
            return error;
        }
        for (model::Event& event : page->events) {
            if (unique_.first_time(event.uuid)) {
                on_event(std::move(event));
            }
        }
        if (page->next_page_token.empty()) {
            return Ok{};
        }
        if (!tokens_seen.insert(page->next_page_token).second) {
            return make_error(ErrorKind::InvalidResponse,
                              "Zoom sent a next_page_token it had sent before; stopping rather "
                              "than looping");
        }
        token = page->next_page_token;
    }
}

} // namespace zoomqos::cli
