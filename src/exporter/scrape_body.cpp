#include "zoomqos/exporter/scrape_body.hpp"

#include <new>
#include <stdexcept>
#include <utility>
#include <zlib.h>

#include <climits>

namespace zoomqos::exporter {

namespace {

constexpr int kRawDeflate = -MAX_WBITS; // no zlib or gzip framing: PollText writes the gzip one

// Deflates `input` onto `out`, ending with `flush`: Z_FULL_FLUSH leaves the stream byte-aligned
// with no history needed by what follows; Z_FINISH ends it with the final block.
void deflate_onto(std::string& out, std::string_view input, int flush) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kRawDeflate, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::bad_alloc();
    }
    // The exposition is far below 4 GiB; uInt is what zlib counts in.
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&stream, static_cast<uLong>(input.size())) + 16);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    stream.avail_out = static_cast<uInt>(out.size() - start);
    const int status = deflate(&stream, flush);
    const std::size_t written = out.size() - start - stream.avail_out;
    deflateEnd(&stream);
    // A flush is whole only if deflate had room to spare; the buffer is sized so that it has.
    const bool whole =
        flush == Z_FINISH ? status == Z_STREAM_END : status == Z_OK && stream.avail_out != 0;
    if (!whole || stream.avail_in != 0) {
        throw std::runtime_error("deflate failed");
    }
    out.resize(start + written);
}

unsigned long crc_of(std::string_view text) {
    return crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(text.data()),
                 static_cast<uInt>(text.size()));
}

void put_le32(std::string& out, unsigned long value) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
    }
}

} // namespace

PollText::PollText(std::string text) : text_(std::move(text)), crc_(crc_of(text_)) {
    if (text_.size() > UINT_MAX / 2) {
        throw std::length_error("a poll's exposition over 2 GiB");
    }
    deflate_onto(deflated_, text_, Z_FULL_FLUSH);
}

std::string PollText::gzip_with(std::string_view tail) const {
    // ID1 ID2, deflate, no flags, no time, no extra flags, OS unknown.
    static constexpr char kHeader[] = {'\x1f', '\x8b', '\x08', 0, 0, 0, 0, 0, 0, '\xff'};
    std::string out(kHeader, sizeof kHeader);
    out.reserve(sizeof kHeader + deflated_.size() + tail.size() / 2 + 64);
    out += deflated_;
    deflate_onto(out, tail, Z_FINISH);
    put_le32(out, crc32_combine(static_cast<uLong>(crc_), crc_of(tail),
                                static_cast<z_off_t>(tail.size())));
    put_le32(out, static_cast<unsigned long>(text_.size() + tail.size()) & 0xFFFFFFFFUL);
    return out;
}

} // namespace zoomqos::exporter
