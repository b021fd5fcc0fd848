#include "zoomqos/process/secret.hpp"

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <string.h> // explicit_bzero
#include <utility>

namespace zoomqos::process {

void wipe(void* data, std::size_t size) noexcept {
    if (data != nullptr && size > 0) {
        explicit_bzero(data, size);
    }
}

void wipe(std::string& text) noexcept {
    // Bytes past size() may hold what a longer value left there.
    text.resize(text.capacity());
    wipe(text.data(), text.size());
    text.clear();
}

Secret::Secret(std::string_view value) : Secret(of_size(value.size())) {
    if (!value.empty()) {
        std::memcpy(data_, value.data(), value.size());
    }
}

Secret Secret::of_size(std::size_t size) {
    Secret secret;
    if (size > 0) {
        secret.data_ = new char[size + 1]();
        secret.size_ = size;
    }
    return secret;
}

Secret::Secret(Secret&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        release();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

Secret::~Secret() {
    release();
}

void Secret::release() noexcept {
    if (data_ != nullptr) {
        wipe(data_, size_);
        delete[] data_;
        data_ = nullptr;
        size_ = 0;
    }
}

void wiping_free(void* block) {
    if (block != nullptr) {
        wipe(block, malloc_usable_size(block));
        std::free(block);
    }
}

void* wiping_realloc(void* block, std::size_t size) {
    if (block == nullptr) {
        return std::malloc(size);
    }
    if (size == 0) {
        wiping_free(block);
        return nullptr;
    }
    const std::size_t usable = malloc_usable_size(block);
    if (size <= usable) {
        return block; // it fits where it is: nothing is left behind
    }
    // realloc() would free the old block unwiped when it moves it.
    void* moved = std::malloc(size);
    if (moved == nullptr) {
        return nullptr; // the old block stays valid, as realloc() leaves it
    }
    std::memcpy(moved, block, usable);
    wiping_free(block);
    return moved;
}

} // namespace zoomqos::process
