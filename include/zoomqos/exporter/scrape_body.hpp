#pragma once

#include <string>
#include <string_view>

// A scrape's body is the last poll's series, which change once a poll, followed by the
// exporter's own metrics, which change at every scrape. Serializing and compressing the poll's
// part anew for every scrape cost more than 100 ms at 30,000 series; PollText does it once a
// poll, and a scrape adds only its small tail.
namespace zoomqos::exporter {

class PollText {
public:
    PollText() : PollText(std::string()) {}
    explicit PollText(std::string text);

    const std::string& text() const noexcept { return text_; }

    // The text followed by `tail`, as one gzip member (RFC 1952). The text was deflated ending
    // on a full flush, so the tail is deflated on its own after it, and the trailer's CRC-32
    // is combined from the two parts'.
    std::string gzip_with(std::string_view tail) const;

private:
    std::string text_;
    std::string deflated_; // raw deflate, ending on a full flush (byte-aligned, no final block)
    unsigned long crc_ = 0;
};

} // namespace zoomqos::exporter
