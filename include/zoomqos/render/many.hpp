#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "zoomqos/model/qos.hpp"

// Many participants in one JSON text, written as each arrives so that memory
// does not grow with their number: a bare array (`get` with several IDs) or an
// object with the "participants" array and then "complete" (`list`). The text
// is valid JSON once close() or close_incomplete() has run, and indented like
// render::json.
namespace zoomqos::render {

class JsonSequence {
public:
    // `head`: the object's members written before "participants" (in their
    // order); none = a bare array.
    explicit JsonSequence(std::ostream& out, std::optional<model::Json> head = std::nullopt);

    // One participant object (model::to_json, maybe annotated).
    void add(const model::Json& participant);

    // Ends the array (and object) and the line. Once; later calls do nothing.
    // List's object ends with "complete": true.
    void close();

    // The same for a run that stopped early (a signal, a failed page): the
    // text stays valid JSON and says it is incomplete. List's object ends
    // with "complete": false and "reason"; a bare array gets one last element
    // {"complete": false, "reason": ...} (a participant never has "complete").
    void close_incomplete(std::string_view reason);

private:
    void open();
    void end(bool complete, std::string_view reason);

    std::ostream& out_;
    std::optional<model::Json> head_;
    bool opened_ = false;
    bool closed_ = false;
    bool any_ = false;
};

} // namespace zoomqos::render
