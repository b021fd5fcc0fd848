#pragma once

#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/qos.hpp"

// JSON text from outside, for every mapper (mapper.cpp) and archive reader.
namespace zoomqos::model {

// Any JSON text read from outside (a response body, an archive's line) as
// JSON, nested at most 64 levels (copying and dumping recurse). Errors:
// ErrorKind::InvalidResponse, "<what> is not valid JSON: ..." naming the byte.
Result<Json> parse_json(std::string_view text, std::string_view what = "response");

} // namespace zoomqos::model
