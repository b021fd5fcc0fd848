#pragma once

#include <string>

#include "httplib_fwd.hpp"
#include "routing.hpp"

// The `fixture` event (--fixtures): each participant ID names a JSON file in
// the fixtures folder, served as it is, so tests can feed the client any body.
namespace zoomqos::mock {

void serve_fixture(httplib::Response& res, const std::string& fixtures_dir, const Route& route);

} // namespace zoomqos::mock
