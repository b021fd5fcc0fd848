#include "zoomqos/quality/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "zoomqos/model/qos.hpp"
#include "zoomqos/term/width.hpp"
#include "zoomqos/text/text.hpp"

namespace zoomqos::quality {

namespace {

struct MetricInfo {
    Metric metric;
    std::string_view name;
    std::string_view unit;
};

constexpr std::array<MetricInfo, 7> kMetrics{{
    {Metric::Latency, "latency", "ms"},
    {Metric::Jitter, "jitter", "ms"},
    {Metric::Loss, "loss", "%"},
    {Metric::MaxLoss, "max_loss", "%"},
    {Metric::Bitrate, "bitrate", "kbps"},
    {Metric::Fps, "fps", "fps"},
    {Metric::Cpu, "cpu", "%"},
}};

// The streams Zoom documents (API-NOTES.md): a typo in a stream name would
// otherwise make a rule that silently never matches.
bool known_stream(std::string_view name) {
    for (std::string_view main : model::kMainStreams) {
        if (name == main) {
            return true;
        }
    }
    for (std::string_view kind : {"audio", "video", "as"}) {
        for (std::string_view way : {"from", "to"}) {
            for (std::string_view path : {"crc", "rwg"}) {
                std::string variant = std::string(kind) + "_device_";
                variant.append(way).append("_").append(path);
                if (name == variant) {
                    return true;
                }
            }
        }
    }
    return false;
}

bool video_stream(std::string_view name) {
    return name.starts_with("video_") || name.starts_with("as_");
}

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

class Parser {
public:
    Parser(std::string_view text, std::string_view option, const std::vector<Rule>& defaults)
        : text_(text), option_(option), defaults_(defaults) {}

    Result<std::vector<Rule>> parse() {
        std::vector<Rule> rules;
        while (true) {
            skip_spaces();
            if (at_end() || peek() == ',') {
                return fail("expected a rule such as latency>150");
            }
            const std::size_t start = pos_;
            const std::string_view first = word();
            if (first == "default") {
                skip_spaces();
                if (at_end() || peek() == ',') {
                    rules.insert(rules.end(), defaults_.begin(), defaults_.end());
                    if (!next_rule()) {
                        return rules;
                    }
                    continue;
                }
            }
            auto rule = parse_rule(start, first);
            if (!rule) {
                return std::move(rule).error();
            }
            rules.push_back(*rule);
            skip_spaces();
            if (!at_end() && peek() != ',') {
                return fail("expected ',' or the end after the number");
            }
            if (!next_rule()) {
                return rules;
            }
        }
    }

private:
    Result<Rule> parse_rule(std::size_t start, std::string_view first) {
        Rule rule;
        std::string_view metric_word = first;
        std::size_t metric_pos = start;
        if (!at_end() && peek() == '.') {
            if (first.empty()) {
                return fail("expected a stream or metric name");
            }
            if (!known_stream(first)) {
                return fail_at(start, "unknown stream '" + std::string(first) +
                                          "' (audio_input, audio_output, video_input, "
                                          "video_output, as_input, as_output, or a "
                                          "*_device_{from,to}_{crc,rwg} variant)");
            }
            rule.stream = std::string(first);
            ++pos_;
            metric_pos = pos_;
            metric_word = word();
        }
        const auto info = std::find_if(kMetrics.begin(), kMetrics.end(),
                                       [&](const MetricInfo& m) { return m.name == metric_word; });
        if (metric_word.empty() || info == kMetrics.end()) {
            return fail_at(metric_pos,
                           metric_word.empty()
                               ? std::string("expected a metric name")
                               : "unknown metric '" + std::string(metric_word) +
                                     "' (latency, jitter, loss, max_loss, bitrate, fps, cpu)");
        }
        rule.metric = info->metric;
        if (rule.stream && rule.metric == Metric::Cpu) {
            return fail_at(start, "cpu belongs to no stream: write cpu>90");
        }
        if (rule.stream && rule.metric == Metric::Fps && !video_stream(*rule.stream)) {
            return fail_at(start, *rule.stream + " has no frame rate");
        }
        skip_spaces();
        if (at_end() || (peek() != '>' && peek() != '<')) {
            return fail("expected an operator: >, >=, < or <=");
        }
        const bool greater = peek() == '>';
        ++pos_;
        const bool or_equal = !at_end() && peek() == '=';
        if (or_equal) {
            ++pos_;
        }
        rule.op = greater ? (or_equal ? Op::GreaterEqual : Op::Greater)
                          : (or_equal ? Op::LessEqual : Op::Less);
        skip_spaces();
        // Plain decimals only: no sign, no exponent, no unit (it is implied).
        const std::size_t number_start = pos_;
        while (!at_end() &&
               (std::isdigit(static_cast<unsigned char>(peek())) != 0 || peek() == '.')) {
            ++pos_;
        }
        const std::string_view number = text_.substr(number_start, pos_ - number_start);
        double value = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (number.empty() || ec != std::errc{} || end != number.data() + number.size() ||
            !std::isfinite(value)) {
            return fail_at(number_start,
                           std::string("expected a number (in ") + std::string(info->unit) + ")");
        }
        rule.value = value;
        return rule;
    }

    std::string_view word() {
        const std::size_t start = pos_;
        while (!at_end() && word_char(peek())) {
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    // After a rule: true when a comma introduces another one.
    bool next_rule() {
        if (at_end()) {
            return false;
        }
        ++pos_; // the ','
        return true;
    }

    void skip_spaces() {
        while (!at_end() && (peek() == ' ' || peek() == '\t')) {
            ++pos_;
        }
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return text_[pos_]; }

    Error fail(const std::string& what) const { return fail_at(pos_, what); }

    // "--fail-on: <what> at character N", then the rules and a caret under
    // character N (by display width, so non-ASCII before it does not shift
    // the caret).
    Error fail_at(std::size_t at, const std::string& what) const {
        const std::string shown = text::printable(text_);
        const std::string before = text::printable(text_.substr(0, std::min(at, text_.size())));
        std::string message = std::string(option_) + ": " + what + " at character " +
                              std::to_string(at + 1) + "\n  " + shown + "\n  " +
                              std::string(term::display_width(before), ' ') + "^";
        Error error = make_error(ErrorKind::Usage, std::move(message));
        error.hint =
            "rules look like latency>150,loss>2,audio_input.jitter>=30,video_output.fps<15";
        return error;
    }

    std::string_view text_;
    std::string_view option_;
    const std::vector<Rule>& defaults_;
    std::size_t pos_ = 0;
};

} // namespace

std::string_view metric_name(Metric metric) {
    for (const auto& info : kMetrics) {
        if (info.metric == metric) {
            return info.name;
        }
    }
    return "unknown";
}

std::string_view metric_unit(Metric metric) {
    for (const auto& info : kMetrics) {
        if (info.metric == metric) {
            return info.unit;
        }
    }
    return "";
}

std::string_view op_text(Op op) {
    switch (op) {
    case Op::Greater:
        return ">";
    case Op::GreaterEqual:
        return ">=";
    case Op::Less:
        return "<";
    case Op::LessEqual:
        return "<=";
    }
    return "?";
}

bool breaches(const Rule& rule, double measured) {
    switch (rule.op) {
    case Op::Greater:
        return measured > rule.value;
    case Op::GreaterEqual:
        return measured >= rule.value;
    case Op::Less:
        return measured < rule.value;
    case Op::LessEqual:
        return measured <= rule.value;
    }
    return false;
}

std::string value_text(Metric metric, double value) {
    const std::string_view unit = metric_unit(metric);
    std::string text = text::decimal(value, 2);
    // "12.5%" but "150 ms": the way both are usually written.
    return unit == "%" ? text + "%" : text + " " + std::string(unit);
}

std::string rule_text(const Rule& rule) {
    std::string text = rule.stream ? *rule.stream + "." : std::string();
    text.append(metric_name(rule.metric)).append(op_text(rule.op));
    // The shortest plain decimal that reads back as the same value: a fixed
    // number of decimals would print loss>0.0000001 as loss>0, a different
    // rule (and glance --json reports rules with this text).
    std::array<char, 400> buffer{}; // fixed notation of DBL_MAX needs 309 digits
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rule.value,
                                      std::chars_format::fixed);
    if (result.ec != std::errc{}) {
        return text + text::decimal(rule.value, 6);
    }
    return text.append(buffer.data(), result.ptr);
}

std::string limit_text(const Rule& rule) {
    std::string prefix;
    if (rule.op == Op::GreaterEqual || rule.op == Op::LessEqual) {
        prefix = std::string(op_text(rule.op)) + " ";
    }
    return prefix + value_text(rule.metric, rule.value);
}

std::vector<Rule> default_rules() {
    return {
        {std::nullopt, Metric::Latency, Op::Greater, 150},
        {std::nullopt, Metric::Jitter, Op::Greater, 40},
        {std::nullopt, Metric::Loss, Op::Greater, 2},
        {std::nullopt, Metric::MaxLoss, Op::Greater, 10},
        // Camera video only: a shared screen often runs at a few frames a
        // second by design (a slide does not move); `as_input.fps<3` judges it.
        {std::string("video_input"), Metric::Fps, Op::Less, 10},
        {std::string("video_output"), Metric::Fps, Op::Less, 10},
        {std::nullopt, Metric::Cpu, Op::Greater, 80},
    };
}

Result<std::vector<Rule>> parse_rules(std::string_view text, std::string_view option,
                                      const std::vector<Rule>& defaults) {
    return Parser(text, option, defaults).parse();
}

std::vector<Rule> merge_rules(std::vector<Rule> base, const std::vector<Rule>& changes) {
    for (const Rule& change : changes) {
        if (!change.stream) {
            // A rule for every stream replaces the metric's rules for single
            // streams too: `--thresholds fps<5` means 5 wherever fps counts.
            std::erase_if(base,
                          [&](const Rule& r) { return r.metric == change.metric && r.stream; });
        }
        auto same = std::find_if(base.begin(), base.end(), [&](const Rule& r) {
            return r.stream == change.stream && r.metric == change.metric;
        });
        if (same != base.end()) {
            *same = change;
        } else {
            base.push_back(change);
        }
    }
    return base;
}

} // namespace zoomqos::quality
