#include "complete.hpp"

#include <functional>
#include <string_view>

#include <CLI/CLI.hpp>

#include "zoomqos/text/text.hpp"

namespace zoomqos::cli {

namespace {

bool hidden(const CLI::Option& option) {
    return option.get_group().empty();
}

bool takes_value(const CLI::Option& option) {
    return option.get_items_expected_max() > 0;
}

// An option's value choices, as add_choice declared them with IsMember (its
// description reads "{a,b,c}"); empty when the value is free.
std::vector<std::string> choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.find(":{");
    if (open == std::string::npos || type.back() != '}') {
        return {};
    }
    std::vector<std::string> choices;
    std::string_view rest = std::string_view(type).substr(open + 2, type.size() - open - 3);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        choices.emplace_back(text::trim(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return choices;
}

bool takes_path(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    return type.starts_with("PATH") || type.starts_with("FILE") || type.starts_with("DIR");
}

// One line of the description: the completion line is one line.
std::string first_line(const std::string& description) {
    return description.substr(0, description.find('\n'));
}

void candidate(std::ostream& out, std::string_view word, std::string_view current,
               const std::string& description) {
    if (word.starts_with(current)) {
        out << word << '\t' << first_line(description) << '\n';
    }
}

CLI::App* subcommand_named(CLI::App& command, const std::string& name) {
    const auto found = command.get_subcommands(
        std::function<bool(CLI::App*)>([&name](CLI::App* sub) { return sub->get_name() == name; }));
    return found.empty() ? nullptr : found.front();
}

// The option a word names in `command`: "--type", "-o", "--type=past".
const CLI::Option* option_named(const CLI::App& command, std::string_view word) {
    const std::string name(word.substr(0, word.find('=')));
    return command.get_option_no_throw(name);
}

} // namespace

void print_completions(CLI::App& app, const std::vector<std::string>& words, std::ostream& out) {
    if (words.empty()) {
        return;
    }
    // Walk the words before the cursor: subcommands go one level down, an
    // option that takes a value swallows the next word.
    CLI::App* command = &app;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& word = words[i];
        if (word.starts_with("-")) {
            const CLI::Option* option = option_named(*command, word);
            if (option != nullptr && takes_value(*option) && word.find('=') == std::string::npos) {
                ++i;
            }
            continue;
        }
        if (CLI::App* sub = subcommand_named(*command, word); sub != nullptr) {
            command = sub;
        }
    }

    const std::string& current = words.back();
    if (words.size() >= 2 && words[words.size() - 2].starts_with("-") &&
        words[words.size() - 2].find('=') == std::string::npos) {
        const CLI::Option* option = option_named(*command, words[words.size() - 2]);
        if (option != nullptr && takes_value(*option)) {
            if (takes_path(*option)) {
                out << kFilesMarker << '\n';
                return;
            }
            for (const std::string& choice : choices_of(*option)) {
                candidate(out, choice, current, option->get_description());
            }
            return; // a free value: nothing to offer
        }
    }

    if (current.starts_with("-")) {
        for (const CLI::Option* option : command->get_options()) {
            if (hidden(*option) || !option->nonpositional()) {
                continue;
            }
            for (const std::string& name : option->get_lnames()) {
                candidate(out, "--" + name, current, option->get_description());
            }
            for (const std::string& name : option->get_snames()) {
                candidate(out, "-" + name, current, option->get_description());
            }
        }
        return;
    }
    const CLI::App& listed = *command;
    for (const CLI::App* sub : listed.get_subcommands(std::function<bool(const CLI::App*)>())) {
        if (!sub->get_group().empty()) {
            candidate(out, sub->get_name(), current, sub->get_description());
        }
    }
}

} // namespace zoomqos::cli
