#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/qos.hpp"

namespace zoomqos::model {

// JSON text appended to a string, byte for byte what nlohmann's
// dump(indent, ' ', false, error_handler_t::replace) writes for the same
// value, without building the value first. The samples are the volume of
// every output (a minute each, a day per participant): writing them straight
// from the typed structs, instead of as one ordered_json per sample with an
// allocation per key and value, is what makes mapping fast.
class JsonText {
public:
    // indent < 0: compact, on one line. depth: how many levels deep the value
    // written first sits (its closing brace is indented by depth * indent).
    explicit JsonText(std::string& out, int indent = -1, int depth = 0);

    void begin_object();
    void end_object();
    // A member's name, after the separator and indentation it needs.
    void key(std::string_view name);

    void string(std::string_view value);
    void optional_string(const std::optional<std::string>& value);
    void null();
    void integer(long long value);
    // Integral values as integers ("23", not "23.0"), so that output matches
    // what Zoom wrote; not finite, or nullopt: null.
    void number(std::optional<double> value);
    // Any value, as nlohmann writes it at this position.
    void value(const Json& value);

private:
    void indent_to(int depth);

    std::string& out_;
    int indent_;
    int depth_;
    // One entry per open object: whether it has a member yet.
    std::vector<bool> has_members_;
};

} // namespace zoomqos::model
