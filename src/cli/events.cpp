#include "zoomqos/render/events.hpp"

#include <vector>

#include "zoomqos/api/url.hpp"

#include "command.hpp"
#include "event_list.hpp"
#include "session.hpp"

// `zoomqos events`: the account's webinars (or meetings) over a date range,
// each instance once, as Zoom's Dashboard lists them.
namespace zoomqos::cli {

namespace {

const OutputChoice kEventOutput{
    {render::Format::Table, render::Format::Json, render::Format::Ndjson, render::Format::Csv},
    "Output format (ndjson: one event per line, as the first line of a sweep's archive files)",
    true};

class EventsCommand : public Command {
public:
    CLI::App* add_to(CLI::App& app) override {
        CLI::App* command = app.add_subcommand(
            "events", "List the webinars or meetings of a date range, each instance once");
        add_event_list_options(*command, list_, true, true);
        add_output_option(*command, format_, kEventOutput);
        add_pacing_options(*command, pacing_, false);
        add_connection_options(*command, connection_);
        command->footer("Ranges longer than a month are read a month at a time.\n"
                        "Examples:\n"
                        "  zoomqos events\n"
                        "  zoomqos events --from 2026-09-01 --to 2026-11-30 -o ndjson\n"
                        "  zoomqos events --meeting --type live\n" +
                        exit_codes_help());
        return command;
    }

    ConnectionOptions& connection() override { return connection_; }

    Status run(const Streams& streams) override {
        auto range = resolve_range(list_, today());
        if (!range) {
            return std::move(range).error();
        }
        if (auto base =
                api::validate_base_url(connection_.api_url, setting_origin(connection_, "api-url"));
            !base) {
            return std::move(base).error();
        }
        auto session = Session::open(connection_, pacing_.rate, streams.err);
        if (!session) {
            return std::move(session).error();
        }
        if (format_ == render::Format::Csv) {
            render::event_csv_header(streams.out);
        }
        std::vector<model::Event> events;
        EventWalk walk(list_, *range, **session);
        Status status = walk.run([&](model::Event&& event) {
            if (format_ == render::Format::Ndjson) {
                streams.out << model::to_line(event) << '\n';
            } else if (format_ == render::Format::Csv) {
                render::event_csv_row(streams.out, event);
            } else {
                events.push_back(std::move(event));
            }
        });
        if (!status) {
            return status;
        }
        if (format_ == render::Format::Json) {
            model::Json array = model::Json::array();
            for (const model::Event& event : events) {
                array.push_back(model::to_json(event));
            }
            streams.out << array.dump(2, ' ', false, model::Json::error_handler_t::replace) << '\n';
        } else if (format_ == render::Format::Table) {
            if (events.empty()) {
                streams.err << "zoomqos: no " << api::event_noun(list_.kind) << "s from "
                            << api::format_date(range->from) << " to "
                            << api::format_date(range->to) << "\n";
            } else {
                render::event_table(streams.out, events);
            }
        }
        streams.out.flush();
        return Ok{};
    }

private:
    EventListOptions list_;
    render::Format format_ = render::Format::Table;
    PacingOptions pacing_;
    ConnectionOptions connection_;
};

} // namespace

std::unique_ptr<Command> make_events_command() {
    return std::make_unique<EventsCommand>();
}

} // namespace zoomqos::cli
