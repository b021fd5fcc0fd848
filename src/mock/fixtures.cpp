#include "fixtures.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include <httplib.h>

#include "reply.hpp"

// The `fixture` event: JSON files served as they are.
namespace zoomqos::mock {

namespace {

// Fixture names map straight to file names, so only a plain name will do.
bool is_fixture_name(const std::string& name) {
    return !name.empty() && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
           });
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return bytes.str();
}

} // namespace

void serve_fixture(httplib::Response& res, const std::string& fixtures_dir, const Route& route) {
    const std::string name = route.participant.value_or("");
    std::optional<std::string> body;
    if (is_fixture_name(name)) {
        body = read_file(fixtures_dir + "/" + name + ".json");
    }
    if (!body) {
        send_no_event(res, route.kind, "fixture");
        return;
    }
    send_json(res, 200, *body);
}

} // namespace zoomqos::mock
