#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// The client secret is read once into one buffer that every user of it
// borrows, and that buffer is wiped when the run ends: no stray copy of it is
// left in freed memory for a debugger, /proc/PID/mem or swap to find. What
// libcurl copies (the Authorization header) is wiped as libcurl frees it.
namespace zoomqos::process {

// Zeroes `size` bytes at `data` in a way the compiler may not drop as a dead
// store before a free.
void wipe(void* data, std::size_t size) noexcept;

// Zeroes the whole of a string's buffer (its capacity, not only its size)
// and empties it.
void wipe(std::string& text) noexcept;

// A NUL-terminated byte string that is never copied (move-only) and is wiped
// when it is destroyed or replaced.
class Secret {
public:
    Secret() noexcept = default;
    explicit Secret(std::string_view value);
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret();

    // `size` zero bytes (and the NUL), to be written through data().
    static Secret of_size(std::size_t size);

    std::string_view view() const noexcept { return {c_str(), size_}; }
    const char* c_str() const noexcept { return data_ != nullptr ? data_ : ""; }
    char* data() noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

private:
    void release() noexcept;

    char* data_ = nullptr;
    std::size_t size_ = 0;
};

// free() and realloc() as handed to libcurl (curl_global_init_mem, with
// malloc, strdup and calloc as they are): a block is wiped before it is freed
// or moved by a reallocation.
void wiping_free(void* block);
void* wiping_realloc(void* block, std::size_t size);

} // namespace zoomqos::process
