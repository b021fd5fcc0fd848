#pragma once

#include <optional>
#include <ostream>

#include "zoomqos/model/qos.hpp"

// Many participants in one JSON text, written as each arrives so that memory
// does not grow with their number: a bare array (`get` with several IDs) or an
// object whose last member is the "participants" array (`list`). The text is
// valid JSON once close() has run, and indented like render::json.
namespace zoomqos::render {

class JsonSequence {
public:
    // `head`: the object's members written before "participants" (in their
    // order); none = a bare array.
    explicit JsonSequence(std::ostream& out, std::optional<model::Json> head = std::nullopt);

    // One participant object (model::to_json, maybe annotated).
    void add(const model::Json& participant);

    // Ends the array (and object) and the line. Once; later calls do nothing.
    void close();

private:
    void open();

    std::ostream& out_;
    std::optional<model::Json> head_;
    bool opened_ = false;
    bool closed_ = false;
    bool any_ = false;
};

} // namespace zoomqos::render
