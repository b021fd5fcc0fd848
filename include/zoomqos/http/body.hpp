#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zoomqos::http {

// A response body in memory that grows without copying. Its bytes live in an
// anonymous mapping that mremap() extends, so growing moves page tables, not
// bytes: a body of N bytes costs N bytes of memory while it arrives, never the
// old and the new buffer at once, whether the server announced its length or
// sent it chunked. Reserved pages cost nothing until written.
class Body {
public:
    Body() noexcept = default;
    explicit Body(std::string_view text);
    Body(const Body& other);
    Body& operator=(const Body& other);
    Body(Body&& other) noexcept;
    Body& operator=(Body&& other) noexcept;
    Body& operator=(std::string_view text);
    ~Body();

    const char* data() const noexcept { return data_ != nullptr ? data_ : ""; }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    std::string_view view() const noexcept { return {data(), size_}; }
    // Implicit, so that every parser of text takes a body as it is.
    operator std::string_view() const noexcept { return view(); }
    std::string str() const { return std::string(view()); }

    // Room for `bytes` in all; false (and the body unchanged) when the system
    // has no memory for it. Never throws: libcurl's write callback calls it.
    bool try_reserve(std::size_t bytes) noexcept;
    // Appends, growing by doubling; false (and the body unchanged) when out of
    // memory.
    bool try_append(const char* bytes, std::size_t count) noexcept;
    void clear() noexcept { size_ = 0; }

    friend bool operator==(const Body& body, std::string_view text) noexcept {
        return body.view() == text;
    }

private:
    void release() noexcept;
    void assign(std::string_view text);

    char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0; // of the mapping, a whole number of pages
};

} // namespace zoomqos::http
