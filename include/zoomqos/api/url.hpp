#pragma once

#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"

// Everything about the shape of Zoom URLs: which base URLs are acceptable and
// how IDs become path segments.
namespace zoomqos::api {

enum class EventKind { Webinar, Meeting };
enum class QosType { Live, Past };

std::string_view event_noun(EventKind kind);  // "webinar" / "meeting"
std::string_view qos_type_name(QosType type); // "live" / "past"

// Percent-encodes every byte except RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~), so that no ID can add, remove or leave a path segment.
std::string encode_segment(std::string_view text);

// A webinar or meeting ID as a path segment. Zoom decodes instance UUIDs that
// begin with '/' or contain "//" twice, so those are encoded twice
// ("/abc==" -> "%252Fabc%253D%253D"); everything else once.
std::string encode_event_id(std::string_view id);

// Checks a base URL such as "https://api.zoom.us/v2" and returns it without a
// trailing '/'. https is required; http only for loopback hosts (127.0.0.0/8,
// localhost, ::1) so that a bearer token never crosses a network in clear text.
// No user info, query or fragment. Errors are ErrorKind::Usage naming `what`
// (e.g. "--api-url").
Result<std::string> validate_base_url(std::string_view url, std::string_view what);

// {base}/metrics/{webinars|meetings}/{event}/participants/{participant}/qos?type={live|past}
std::string participant_qos_url(std::string_view base, EventKind kind, std::string_view event_id,
                                std::string_view participant_id, QosType type);

// {base}/metrics/{webinars|meetings}/{event}/participants/qos?type=...&page_size=N
// and &next_page_token=... (percent-encoded) when one is given.
std::string participants_qos_url(std::string_view base, EventKind kind, std::string_view event_id,
                                 QosType type, int page_size, std::string_view next_page_token);

// {base}/metrics/{webinars|meetings}/{event}/participants?type=...&page_size=N
// (and &next_page_token=...): the participants' details, one entry per session.
std::string participants_details_url(std::string_view base, EventKind kind,
                                     std::string_view event_id, QosType type, int page_size,
                                     std::string_view next_page_token);

} // namespace zoomqos::api
