#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <curl/curl.h>

#include "zoomqos/errors.hpp"
#include "zoomqos/http/client.hpp"

// One libcurl easy handle and what a transfer on it accumulates, private to
// the http module. Client runs it with curl_easy_perform, Batch on a multi
// handle; both configure and read it the same way through this class.
namespace zoomqos::http::detail {

// curl_global_init, once per process, before any other libcurl call.
void global_init_once();

class Transfer {
public:
    // `log`, when set, receives the request and response lines (-v).
    explicit Transfer(std::ostream* log);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    Transfer(Transfer&&) = delete;
    Transfer& operator=(Transfer&&) = delete;

    CURL* handle() const noexcept;

    // Resets the handle and sets every option for `request`, which must stay
    // alive and unchanged until finish(): libcurl keeps pointers into it.
    Status prepare(const Request& request);

    // After the transfer ended with `result`: the response, or the error and
    // whether it is worth repeating.
    Result<Response> finish(CURLcode result, Failure& failure);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace zoomqos::http::detail
