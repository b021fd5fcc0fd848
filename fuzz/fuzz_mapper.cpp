// A whole QoS response body, as a server could send it: the mapper must
// either map it or return an error — never crash, throw or hang — and every
// renderer must then cope with whatever the mapper produced.
#include <cstdint>
#include <sstream>
#include <string_view>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto participant = zoomqos::model::parse_participant(body);
    if (!participant) {
        return 0;
    }
    zoomqos::render::Subject subject;
    subject.event_id = "81234567890";
    subject.participant_id = "16778240";
    std::ostringstream out;
    zoomqos::render::table(out, subject, *participant);
    zoomqos::render::TableOptions ascii;
    ascii.utf8 = false;
    zoomqos::render::table(out, subject, *participant, ascii);
    zoomqos::render::json(out, *participant);
    zoomqos::render::ndjson(out, subject, *participant);
    zoomqos::render::csv_rows(out, subject, *participant);
    return 0;
}
