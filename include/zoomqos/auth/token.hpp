#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/process/secret.hpp"

// Where the access token comes from. The token's value never leaves this
// module except into http::Request::bearer_token.
namespace zoomqos::auth {

struct Token {
    std::string value;
    std::string source; // for -v: "--token-file /path" or "env ZOOM_ACCESS_TOKEN"; never the value
};

// --token-file wins over ZOOM_ACCESS_TOKEN (an empty variable counts as
// unset). Errors are ErrorKind::Auth and name the file or the variable.
Result<Token> resolve_static_token(const std::optional<std::string>& token_file,
                                   const char* env_token);

// The first line of a token file, trimmed. Errors name the path: missing,
// unreadable, a directory, empty.
Result<std::string> read_token_file(const std::string& path);

// The same for any one-line secret, read into one wiped buffer; `what` names
// it in errors ("client secret file").
Result<process::Secret> read_secret_file(const std::string& path, std::string_view what);

} // namespace zoomqos::auth
