#include "zoomqos/http/client.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

#include <curl/curl.h>

#include "zoomqos/process/interrupt.hpp"
#include "zoomqos/text/text.hpp"
#include "zoomqos/version.hpp"

#include "transfer.hpp"

namespace zoomqos::http {

std::chrono::seconds default_low_speed_time(std::chrono::milliseconds timeout) {
    return std::clamp(std::chrono::duration_cast<std::chrono::seconds>(timeout / 3),
                      std::chrono::seconds(1), std::chrono::seconds(20));
}

std::string Response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (text::iequals(key, name)) {
            return value;
        }
    }
    return {};
}

std::string user_agent() {
    return std::string("zoomqos/") + kVersion + " libcurl/" +
           curl_version_info(CURLVERSION_NOW)->version;
}

std::string library_versions() {
    const auto* info = curl_version_info(CURLVERSION_NOW);
    std::string out = std::string("libcurl ") + info->version;
    if (info->ssl_version != nullptr) {
        out += ", ";
        out += info->ssl_version;
    }
    return out;
}

struct Client::Impl {
    explicit Impl(std::ostream* log) : transfer(log) {}
    detail::Transfer transfer;
};

Client::Client(std::ostream* log) : impl_(std::make_unique<Impl>(log)) {}

Client::~Client() = default;

Result<Response> Client::perform(const Request& request) {
    Failure failure = Failure::None;
    return perform(request, failure);
}

Result<Response> Client::perform(const Request& request, Failure& failure) {
    failure = Failure::Permanent;
    if (process::interrupted()) {
        failure = Failure::Interrupted;
        return make_error(ErrorKind::Network, "interrupted");
    }
    if (auto prepared = impl_->transfer.prepare(request); !prepared) {
        return std::move(prepared).error();
    }
    return impl_->transfer.finish(curl_easy_perform(impl_->transfer.handle()), failure);
}

} // namespace zoomqos::http
