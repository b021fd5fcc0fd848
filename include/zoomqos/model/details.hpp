#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"

// `list --details`: the sessions of the participants' details endpoint
// (/metrics/{webinars|meetings}/{id}/participants), matched to the QoS
// participants. A participant who leaves and rejoins is one session (and one
// QoS entry) per visit, with the same user_id and another join_time.
namespace zoomqos::model {

// One page of the details endpoint: its sessions (each kept as
// details_json() keeps it) and where the next page starts. Errors: not JSON,
// not an object, participants not an array (ErrorKind::InvalidResponse).
struct DetailsPage {
    std::vector<Json> sessions;
    std::string next_page_token;
};
Result<DetailsPage> parse_details_page(std::string_view body);

// A string field of the participant's joined session (network_type,
// data_center, ...); nullopt without details or when the field is not a
// string.
std::optional<std::string> detail_text(const Participant& participant, std::string_view key);

class SessionIndex {
public:
    // A session as details_json() keeps it. Sessions without a user_id
    // cannot be matched and are dropped.
    void add(Json session);

    // The participant's session: the one with its user_id and join_time,
    // else the first with its user_id; names are never compared (two people
    // may share one). details_json(nullptr) — every field null — when none
    // matches.
    Json match(const Participant& participant) const;

    std::size_t size() const { return size_; }

private:
    std::map<std::string, std::vector<Json>, std::less<>> by_user_;
    std::size_t size_ = 0;
};

} // namespace zoomqos::model
