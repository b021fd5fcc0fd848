#include "glance.hpp"

#include <cstdlib>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/model/times.hpp"
#include "zoomqos/quality/thresholds.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

// Zoom's rate limits are per account and shared by every app: polling a
// live event faster than this gains nothing (Zoom's live data moves in
// five-second averages) and eats the account's budget.
constexpr double kWatchMinimumSeconds = 5;

// For tests only, and deliberately not an option: lowers the minimum so that
// a test of --watch runs in seconds (tests/integration/test_watch.sh).
double watch_minimum_seconds() {
    const char* value = std::getenv("ZOOMQOS_WATCH_MIN_SECONDS");
    if (value != nullptr) {
        char* end = nullptr;
        const double lowered = std::strtod(value, &end);
        if (end != value && *end == '\0' && lowered >= 0.1 && lowered < kWatchMinimumSeconds) {
            return lowered;
        }
    }
    return kWatchMinimumSeconds;
}

model::Json breaches_json(const std::vector<quality::Breach>& breaches) {
    model::Json list = model::Json::array();
    for (const auto& breach : breaches) {
        model::Json item = model::Json::object();
        item["rule"] = quality::rule_text(breach.rule);
        item["stream"] = breach.stream;
        item["metric"] = std::string(quality::metric_name(breach.rule.metric));
        item["date_time"] =
            breach.date_time ? model::Json(*breach.date_time) : model::Json(nullptr);
        item["value"] = breach.value;
        item["operator"] = std::string(quality::op_text(breach.rule.op));
        item["threshold"] = breach.rule.value;
        list.push_back(std::move(item));
    }
    return list;
}

Status check_combination(const GlanceOptions& options, render::Format format) {
    if (options.samples && format != render::Format::Table) {
        return make_error(ErrorKind::Usage, "--samples applies to table output only");
    }
    if (options.annotate && format != render::Format::Json) {
        return make_error(ErrorKind::Usage, "--annotate needs -o json");
    }
    if ((options.csv_columns || options.bom) && format != render::Format::Csv) {
        return make_error(ErrorKind::Usage, std::string(options.bom ? "--bom" : "--columns") +
                                                " applies to -o csv only");
    }
    if (options.fail_on && format == render::Format::Raw) {
        return make_error(ErrorKind::Usage, "--fail-on cannot judge -o raw output");
    }
    return Ok{};
}

Result<std::chrono::milliseconds> watch_interval(double seconds, render::Format format,
                                                 api::QosType type) {
    if (type != api::QosType::Live) {
        return make_error(ErrorKind::Usage, "--watch needs --type live: a past event no "
                                            "longer changes");
    }
    if (format != render::Format::Table && format != render::Format::Ndjson) {
        return make_error(ErrorKind::Usage, "--watch prints table rows or NDJSON lines: use "
                                            "-o table or -o ndjson");
    }
    const double minimum = watch_minimum_seconds();
    if (!(seconds >= minimum) || seconds > 86400) {
        Error error = make_error(ErrorKind::Usage, "--watch: " + text::decimal(seconds, 3) +
                                                       " seconds is out of range (" +
                                                       text::decimal(minimum, 3) + " to 86400)");
        error.hint = "Zoom's rate limits are shared by the whole account; poll gently";
        return error;
    }
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

} // namespace

void add_threshold_options(CLI::App& command, GlanceOptions& options) {
    command.add_option("--thresholds", options.thresholds,
                       "Change default thresholds, e.g. 'latency>200,loss>3' (same grammar as "
                       "--fail-on)");
    command.add_option("--fail-on", options.fail_on,
                       "Exit 8 when a sample breaches a rule: 'default' or e.g. "
                       "'latency>150,audio_input.jitter>30,video_output.fps<15,cpu>90'");
}

void add_tz_option(CLI::App& command, GlanceOptions& options, const std::string& help) {
    command.add_option("--tz", options.tz, help)->type_name("ZONE");
}

void add_glance_options(CLI::App& command, GlanceOptions& options, bool one_participant) {
    if (one_participant) {
        command.add_flag("--samples", options.samples,
                         "Table output: every sample, one row per stream, instead of the summary");
    }
    add_threshold_options(command, options);
    command.add_flag("--annotate", options.annotate, "With -o json: add a 'breaches' array");
    command
        .add_option("--columns", options.csv_columns,
                    "With -o csv: the columns to write, e.g. 'basic' (the six main streams and "
                    "CPU) or 'date_time,user_name,audio_input_latency_ms' (default: all)")
        ->type_name("LIST");
    command.add_flag("--bom", options.bom,
                     "With -o csv: start with a UTF-8 byte order mark (for Excel)");
    add_tz_option(command, options,
                  "Show times in ZONE: 'local', 'UTC' or an IANA name such as "
                  "'Europe/Stockholm' (default: local time in tables; UTC as Zoom sends it "
                  "in json, ndjson and csv, which --tz rewrites with the offset)");
    if (one_participant) {
        command.add_option("--watch", options.watch_seconds,
                           "With --type live and one participant: poll every SECONDS (at least "
                           "5) and print new samples until Ctrl-C");
    }
}

Result<Glance> resolve_glance(const GlanceOptions& options, render::Format format,
                              api::QosType type) {
    Glance glance;
    glance.samples = options.samples;
    glance.annotate = options.annotate;
    const auto defaults = quality::default_rules();
    auto changes = quality::parse_rules(options.thresholds.empty() ? "default" : options.thresholds,
                                        "--thresholds", defaults);
    if (!changes) {
        return std::move(changes).error();
    }
    glance.thresholds = quality::merge_rules(defaults, *changes);
    if (options.fail_on) {
        // `default` in --fail-on means the thresholds in effect.
        auto rules = quality::parse_rules(*options.fail_on, "--fail-on", glance.thresholds);
        if (!rules) {
            return std::move(rules).error();
        }
        glance.fail_on = std::move(rules).value();
    }
    if (auto status = check_combination(options, format); !status) {
        return std::move(status).error();
    }
    if (options.csv_columns) {
        auto columns = render::parse_csv_columns(*options.csv_columns);
        if (!columns) {
            return std::move(columns).error();
        }
        glance.csv_columns = std::move(columns).value();
    }
    glance.bom = options.bom;
    if (options.tz) {
        glance.zone = text::parse_zone(*options.tz);
        if (!glance.zone) {
            Error error = make_error(ErrorKind::Usage, "--tz: unknown time zone '" +
                                                           text::printable(*options.tz, 64) + "'");
            error.hint = "use 'local', 'UTC' or a name from the zone database, such as "
                         "Europe/Stockholm or America/New_York";
            return error;
        }
    } else if (format == render::Format::Table) {
        glance.zone = text::Zone{text::Zone::Kind::Local, {}};
    }
    if (glance.zone) {
        text::apply_zone(*glance.zone);
    }
    if (options.watch_seconds) {
        auto interval = watch_interval(*options.watch_seconds, format, type);
        if (!interval) {
            return std::move(interval).error();
        }
        glance.watch_interval = *interval;
    }
    return glance;
}

model::Participant in_zone(const Glance& glance, const model::Participant& participant) {
    model::Participant shown = participant;
    if (glance.zone) {
        model::convert_times(shown, *glance.zone);
    }
    return shown;
}

std::string zone_label(const Glance& glance, const model::Participant& participant) {
    if (!glance.zone) {
        return "UTC";
    }
    // The zone's name when the event took place (CET or CEST), not today's.
    std::optional<text::WallTime> when;
    for (const auto& sample : participant.user_qos) {
        if (sample.date_time && (when = text::parse_iso8601(*sample.date_time))) {
            break;
        }
    }
    if (!when && participant.join_time) {
        when = text::parse_iso8601(*participant.join_time);
    }
    return text::zone_abbreviation(when.value_or(std::chrono::system_clock::now()), *glance.zone);
}

model::Json participant_json(const Glance& glance, const model::Participant& participant) {
    model::Json typed = model::to_json(participant);
    if (glance.annotate) {
        typed["breaches"] = breaches_json(
            quality::find_breaches(participant, glance.fail_on.value_or(glance.thresholds)));
    }
    return typed;
}

Status check_fail_on(const Glance& glance, const model::Participant& participant, std::ostream& err,
                     const std::string& who) {
    if (!glance.fail_on) {
        return Ok{};
    }
    if (!quality::has_qos_data(participant)) {
        // Nothing to judge is neither clean nor a breach: said, not counted.
        err << "zoomqos: note: " << who << "no QoS data, nothing for --fail-on to judge\n";
        return Ok{};
    }
    const auto& rules = *glance.fail_on;
    std::size_t breached = 0;
    for (const auto& rule : rules) {
        const auto found = quality::find_breaches(participant, {rule});
        const quality::Breach* worst = quality::worst_breach(found);
        if (worst == nullptr) {
            continue;
        }
        ++breached;
        std::size_t samples = 0;
        std::optional<std::size_t> last;
        for (const auto& breach : found) {
            if (last != breach.sample_index) {
                ++samples;
                last = breach.sample_index;
            }
        }
        err << "zoomqos: breach: " << who << quality::rule_text(rule) << " in " << samples << " of "
            << participant.user_qos.size() << " samples; worst " << quality::describe(*worst)
            << '\n';
    }
    if (breached == 0) {
        return Ok{};
    }
    return make_error(ErrorKind::Threshold, std::to_string(breached) + " of " +
                                                std::to_string(rules.size()) +
                                                " --fail-on rules breached");
}

std::string participant_label(const std::string& participant_id,
                              const model::Participant& participant) {
    std::string label = "participant " + text::printable(participant_id, kIdBytes);
    if (participant.user_name && !text::is_blank(*participant.user_name)) {
        label += " (" + text::printable(*participant.user_name, kNameBytes) + ")";
    }
    return label;
}

void FailOnTally::judge(const model::Participant& participant, const std::string& participant_id) {
    if (!glance_.fail_on) {
        return;
    }
    if (!quality::has_qos_data(participant)) {
        ++no_data_;
    }
    if (!check_fail_on(glance_, participant, err_,
                       participant_label(participant_id, participant) + ": ")) {
        ++breached_;
    }
}

Status FailOnTally::status(std::size_t participants) const {
    if (breached_ == 0) {
        return Ok{};
    }
    const std::size_t judged = participants > no_data_ ? participants - no_data_ : 0;
    std::string message = std::to_string(breached_) + " of " + std::to_string(judged) +
                          " participants with data breached --fail-on rules";
    if (no_data_ > 0) {
        message += " (" + std::to_string(no_data_) + " without data not judged)";
    }
    return make_error(ErrorKind::Threshold, std::move(message));
}

} // namespace zoomqos::cli
