#include "zoomqos/auth/cache.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <openssl/evp.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "zoomqos/process/secret.hpp"

#include "fd.hpp"

namespace zoomqos::auth {

namespace {

constexpr std::size_t kMaxCacheFileBytes = std::size_t{64} * 1024;

// FNV-1a, 64 bits: the name only has to be stable and distinct per key; the
// file's content repeats the key and is checked on load, so a collision can
// only cost a mint, never hand out another account's token.
std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

Error cache_error(const std::string& what) {
    return make_error(ErrorKind::Internal, what + ": " + std::strerror(errno));
}

bool write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t wrote = ::write(fd, data.data() + done, data.size() - done);
        if (wrote < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += static_cast<std::size_t>(wrote);
    }
    return true;
}

// mkdir -p with 0700 for what it creates.
bool make_directories(const std::string& path) {
    if (path.empty()) {
        return false;
    }
    for (std::size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
        const std::string prefix = path.substr(0, at);
        if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
            return false;
        }
    }
    return ::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST;
}

// No token we mint lives longer than this (parse_token_response).
constexpr std::int64_t kMaxTokenLifeSeconds = std::int64_t{366} * 86400;

// The file's expiry time, when it is one a minted token can have: an integer
// between the epoch and a token's longest life from now. Anything else (a
// float, a huge or negative number) would overflow or convert on the way to
// int64 and could pass the expiry check for centuries.
std::optional<std::int64_t> expiry_time(const nlohmann::json& value, std::int64_t now) {
    if (!value.is_number_integer()) {
        return std::nullopt;
    }
    if (value.is_number_unsigned()) {
        const auto unsigned_value = value.get<std::uint64_t>();
        if (unsigned_value > static_cast<std::uint64_t>(kMaxTokenLifeSeconds) +
                                 static_cast<std::uint64_t>(std::max<std::int64_t>(now, 0))) {
            return std::nullopt;
        }
    }
    const auto seconds = value.get<std::int64_t>();
    if (seconds <= 0 || now > std::numeric_limits<std::int64_t>::max() - kMaxTokenLifeSeconds ||
        seconds > now + kMaxTokenLifeSeconds) {
        return std::nullopt;
    }
    return seconds;
}

} // namespace

std::string cache_directory(const char* xdg_cache_home, const char* home) {
    if (xdg_cache_home != nullptr && xdg_cache_home[0] == '/') {
        return std::string(xdg_cache_home) + "/zoomqos";
    }
    if (home != nullptr && home[0] == '/') {
        return std::string(home) + "/.cache/zoomqos";
    }
    return {};
}

std::string cache_file_name(std::string_view oauth_url, std::string_view account_id,
                            std::string_view client_id) {
    // NUL separators: no two different keys concatenate to the same text.
    std::uint64_t hash = 14695981039346656037ULL;
    hash = fnv1a64(oauth_url, hash);
    hash = fnv1a64(std::string_view("\0", 1), hash);
    hash = fnv1a64(account_id, hash);
    hash = fnv1a64(std::string_view("\0", 1), hash);
    hash = fnv1a64(client_id, hash);
    constexpr std::string_view kHexDigits = "0123456789abcdef";
    std::string name = "token-";
    for (int shift = 60; shift >= 0; shift -= 4) {
        name += kHexDigits[(hash >> shift) & 0xFU];
    }
    return name + ".json";
}

std::string credential_digest(std::string_view account_id, std::string_view client_id,
                              std::string_view client_secret) {
    // A label and NUL separators: no two different triples hash the same
    // text, and the digest means nothing outside this cache.
    constexpr std::string_view kLabel = "zoomqos token cache v1";
    // Sized once, so that no reallocation leaves a copy of the secret behind.
    std::string text;
    text.reserve(kLabel.size() + 3 + account_id.size() + client_id.size() + client_secret.size());
    text += kLabel;
    for (const std::string_view part : {account_id, client_id, client_secret}) {
        text += '\0';
        text += part;
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    const bool hashed =
        EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) == 1;
    process::wipe(text); // it held the secret
    if (!hashed) {
        return {}; // never matches a stored digest: the cache is simply not used
    }
    constexpr std::string_view kHexDigits = "0123456789abcdef";
    std::string hex;
    hex.reserve(std::size_t{length} * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHexDigits[digest[i] >> 4U];
        hex += kHexDigits[digest[i] & 0xFU];
    }
    return hex;
}

CacheKey cache_key_for(const S2SCredentials& credentials) {
    return CacheKey{credentials.oauth_url, credentials.account_id, credentials.client_id,
                    credential_digest(credentials.account_id, credentials.client_id,
                                      credentials.client_secret)};
}

CacheLookup load_cached_token(const std::string& path, const CacheKey& key, std::int64_t now) {
    // The directory gets the file's checks: whoever controls it can swap the
    // file. Opened once and the file opened within it, so both checks hold
    // for what is read.
    const std::size_t slash = path.rfind('/');
    // No trailing '/': "link/" would make O_NOFOLLOW follow the link.
    const std::string directory = slash == std::string::npos ? "."
                                  : slash == 0               ? "/"
                                                             : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    Fd dir(::open(directory.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW));
    if (dir.get() < 0) {
        if (errno == ENOENT) {
            return {std::nullopt, "no cache file"};
        }
        return {std::nullopt, errno == ELOOP || errno == ENOTDIR
                                  ? "cache directory is a symlink or not a directory"
                                  : "cache directory unreadable"};
    }
    struct stat info {};
    if (::fstat(dir.get(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        return {std::nullopt, "cache directory is a symlink or not a directory"};
    }
    if (info.st_uid != ::geteuid()) {
        return {std::nullopt, "cache directory is owned by another user"};
    }
    if ((info.st_mode & 077) != 0) {
        return {std::nullopt, "cache directory is readable or writable by group or others"};
    }
    // O_NOFOLLOW: a symlink planted in the directory is not followed.
    Fd fd(::openat(dir.get(), name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (fd.get() < 0) {
        return {std::nullopt, errno == ENOENT ? "no cache file" : "cache file unreadable"};
    }
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
        return {std::nullopt, "cache file is not a regular file"};
    }
    if (info.st_uid != ::geteuid()) {
        return {std::nullopt, "cache file is owned by another user"};
    }
    if ((info.st_mode & 077) != 0) {
        return {std::nullopt, "cache file is readable or writable by group or others"};
    }
    std::string content;
    char chunk[4096];
    while (content.size() <= kMaxCacheFileBytes) {
        const ssize_t got = ::read(fd.get(), chunk, sizeof chunk);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return {std::nullopt, "cache file unreadable"};
        }
        if (got == 0) {
            break;
        }
        content.append(chunk, static_cast<std::size_t>(got));
    }
    if (content.size() > kMaxCacheFileBytes) {
        return {std::nullopt, "cache file is corrupt"};
    }
    try {
        const auto json = nlohmann::json::parse(content);
        MintedToken token;
        token.access_token = json.at("access_token").get<std::string>();
        const auto expires_at = expiry_time(json.at("expires_at"), now);
        if (!expires_at) {
            return {std::nullopt, "cache file is corrupt"};
        }
        token.expires_at = *expires_at;
        token.scope = json.at("scope").get<std::string>();
        token.api_url = json.at("api_url").get<std::string>();
        if (json.at("oauth_url").get<std::string>() != key.oauth_url ||
            json.at("account_id").get<std::string>() != key.account_id ||
            json.at("client_id").get<std::string>() != key.client_id) {
            return {std::nullopt, "cache file is for other credentials"};
        }
        // A file from before the digest, or for another secret: mint anew.
        if (key.credential_digest.empty() || !json.contains("credential_sha256") ||
            json.at("credential_sha256").get<std::string>() != key.credential_digest) {
            return {std::nullopt, "cache file is for another client secret"};
        }
        if (token.access_token.empty() ||
            token.access_token.find_first_of("\r\n\t ") != std::string::npos ||
            api_url_problem(token.api_url)) {
            return {std::nullopt, "cache file is corrupt"};
        }
        if (token.expires_at - kCacheMarginSeconds <= now) {
            return {std::nullopt, "cached token expires within a minute"};
        }
        return {std::move(token), {}};
    } catch (const nlohmann::json::exception&) {
        return {std::nullopt, "cache file is corrupt"};
    }
}

Status store_cached_token(const std::string& directory, const std::string& path,
                          const CacheKey& key, const MintedToken& token) {
    if (!make_directories(directory)) {
        return cache_error("cannot create " + directory);
    }
    struct stat info {};
    if (::lstat(directory.c_str(), &info) != 0) {
        return cache_error("cannot inspect " + directory);
    }
    if (!S_ISDIR(info.st_mode) || info.st_uid != ::geteuid()) {
        return make_error(ErrorKind::Internal,
                          directory + " is not a directory of this user; not caching the token");
    }
    // Our own directory: tighten it rather than leave tokens where others can list them.
    if ((info.st_mode & 077) != 0 && ::chmod(directory.c_str(), 0700) != 0) {
        return cache_error("cannot make " + directory + " private");
    }

    const nlohmann::json json{{"oauth_url", key.oauth_url},
                              {"account_id", key.account_id},
                              {"client_id", key.client_id},
                              {"credential_sha256", key.credential_digest},
                              {"access_token", token.access_token},
                              {"expires_at", token.expires_at},
                              {"scope", token.scope},
                              {"api_url", token.api_url}};
    std::string temp = directory + "/.token-XXXXXX";
    Fd fd(::mkstemp(temp.data())); // mkstemp creates 0600
    if (fd.get() < 0) {
        return cache_error("cannot create a file in " + directory);
    }
    const bool written = ::fchmod(fd.get(), 0600) == 0 && write_all(fd.get(), json.dump() + "\n") &&
                         ::fsync(fd.get()) == 0;
    const int saved_errno = errno;
    if (::close(fd.release()) != 0 || !written) {
        ::unlink(temp.c_str());
        errno = saved_errno;
        return cache_error("cannot write " + temp);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int rename_errno = errno;
        ::unlink(temp.c_str());
        errno = rename_errno;
        return cache_error("cannot replace " + path);
    }
    return Ok{};
}

void drop_cached_token(const std::string& path) {
    ::unlink(path.c_str());
}

} // namespace zoomqos::auth
