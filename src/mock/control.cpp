#include "control.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>

#include "reply.hpp"

// The test-only plane under /_mock/.
namespace zoomqos::mock {

namespace {

Json to_json(const RecordedRequest& r) {
    auto optional = [](const std::optional<std::string>& value) {
        return value ? Json(*value) : Json(nullptr);
    };
    Json query = Json::object();
    for (const auto& [key, value] : r.query) {
        if (!query.contains(key)) {
            query[key] = value;
        } else if (query[key].is_array()) {
            query[key].push_back(value);
        } else {
            query[key] = Json::array({query[key], value});
        }
    }
    return Json{{"method", r.method},
                {"target", r.target},
                {"path_segments", r.path_segments ? Json(*r.path_segments) : Json(nullptr)},
                {"event_id", optional(r.event_id)},
                {"participant_id", optional(r.participant_id)},
                {"query", std::move(query)},
                {"user_agent", optional(r.user_agent)},
                {"authorization_scheme", optional(r.authorization_scheme)},
                {"status", r.status}};
}

// One JSON fault object as the --fault SPEC it stands for (faults.hpp).
std::string fault_spec(const Json& item) {
    std::string spec;
    for (const auto& [key, value] : item.items()) {
        if (key == "headers" && value.is_object()) {
            for (const auto& [name, text] : value.items()) {
                spec += "header=" + name + ": " +
                        (text.is_string() ? text.get<std::string>() : text.dump()) + ";";
            }
        } else if (value.is_boolean()) {
            spec += value.get<bool>() ? key + ";" : "";
        } else {
            spec += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()) + ";";
        }
    }
    return spec;
}

// POST /_mock/faults: one object or an array of them. Each key is a
// --fault item (faults.hpp): {"status": 429, "headers": {"Retry-After":
// "1"}, "count": 2}; flags such as "stall" take true. Appended in order,
// and only when every one of them is valid.
void add_faults(FaultQueue& faults, const httplib::Request& req, httplib::Response& res) {
    const Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    const Json list = body.is_array() ? body : Json::array({body});
    std::vector<Fault> parsed;
    for (const Json& item : list) {
        if (!item.is_object()) {
            send_error(res, 400, 400, "A fault is a JSON object.");
            return;
        }
        ParsedFault fault = parse_fault(fault_spec(item));
        if (!fault.fault) {
            send_error(res, 400, 400, fault.error);
            return;
        }
        parsed.push_back(std::move(*fault.fault));
    }
    for (Fault& fault : parsed) {
        faults.add(std::move(fault));
    }
    send_json(res, 200, serialize(Json{{"pending", faults.pending()}}));
}

void send_requests(const RequestLog& log, httplib::Response& res) {
    Json list = Json::array();
    for (const RecordedRequest& r : log.snapshot()) {
        list.push_back(to_json(r));
    }
    send_json(res, 200, serialize(list));
}

// Everything a test sets up or counts starts again, faults and tokens aside.
void reset(ControlState& state) {
    state.log.clear();
    state.rate_limiter.reset();
    state.daily_limiter.reset();
    state.connections.reset();
    state.live.restart();
}

bool is_control_endpoint(std::string_view path) {
    return path == "/_mock/faults" || path == "/_mock/requests" || path == "/_mock/stats" ||
           path == "/_mock/reset" || path == "/_mock/oauth" || path == "/_mock/oauth/revoke" ||
           path == "/_mock/live/leave";
}

} // namespace

void handle_control(ControlState& state, const httplib::Request& req, httplib::Response& res,
                    std::string_view path) {
    const bool get = req.method == "GET" || req.method == "HEAD";
    const bool post = req.method == "POST";
    if (path == "/_mock/requests" && get) {
        send_requests(state.log, res);
    } else if (path == "/_mock/stats" && get) {
        send_json(res, 200,
                  serialize(Json{{"requests", state.log.size()},
                                 {"rate_limited", state.rate_limiter.rejected()},
                                 {"connections", state.connections.total()}}));
    } else if (path == "/_mock/reset" && post) {
        reset(state);
        res.status = 204;
    } else if (path == "/_mock/oauth" && get) {
        // How many tokens POST /oauth/token issued: tests prove the token
        // cache works by this count staying put.
        send_json(res, 200,
                  serialize(Json{{"tokens_minted", state.issuer.minted()},
                                 {"tokens_revoked", state.issuer.revoked()}}));
    } else if (path == "/_mock/live/leave" && post) {
        if (!req.has_param("participant") || req.get_param_value("participant").empty()) {
            send_error(res, 400, 400, "POST /_mock/live/leave?participant=ID");
            return;
        }
        state.live.leave(req.get_param_value("participant"));
        res.status = 204;
    } else if (path == "/_mock/oauth/revoke" && post) {
        state.issuer.revoke_all();
        res.status = 204;
    } else if (path == "/_mock/faults" && post) {
        add_faults(state.faults, req, res);
    } else if (path == "/_mock/faults" && req.method == "DELETE") {
        state.faults.clear();
        res.status = 204;
    } else if (path == "/_mock/faults" && get) {
        send_json(res, 200, serialize(Json{{"pending", state.faults.pending()}}));
    } else if (is_control_endpoint(path)) {
        send_method_not_allowed(res, req);
    } else {
        send_error(res, 404, 404, "No such mock endpoint.");
    }
}

} // namespace zoomqos::mock
