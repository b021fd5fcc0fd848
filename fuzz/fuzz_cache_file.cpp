// A token cache file is read back from disk, where another process (or a
// person) may have written anything. Whatever it holds, loading must not
// crash, and a token it hands out matches the key, expires more than the
// margin after `now`, and is usable as a bearer token.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "zoomqos/auth/cache.hpp"

namespace auth = zoomqos::auth;

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// One private directory for the whole run; the file is rewritten per input.
const std::string& cache_path() {
    static const std::string path = [] {
        std::string directory = "/tmp/zoomqos-fuzz-cache-XXXXXX";
        require(::mkdtemp(directory.data()) != nullptr);
        return directory + "/token.json";
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = cache_path();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    require(file != nullptr);
    require(std::fwrite(data, 1, size, file) == size);
    require(std::fclose(file) == 0);
    require(::chmod(path.c_str(), 0600) == 0);

    const auth::CacheKey key{"https://zoom.us", "acct", "client",
                             auth::credential_digest("acct", "client", "secret")};
    constexpr std::int64_t kNow = 1'795'780'800;
    const auth::CacheLookup found = auth::load_cached_token(path, key, kNow);
    if (found.token) {
        require(found.reason.empty());
        require(!found.token->access_token.empty());
        require(found.token->access_token.find_first_of(" \t\r\n") == std::string::npos);
        require(found.token->expires_at - auth::kCacheMarginSeconds > kNow);
        require(!auth::api_url_problem(found.token->api_url).has_value());
    } else {
        require(!found.reason.empty());
    }
    return 0;
}
