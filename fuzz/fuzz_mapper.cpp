// A whole QoS response body, as a server could send it: the mapper must
// either map it or return an error — never crash, throw or hang — and every
// renderer must then cope with whatever the mapper produced. The body is read
// both as a participant and as a list page, and each time the streaming reader
// (parse_participant, parse_page) must agree with the DOM reader it replaced
// (participant_from_json over a parsed document): the same success, the same
// typed JSON.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/json.hpp"
#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"

namespace {

using zoomqos::model::Json;

// Zoom's text may hold invalid UTF-8, which a strict dump() throws on.
std::string dumped(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void agree(bool same) {
    if (!same) {
        std::abort();
    }
}

void render_all(const zoomqos::model::Participant& participant) {
    zoomqos::render::Subject subject;
    subject.event_id = "81234567890";
    subject.participant_id = "16778240";
    std::ostringstream out;
    zoomqos::render::table(out, subject, participant);
    zoomqos::render::TableOptions ascii;
    ascii.utf8 = false;
    zoomqos::render::table(out, subject, participant, ascii);
    zoomqos::render::json(out, participant);
    zoomqos::render::ndjson(out, subject, participant);
    zoomqos::render::csv_rows(out, subject, participant);
}

// The participants of a page as the DOM reader maps them; empty when it would fail.
std::vector<std::string> page_by_dom(const Json& document, bool& ok) {
    std::vector<std::string> out;
    ok = false;
    if (!document.is_object()) {
        return out;
    }
    const auto participants = document.find("participants");
    if (participants == document.end() || participants->is_null()) {
        ok = true;
        return out;
    }
    if (!participants->is_array()) {
        return out;
    }
    for (const Json& item : *participants) {
        if (!item.is_object()) {
            return out;
        }
        auto participant = zoomqos::model::participant_from_json(item);
        if (!participant) {
            return out;
        }
        out.push_back(dumped(zoomqos::model::to_json(*participant)));
    }
    ok = true;
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const auto document = zoomqos::model::parse_json(body);

    auto participant = zoomqos::model::parse_participant(body);
    if (document) {
        const auto whole = zoomqos::model::participant_from_json(*document);
        agree(participant.ok() == whole.ok());
        if (participant && whole) {
            agree(dumped(zoomqos::model::to_json(*participant)) ==
                  dumped(zoomqos::model::to_json(*whole)));
        }
    } else {
        agree(!participant);
    }
    if (participant) {
        render_all(*participant);
    }

    const auto page = zoomqos::model::parse_page(body);
    if (document) {
        bool ok = false;
        const std::vector<std::string> whole = page_by_dom(*document, ok);
        agree(page.ok() == ok);
        if (page && ok) {
            std::vector<std::string> streamed;
            for (const auto& one : page->participants) {
                streamed.push_back(dumped(zoomqos::model::to_json(one)));
            }
            agree(streamed == whole);
        }
    } else {
        agree(!page);
    }
    return 0;
}
