#include "zoomqos/model/details.hpp"

#include <utility>

#include "zoomqos/model/mapper.hpp"

namespace zoomqos::model {

namespace {

std::string text_of(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

Result<DetailsPage> parse_details_page(std::string_view body) {
    auto parsed = parse_json(body, "the details response");
    if (!parsed) {
        return std::move(parsed).error();
    }
    const Json& envelope = *parsed;
    if (!envelope.is_object()) {
        return make_error(ErrorKind::InvalidResponse, "a details page is not a JSON object");
    }
    DetailsPage page;
    page.next_page_token = text_of(envelope, "next_page_token");
    const auto participants = envelope.find("participants");
    if (participants == envelope.end() || participants->is_null()) {
        return page;
    }
    if (!participants->is_array()) {
        return make_error(ErrorKind::InvalidResponse,
                          "a details page's participants is not an array");
    }
    for (const Json& session : *participants) {
        if (session.is_object()) {
            page.sessions.push_back(details_json(session));
        }
    }
    return page;
}

std::optional<std::string> detail_text(const Participant& participant, std::string_view key) {
    if (!participant.details || !participant.details->is_object()) {
        return std::nullopt;
    }
    const auto it = participant.details->find(key);
    if (it == participant.details->end() || !it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

void SessionIndex::add(Json session) {
    const std::string user_id = text_of(session, "user_id");
    if (user_id.empty()) {
        return;
    }
    by_user_[user_id].push_back(std::move(session));
    ++size_;
}

Json SessionIndex::match(const Participant& participant) const {
    if (!participant.user_id || participant.user_id->empty()) {
        return details_json(nullptr);
    }
    const auto sessions = by_user_.find(*participant.user_id);
    if (sessions == by_user_.end()) {
        return details_json(nullptr);
    }
    if (participant.join_time) {
        for (const Json& session : sessions->second) {
            if (text_of(session, "join_time") == *participant.join_time) {
                return session;
            }
        }
    }
    return sessions->second.front();
}

} // namespace zoomqos::model
