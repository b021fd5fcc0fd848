#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "zoomqos/auth/token.hpp"
#include "zoomqos/process/secret.hpp"

#include "command.hpp"

namespace zoomqos::cli {

namespace {

// The environment variable behind an option. CLI11's own envname() is not
// used: CLI11 applies the config file first and the environment only to
// what the file left unset, the opposite of our precedence.
const char* env_name(const std::string& option) {
    if (option == "api-url") {
        return "ZOOM_API_URL";
    }
    if (option == "oauth-url") {
        return "ZOOM_OAUTH_URL";
    }
    if (option == "account-id") {
        return "ZOOM_ACCOUNT_ID";
    }
    if (option == "client-id") {
        return "ZOOM_CLIENT_ID";
    }
    return nullptr;
}

// Options that make no sense in a file.
bool configurable(const std::string& name) {
    return name != "help" && name != "help-all" && name != "version" && name != "config";
}

struct ConfigFile {
    std::string path;
    std::string text; // with client-secret's value blanked out
    std::vector<CLI::ConfigItem> items;
    process::Secret secret; // client-secret's value, taken out before CLI11 reads the file

    ConfigFile() = default;
    ConfigFile(ConfigFile&&) noexcept = default;
    ConfigFile& operator=(ConfigFile&&) noexcept = default;
    ConfigFile(const ConfigFile&) = delete;
    ConfigFile& operator=(const ConfigFile&) = delete;
    ~ConfigFile() { process::wipe(text); }
};

Error usage(std::string message) {
    return make_error(ErrorKind::Usage, std::move(message));
}

std::string at_line(const ConfigFile& file, int line) {
    return file.path + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": ";
}

Result<std::optional<ConfigFile>> load_config(const ConnectionOptions& options, std::ostream& err) {
    ConfigFile file;
    const bool explicit_path = options.config_file.has_value();
    file.path = explicit_path ? *options.config_file
                              : config::default_config_path(std::getenv("XDG_CONFIG_HOME"),
                                                            std::getenv("HOME"));
    if (file.path.empty()) {
        return std::optional<ConfigFile>{};
    }
    struct stat info {};
    if (::stat(file.path.c_str(), &info) != 0) {
        if (!explicit_path && errno == ENOENT) {
            return std::optional<ConfigFile>{}; // no default file: defaults apply
        }
        return usage("config file '" + file.path + "': " + std::strerror(errno));
    }
    if (!S_ISREG(info.st_mode)) {
        return usage("config file '" + file.path + "' is not a regular file");
    }
    const std::string too_large =
        "config file '" + file.path + "' is larger than 1 MiB; it holds a few settings";
    if (static_cast<std::uintmax_t>(info.st_size) > config::kMaxConfigFileBytes) {
        return usage(too_large);
    }
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
        return usage("config file '" + file.path + "': cannot read it");
    }
    // Read at most one byte past the cap: the file may have grown since stat.
    file.text.resize(config::kMaxConfigFileBytes + 1);
    in.read(file.text.data(), static_cast<std::streamsize>(file.text.size()));
    if (in.bad()) {
        return usage("config file '" + file.path + "': cannot read it");
    }
    file.text.resize(static_cast<std::size_t>(in.gcount()));
    if (file.text.size() > config::kMaxConfigFileBytes) {
        return usage(too_large);
    }
    if (auto problem = config::check_config_syntax(file.text)) {
        return usage(at_line(file, problem->line) + "malformed config: " + problem->what);
    }
    if (const auto secret = config::find_value(file.text, "client-secret")) {
        // The one copy; CLI11 sees the key with stars for a value, so that
        // none of its strings ever holds the secret.
        file.secret =
            process::Secret(std::string_view(file.text).substr(secret->offset, secret->size));
        std::fill_n(file.text.begin() + static_cast<std::ptrdiff_t>(secret->offset), secret->size,
                    '*');
    }
    try {
        std::istringstream stream(file.text);
        file.items = CLI::ConfigTOML().from_config(stream);
    } catch (const CLI::Error& error) {
        return usage(at_line(file, 0) + "malformed config: " + error.what());
    }
    const bool has_secret = config::find_key_line(file.text, "client-secret") > 0;
    if (has_secret && (info.st_mode & (S_IRGRP | S_IROTH)) != 0) {
        // As ssh does for private keys: say so, but do not refuse.
        err << "zoomqos: warning: config file '" << file.path
            << "' holds client-secret and is readable by others; chmod 600 it\n";
    }
    return std::optional<ConfigFile>(std::move(file));
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        out += (out.empty() ? "" : " ") + value;
    }
    return out;
}

// Gives `option` a value the way CLI11 gives one from the command line, so
// that the same checks (ranges, allowed values) and conversions run.
Status apply(CLI::Option& option, const std::vector<std::string>& values,
             const std::string& where) {
    try {
        option.add_result(values);
        option.run_callback();
    } catch (const CLI::Error& error) {
        // CLI11 echoes the value it refused: cut a long one short.
        std::string message = error.what();
        for (const std::string& value : values) {
            const std::string shortened = config::shorten_value(value);
            if (shortened.size() >= value.size()) {
                continue;
            }
            for (auto at = message.find(value); at != std::string::npos;
                 at = message.find(value, at + shortened.size())) {
                message.replace(at, value.size(), shortened);
            }
        }
        // And should CLI11 echo it in another form, still no flood.
        constexpr std::size_t kMaxMessage = 400;
        if (message.size() > kMaxMessage) {
            message = message.substr(0, kMaxMessage) + "...";
        }
        return usage(where + message);
    }
    return Ok{};
}

} // namespace

void collect_config_keys(const CLI::App& app, std::set<std::string>& keys) {
    for (const CLI::Option* option : app.get_options()) {
        for (const std::string& name : option->get_lnames()) {
            if (configurable(name)) {
                keys.insert(name);
            }
        }
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
        collect_config_keys(*sub, keys);
    }
}

Status resolve_settings(const CLI::App& app, CLI::App& command, ConnectionOptions& options,
                        const std::function<void(std::set<std::string>&)>& collect_every_key,
                        std::ostream& err) {
    auto loaded = load_config(options, err);
    if (!loaded) {
        return std::move(loaded).error();
    }
    std::optional<ConfigFile>& file = loaded.value();

    std::set<std::string> known{"client-secret"};
    collect_config_keys(app, known);
    bool known_all = false;
    std::vector<const CLI::ConfigItem*> items;
    if (file) {
        for (const CLI::ConfigItem& item : file->items) {
            if (item.name == "++" || item.name == "--" || !item.parents.empty()) {
                const auto section = file->text.find('[');
                const int line = section == std::string::npos
                                     ? 0
                                     : static_cast<int>(std::count(
                                           file->text.begin(),
                                           file->text.begin() + static_cast<long>(section), '\n')) +
                                           1;
                return usage(at_line(*file, line) +
                             "sections are not supported: put 'key = value' lines at the top");
            }
            if (known.count(item.name) == 0 && !known_all) {
                // `app` may hold only the command run: a key for `list` in
                // the file must not make `get` fail.
                collect_every_key(known);
                known_all = true;
            }
            if (known.count(item.name) == 0) {
                return usage(at_line(*file, config::find_key_line(file->text, item.name)) +
                             "unknown key '" + config::shorten_value(item.name) + "'");
            }
            items.push_back(&item);
        }
    }
    auto config_item = [&items](const std::string& name) -> const CLI::ConfigItem* {
        // The last assignment wins, as on a command line.
        const auto last =
            std::find_if(items.rbegin(), items.rend(),
                         [&name](const CLI::ConfigItem* item) { return item->name == name; });
        if (last != items.rend()) {
            return *last;
        }
        return nullptr;
    };

    options.settings.clear();
    for (CLI::Option* option : command.get_options()) {
        const auto& names = option->get_lnames();
        if (names.empty() || !configurable(names.front())) {
            continue;
        }
        const std::string& name = names.front();
        const char* env = env_name(name);
        const char* env_value = env != nullptr ? std::getenv(env) : nullptr;
        const CLI::ConfigItem* item = config_item(name);
        config::Setting setting;
        setting.name = name;
        switch (config::pick_source(option->count() > 0, env_value, item != nullptr)) {
        case config::SourceKind::Flag:
            setting.source = {config::SourceKind::Flag, {}};
            break;
        case config::SourceKind::Env:
            if (auto status = apply(*option, {env_value}, std::string(env) + ": "); !status) {
                return status;
            }
            setting.source = {config::SourceKind::Env, env};
            break;
        case config::SourceKind::Config:
            if (auto status = apply(*option, item->inputs,
                                    at_line(*file, config::find_key_line(file->text, name)));
                !status) {
                return status;
            }
            setting.source = {config::SourceKind::Config, file->path};
            break;
        case config::SourceKind::Default:
            break;
        }
        setting.value = option->count() > 0 ? joined(option->results()) : option->get_default_str();
        if (setting.value.empty() && option->get_expected_min() == 0) {
            setting.value = "false";
        }
        options.settings.push_back(std::move(setting));
    }

    // The secret: --client-secret-file > ZOOM_CLIENT_SECRET > client-secret.
    // Each source yields the one buffer that holds it for the run.
    config::Setting secret;
    secret.name = "client-secret";
    secret.secret = true;
    char* const env_secret = std::getenv("ZOOM_CLIENT_SECRET");
    switch (config::pick_source(options.client_secret_file.has_value(), env_secret,
                                config_item("client-secret") != nullptr)) {
    case config::SourceKind::Flag: {
        auto read = auth::read_secret_file(*options.client_secret_file, "client secret file");
        if (!read) {
            return std::move(read).error();
        }
        options.client_secret = std::move(read).value();
        secret.source = {config::SourceKind::Flag, {}};
        break;
    }
    case config::SourceKind::Env: {
        options.client_secret = process::Secret(env_secret);
        // The environment block is this process's memory too: wiped and
        // removed, so that only the one buffer holds the secret.
        process::wipe(env_secret, std::strlen(env_secret));
        ::unsetenv("ZOOM_CLIENT_SECRET");
        secret.source = {config::SourceKind::Env, "ZOOM_CLIENT_SECRET"};
        break;
    }
    case config::SourceKind::Config:
        options.client_secret = std::move(file->secret);
        secret.source = {config::SourceKind::Config, file->path};
        break;
    case config::SourceKind::Default:
        break;
    }
    if (!options.client_secret.empty()) {
        secret.value = "***";
    }
    options.settings.push_back(std::move(secret));

    const config::Setting* api_url = config::find_setting(options.settings, "api-url");
    options.api_url_given =
        api_url != nullptr && api_url->source.kind != config::SourceKind::Default;
    return Ok{};
}

} // namespace zoomqos::cli
