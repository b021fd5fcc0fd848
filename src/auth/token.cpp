#include "zoomqos/auth/token.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include "zoomqos/process/secret.hpp"
#include "zoomqos/text/text.hpp"

#include "fd.hpp"

namespace zoomqos::auth {

namespace {

constexpr std::size_t kMaxTokenFileBytes = std::size_t{64} * 1024;

using text::trim;

// A token goes into an HTTP header: a control character would let its text
// become another header.
bool has_control_characters(std::string_view token) {
    for (const char ch : token) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {
            return true;
        }
    }
    return false;
}

Error auth_error(std::string message, std::string hint = {}) {
    Error error = make_error(ErrorKind::Auth, std::move(message));
    error.hint = std::move(hint);
    return error;
}

} // namespace

Result<std::string> read_token_file(const std::string& path) {
    auto token = read_secret_file(path, "token file");
    if (!token) {
        return std::move(token).error();
    }
    return std::string(token->view());
}

Result<process::Secret> read_secret_file(const std::string& path, std::string_view what) {
    const std::string where = std::string(what) + " '" + path + "'";
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        return auth_error("cannot open " + where + ": " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        return auth_error("cannot read " + where + ": " + std::strerror(errno));
    }
    if (S_ISDIR(info.st_mode)) {
        return auth_error(where + " is a directory");
    }
    // Read straight into one wiped buffer: no stack chunk or growing string
    // leaves a copy of the secret behind.
    process::Secret content = process::Secret::of_size(kMaxTokenFileBytes);
    std::size_t size = 0;
    while (size < content.size()) {
        const ssize_t got = ::read(fd.get(), content.data() + size, content.size() - size);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return auth_error("cannot read " + where + ": " + std::strerror(errno));
        }
        if (got == 0) {
            break;
        }
        const std::string_view chunk(content.data() + size, static_cast<std::size_t>(got));
        size += static_cast<std::size_t>(got);
        if (chunk.find('\n') != std::string_view::npos) {
            break; // only the first line matters
        }
    }
    const std::string_view read = content.view().substr(0, size);
    const std::string_view value = trim(read.substr(0, read.find('\n')));
    if (value.empty()) {
        return auth_error(where + " is empty",
                          "put the " +
                              std::string(what == "token file" ? "access token" : "secret") +
                              " on its first line");
    }
    if (has_control_characters(value)) {
        return auth_error(where + " holds control characters on its first line");
    }
    return process::Secret(value);
}

Result<Token> resolve_static_token(const std::optional<std::string>& token_file,
                                   const char* env_token) {
    if (token_file) {
        auto token = read_token_file(*token_file);
        if (!token) {
            return std::move(token).error();
        }
        return Token{std::move(token).value(), "--token-file " + *token_file};
    }
    const std::string_view env = env_token != nullptr ? trim(env_token) : std::string_view{};
    if (!env.empty()) {
        if (has_control_characters(env)) {
            return auth_error("ZOOM_ACCESS_TOKEN holds control characters");
        }
        return Token{std::string(env), "env ZOOM_ACCESS_TOKEN"};
    }
    return auth_error("no access token: set ZOOM_ACCESS_TOKEN, or pass --token-file PATH",
                      "create a token with a Server-to-Server OAuth app that has the "
                      "dashboard_webinars:read:admin scope");
}

} // namespace zoomqos::auth
