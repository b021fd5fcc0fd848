#include "zoomqos/render/many.hpp"

#include <string>

namespace zoomqos::render {

namespace {

// `json` as render::json prints it, every line indented by `indent` more.
void write_indented(std::ostream& out, const model::Json& json, const std::string& indent) {
    const std::string text = json.dump(2, ' ', false, model::Json::error_handler_t::replace);
    out << indent;
    for (const char c : text) {
        out << c;
        if (c == '\n') {
            out << indent;
        }
    }
}

} // namespace

JsonSequence::JsonSequence(std::ostream& out, std::optional<model::Json> head)
    : out_(out), head_(std::move(head)) {}

void JsonSequence::open() {
    if (opened_) {
        return;
    }
    opened_ = true;
    if (head_) {
        out_ << "{\n";
        for (const auto& [key, value] : head_->items()) {
            out_ << "  " << model::Json(key).dump() << ": "
                 << value.dump(-1, ' ', false, model::Json::error_handler_t::replace) << ",\n";
        }
        out_ << "  \"participants\": [";
    } else {
        out_ << "[";
    }
}

void JsonSequence::add(const model::Json& participant) {
    open();
    out_ << (any_ ? ",\n" : "\n");
    write_indented(out_, participant, head_ ? "    " : "  ");
    any_ = true;
    out_.flush();
}

void JsonSequence::close() {
    end(true, {});
}

void JsonSequence::close_incomplete(std::string_view reason) {
    end(false, reason);
}

void JsonSequence::end(bool complete, std::string_view reason) {
    if (closed_) {
        return;
    }
    open();
    closed_ = true;
    const std::string quoted_reason =
        model::Json(std::string(reason))
            .dump(-1, ' ', false, model::Json::error_handler_t::replace);
    if (head_) {
        out_ << (any_ ? "\n  ]" : "]") << ",\n  \"complete\": " << (complete ? "true" : "false");
        if (!complete) {
            out_ << ",\n  \"reason\": " << quoted_reason;
        }
        out_ << "\n}\n";
    } else {
        if (!complete) {
            model::Json marker = model::Json::object();
            marker["complete"] = false;
            marker["reason"] = std::string(reason);
            add(marker);
        }
        out_ << (any_ ? "\n]\n" : "]\n");
    }
    out_.flush();
}

} // namespace zoomqos::render
