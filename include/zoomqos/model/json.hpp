#pragma once

#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"

// Response bodies as JSON, for every mapper (mapper.cpp).
namespace zoomqos::model {

// Any response body as JSON, nested at most 64 levels (copying and dumping
// recurse). Errors: ErrorKind::InvalidResponse naming the byte.
Result<Json> parse_body(std::string_view body);

} // namespace zoomqos::model
