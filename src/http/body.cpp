#include "zoomqos/http/body.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace zoomqos::http {

namespace {

std::size_t page_size() noexcept {
    static const std::size_t size = [] {
        const long reported = ::sysconf(_SC_PAGESIZE);
        return reported > 0 ? static_cast<std::size_t>(reported) : std::size_t{4096};
    }();
    return size;
}

} // namespace

Body::Body(std::string_view text) {
    assign(text);
}

Body::Body(const Body& other) {
    assign(other.view());
}

Body& Body::operator=(const Body& other) {
    if (this != &other) {
        assign(other.view());
    }
    return *this;
}

Body::Body(Body&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

Body& Body::operator=(Body&& other) noexcept {
    if (this != &other) {
        release();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
}

Body& Body::operator=(std::string_view text) {
    assign(text);
    return *this;
}

Body::~Body() {
    release();
}

void Body::assign(std::string_view text) {
    size_ = 0;
    if (!try_append(text.data(), text.size())) {
        throw std::bad_alloc();
    }
}

void Body::release() noexcept {
    if (data_ != nullptr) {
        ::munmap(data_, capacity_);
    }
    data_ = nullptr;
    size_ = 0;
    capacity_ = 0;
}

bool Body::try_reserve(std::size_t bytes) noexcept {
    if (bytes <= capacity_) {
        return true;
    }
    const std::size_t page = page_size();
    if (bytes > SIZE_MAX - page) {
        return false;
    }
    const std::size_t wanted = (bytes + page - 1) / page * page;
    void* grown = data_ == nullptr ? ::mmap(nullptr, wanted, PROT_READ | PROT_WRITE,
                                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                                   : ::mremap(data_, capacity_, wanted, MREMAP_MAYMOVE);
    if (grown == MAP_FAILED) {
        return false;
    }
    data_ = static_cast<char*>(grown);
    capacity_ = wanted;
    return true;
}

bool Body::try_append(const char* bytes, std::size_t count) noexcept {
    if (count == 0) {
        return true;
    }
    if (count > SIZE_MAX - size_) {
        return false;
    }
    const std::size_t needed = size_ + count;
    const std::size_t doubled = capacity_ <= SIZE_MAX / 2 ? capacity_ * 2 : needed;
    if (needed > capacity_ && !try_reserve(std::max(needed, doubled)) && !try_reserve(needed)) {
        return false;
    }
    std::memcpy(data_ + size_, bytes, count);
    size_ = needed;
    return true;
}

} // namespace zoomqos::http
