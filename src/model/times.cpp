#include "zoomqos/model/times.hpp"

namespace zoomqos::model {

namespace {

void convert(std::optional<std::string>& value, const text::Zone& zone) {
    if (!value) {
        return;
    }
    if (const auto when = text::parse_iso8601(*value)) {
        *value = text::format_iso_in_zone(*when, zone);
    }
}

void convert(Json& value, const text::Zone& zone) {
    if (!value.is_string()) {
        return;
    }
    if (const auto when = text::parse_iso8601(value.get_ref<const std::string&>())) {
        value = text::format_iso_in_zone(*when, zone);
    }
}

} // namespace

void convert_times(Participant& participant, const text::Zone& zone) {
    convert(participant.join_time, zone);
    convert(participant.leave_time, zone);
    for (Sample& sample : participant.user_qos) {
        convert(sample.date_time, zone);
    }
    if (participant.details && participant.details->is_object()) {
        for (const char* key : {"join_time", "leave_time"}) {
            if (const auto found = participant.details->find(key);
                found != participant.details->end()) {
                convert(*found, zone);
            }
        }
    }
}

} // namespace zoomqos::model
