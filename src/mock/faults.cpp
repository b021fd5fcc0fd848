#include "faults.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include <httplib.h>

#include "zoomqos/text/text.hpp"
#include "zoomqos/text/time.hpp"

namespace zoomqos::mock {

namespace {

constexpr const char* kHtmlPage =
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    "<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n";

// A stall ends on its own after this, so that a forgotten client cannot hold
// a server thread forever.
constexpr int kStallLimitMs = 60'000;

using text::trim;

std::optional<long long> number(std::string_view text, long long low, long long high) {
    if (text.empty() || text.size() > 12 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const long long value = std::stoll(std::string(text));
    if (value < low || value > high) {
        return std::nullopt;
    }
    return value;
}

// A JSON object of exactly `size` bytes ({"pad":"aaa…"}), or 'a's when too small.
char padded_byte(std::size_t offset, std::size_t size) {
    static constexpr std::string_view kHead = R"({"pad":")";
    if (size < kHead.size() + 2) {
        return 'a';
    }
    if (offset < kHead.size()) {
        return kHead[offset];
    }
    if (offset == size - 2) {
        return '"';
    }
    if (offset == size - 1) {
        return '}';
    }
    return 'a';
}

// One minute of a laptop on Wi-Fi in Zoom's shape, every main stream and the
// CPU, screen share idle ("" everywhere): what a day-long participant is made of.
constexpr std::string_view kSampleAfterDate =
    R"(","audio_input":{"bitrate":"28 kbps","latency":"66 ms","jitter":"6 ms",)"
    R"("avg_loss":"0.36%","max_loss":"14.5%"},"audio_output":{"bitrate":"30 kbps",)"
    R"("latency":"66 ms","jitter":"6 ms","avg_loss":"0.35%","max_loss":"14.5%"},)"
    R"("video_input":{"bitrate":"1.2 Mbps","latency":"130 ms","jitter":"4 ms",)"
    R"("avg_loss":"0.12%","max_loss":"0.98%","resolution":"1280*720","frame_rate":"12 fps"},)"
    R"("video_output":{"bitrate":"2.35 Mbps","latency":"131 ms","jitter":"5 ms",)"
    R"("avg_loss":"0.03%","max_loss":"0.5%","resolution":"1920*1080","frame_rate":"29 fps"},)"
    R"("as_input":{"bitrate":"","latency":"","jitter":"","avg_loss":"","max_loss":"",)"
    R"("resolution":"","frame_rate":""},"as_output":{"bitrate":"","latency":"","jitter":"",)"
    R"("avg_loss":"","max_loss":"","resolution":"","frame_rate":""},)"
    R"("cpu_usage":{"zoom_min_cpu_usage":"5%","zoom_avg_cpu_usage":"12%",)"
    R"("zoom_max_cpu_usage":"30%","system_max_cpu_usage":"45%"}})";

// A participant of `count` such samples from 2026-11-20T00:00:00Z on.
std::string participant_with_samples(std::size_t count) {
    std::string body =
        R"({"id":"big-participant","user_id":"16778240","user_name":"Zo\u00eb \u00c5kesson",)"
        R"json("device":"Mac","ip_address":"203.0.113.24","location":"Stockholm (SE)",)json"
        R"("network_type":"Wifi","join_time":"2026-11-20T00:00:00Z",)"
        R"("leave_time":"2026-11-20T00:00:00Z","user_qos":[)";
    body.reserve(body.size() + count * (kSampleAfterDate.size() + 40) + 2);
    constexpr std::chrono::sys_seconds kStart{std::chrono::seconds(1'795'132'800)};
    for (std::size_t i = 0; i < count; ++i) {
        body.append(i == 0 ? R"({"date_time":")" : R"(,{"date_time":")");
        body.append(text::format_iso_utc(kStart + std::chrono::minutes(static_cast<long>(i))));
        body.append(kSampleAfterDate);
    }
    body.append("]}");
    return body;
}

} // namespace

ParsedFault parse_fault(std::string_view spec) {
    Fault fault;
    ParsedFault parsed;
    auto fail = [&parsed](std::string why) {
        parsed.error = std::move(why);
        return parsed;
    };
    std::size_t start = 0;
    while (start <= spec.size()) {
        std::size_t end = spec.find(';', start);
        if (end == std::string_view::npos) {
            end = spec.size();
        }
        const std::string_view item = trim(spec.substr(start, end - start));
        start = end + 1;
        if (item.empty()) {
            continue;
        }
        const std::size_t equals = item.find('=');
        const std::string_view key = trim(item.substr(0, equals));
        const std::string_view value =
            equals == std::string_view::npos ? std::string_view() : trim(item.substr(equals + 1));
        const std::string what = "fault item '" + std::string(item) + "'";
        if (key == "status") {
            const auto status = number(value, 100, 599);
            if (!status) {
                return fail(what + ": status must be 100 to 599");
            }
            fault.status = static_cast<int>(*status);
        } else if (key == "header") {
            const std::size_t colon = value.find(':');
            if (colon == std::string_view::npos || colon == 0) {
                return fail(what + ": expected header=Name: value");
            }
            fault.headers.emplace_back(std::string(trim(value.substr(0, colon))),
                                       std::string(trim(value.substr(colon + 1))));
        } else if (key == "body") {
            fault.body = std::string(value);
        } else if (key == "size") {
            const auto size = number(value, 0, 1LL << 34);
            if (!size) {
                return fail(what + ": size must be a byte count");
            }
            fault.size = static_cast<std::size_t>(*size);
        } else if (key == "samples") {
            const auto samples = number(value, 0, 1'000'000);
            if (!samples) {
                return fail(what + ": samples is a count up to 1000000");
            }
            fault.samples = static_cast<std::size_t>(*samples);
        } else if (key == "chunked") {
            fault.chunked = true;
        } else if (key == "invalid-json") {
            fault.body = R"({"id": "truncated", "user_qos": [)";
        } else if (key == "html") {
            fault.body = kHtmlPage;
            fault.content_type = "text/html; charset=utf-8";
        } else if (key == "array") {
            fault.body = R"([{"id": "a", "user_name": "not an object"}])";
        } else if (key == "redirect") {
            if (value.empty()) {
                return fail(what + ": redirect needs a URL");
            }
            fault.status = fault.status == 0 ? 302 : fault.status;
            fault.headers.emplace_back("Location", std::string(value));
            fault.body = fault.body.value_or(R"({"code": 302, "message": "Moved."})");
        } else if (key == "delay") {
            const auto ms = number(value, 0, 600'000);
            if (!ms) {
                return fail(what + ": delay is in milliseconds");
            }
            fault.delay_ms = static_cast<int>(*ms);
        } else if (key == "stall") {
            fault.stall = true;
        } else if (key == "trickle") {
            const auto ms = number(value, 1, 60'000);
            if (!ms) {
                return fail(what + ": trickle is milliseconds per byte");
            }
            fault.trickle_ms = static_cast<int>(*ms);
        } else if (key == "cut") {
            fault.cut = true;
        } else if (key == "count") {
            if (value == "forever") {
                fault.count = -1;
            } else if (const auto count = number(value, 1, 1'000'000)) {
                fault.count = static_cast<int>(*count);
            } else {
                return fail(what + ": count is a positive number or 'forever'");
            }
        } else {
            return fail(what + ": unknown key '" + std::string(key) + "'");
        }
    }
    if (fault.samples) {
        fault.body = participant_with_samples(*fault.samples);
    }
    if ((fault.body || fault.size) && fault.status == 0) {
        fault.status = 200;
    }
    parsed.fault = std::move(fault);
    return parsed;
}

void FaultQueue::add(Fault fault) {
    const std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

void FaultQueue::clear() {
    const std::lock_guard lock(mutex_);
    faults_.clear();
}

std::size_t FaultQueue::pending() const {
    const std::lock_guard lock(mutex_);
    return faults_.size();
}

std::optional<Fault> FaultQueue::take() {
    const std::lock_guard lock(mutex_);
    if (faults_.empty()) {
        return std::nullopt;
    }
    Fault fault = faults_.front();
    if (faults_.front().count > 0 && --faults_.front().count == 0) {
        faults_.pop_front();
    }
    return fault;
}

bool replaces_answer(const Fault& fault) {
    return fault.status != 0;
}

void apply_answer(const Fault& fault, httplib::Response& res) {
    res.status = fault.status;
    for (const auto& [name, value] : fault.headers) {
        res.set_header(name, value);
    }
    if (fault.size) {
        // Generated while sent: the mock's memory stays flat however large.
        const std::size_t size = *fault.size;
        auto produce = [size](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            std::string chunk(std::min<std::size_t>(length, std::size_t{64} * 1024), 'a');
            for (std::size_t i = 0; i < chunk.size(); ++i) {
                chunk[i] = padded_byte(offset + i, size);
            }
            return sink.write(chunk.data(), chunk.size());
        };
        if (fault.chunked) {
            res.set_chunked_content_provider(
                fault.content_type, [size, produce](std::size_t offset, httplib::DataSink& sink) {
                    if (offset >= size) {
                        sink.done();
                        return true;
                    }
                    return produce(offset, size - offset, sink);
                });
        } else {
            res.set_content_provider(size, fault.content_type, produce);
        }
        return;
    }
    if (fault.chunked && fault.body) {
        auto body = std::make_shared<std::string>(*fault.body);
        res.set_chunked_content_provider(
            fault.content_type, [body](std::size_t offset, httplib::DataSink& sink) {
                if (offset >= body->size()) {
                    sink.done();
                    return true;
                }
                const std::size_t length =
                    std::min<std::size_t>(body->size() - offset, std::size_t{64} * 1024);
                return sink.write(body->data() + offset, length);
            });
        return;
    }
    res.set_content(fault.body.value_or(""), fault.content_type);
}

void pause(int ms, const std::atomic<bool>& stopping) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stopping && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void apply_delivery(const Fault& fault, httplib::Response& res, const std::atomic<bool>& stopping) {
    if (!fault.stall && fault.trickle_ms == 0 && !fault.cut) {
        return;
    }
    if (fault.size) {
        return; // already a provider; size combines with nothing else
    }
    auto body = std::make_shared<std::string>(std::move(res.body));
    res.body.clear();
    std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    const Fault copy = fault;
    // The whole length is announced first, so that what follows is a
    // short body as far as the client can tell.
    res.set_content_provider(
        body->size(), type,
        [body, copy, &stopping](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            if (copy.stall) {
                pause(kStallLimitMs, stopping);
                return false;
            }
            if (copy.cut) {
                const std::size_t half = body->size() / 2;
                if (offset < half) {
                    return sink.write(body->data() + offset, std::min(length, half - offset));
                }
                return false; // drops the connection mid-body
            }
            pause(copy.trickle_ms, stopping);
            if (stopping) {
                return false;
            }
            return sink.write(body->data() + offset, 1);
        });
}

} // namespace zoomqos::mock
