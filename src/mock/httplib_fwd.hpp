#pragma once

// httplib's request and response by name only, so that the mock's headers
// need not pull in the whole single-header library.
namespace httplib {
struct Request;
struct Response;
} // namespace httplib
