#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

// Shell completion computed from the CLI11 definition itself, so that the
// completion scripts cannot drift from the commands: `zoomqos __complete
// WORD...` (hidden) gets the words typed after `zoomqos`, the last one being
// the word under the cursor, and prints one candidate per line as
// "word<TAB>description". A value of an option that takes a path prints the
// single line "__files__": the shell completes file names.
namespace zoomqos::cli {

inline constexpr const char* kCompleteCommand = "__complete";
inline constexpr const char* kFilesMarker = "__files__";

void print_completions(CLI::App& app, const std::vector<std::string>& words, std::ostream& out);

} // namespace zoomqos::cli
