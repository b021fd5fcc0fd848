// zoomqos_map_bench PAGES [PASSES] [MODE]: mapping throughput,
// offline. PAGES holds Zoom list pages, one JSON document per line, as
// `zoomqos list -o raw` saves them. Each pass maps every page to typed NDJSON
// on stdout with the functions `zoomqos list -o ndjson` uses
// (model::parse_page, then render::ndjson per participant), so one pass's
// output equals that command's. MODE times one part of that instead:
//   --accept-only  nlohmann's parser alone checking each page (Json::accept,
//                  no value built, nothing written): the floor under any
//                  mapping built on it;
//   --map-only     parse_page alone: parsing and mapping, nothing written;
//   --write-only   render::ndjson alone, of pages mapped before the clock.
// The file is read once before the clock starts: the figure is the mapping,
// not the disk. On stderr: input bytes, passes, seconds, MB/s of input.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "zoomqos/model/mapper.hpp"
#include "zoomqos/render/render.hpp"
#include "zoomqos/term/terminal.hpp"

namespace {

constexpr std::string_view kWebinar = "85000000000";

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::cerr
            << "usage: zoomqos_map_bench PAGES [PASSES] [--accept-only|--map-only|--write-only]\n";
        return 2;
    }
    const std::string_view mode = argc == 4 ? argv[3] : "";
    if (!mode.empty() && mode != "--accept-only" && mode != "--map-only" &&
        mode != "--write-only") {
        std::cerr << "zoomqos_map_bench: unknown mode " << mode << '\n';
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "zoomqos_map_bench: cannot open " << argv[1] << '\n';
        return 2;
    }
    std::vector<std::string> pages;
    std::size_t bytes = 0;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            bytes += line.size() + 1;
            pages.push_back(std::move(line));
        }
    }
    char* end = nullptr;
    const long passes = argc >= 3 ? std::strtol(argv[2], &end, 10) : 1;
    if (passes < 1 || passes > 100'000 || (end != nullptr && *end != '\0')) {
        std::cerr << "zoomqos_map_bench: PASSES must be a number from 1 to 100000\n";
        return 2;
    }

    zoomqos::term::FdStreamBuf buffer(1);
    std::ostream out(&buffer);
    zoomqos::render::Subject subject;
    subject.event_id = kWebinar;
    auto write = [&](const zoomqos::model::Page& page) {
        for (const auto& participant : page.participants) {
            subject.participant_id = participant.id.value_or("");
            zoomqos::render::ndjson(out, subject, participant);
        }
    };
    std::vector<zoomqos::model::Page> mapped;
    if (mode == "--write-only") {
        for (const std::string& body : pages) {
            auto page = zoomqos::model::parse_page(body);
            if (!page) {
                std::cerr << "zoomqos_map_bench: " << page.error().message << '\n';
                return 1;
            }
            mapped.push_back(std::move(page).value());
        }
    }
    const auto start = std::chrono::steady_clock::now();
    for (long pass = 0; pass < passes; ++pass) {
        if (mode == "--write-only") {
            for (const auto& page : mapped) {
                write(page);
            }
            continue;
        }
        for (const std::string& body : pages) {
            if (mode == "--accept-only") {
                if (!zoomqos::model::Json::accept(body)) {
                    std::cerr << "zoomqos_map_bench: a page is not JSON\n";
                    return 1;
                }
                continue;
            }
            auto page = zoomqos::model::parse_page(body);
            if (!page) {
                std::cerr << "zoomqos_map_bench: " << page.error().message << '\n';
                return 1;
            }
            if (mode.empty()) {
                write(*page);
            }
        }
    }
    out.flush();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    const double megabytes = static_cast<double>(bytes) * static_cast<double>(passes) / 1e6;
    (void)std::fprintf(stderr, "input %zu bytes x %ld passes in %.3f s: %.1f MB/s\n", bytes, passes,
                       seconds.count(), megabytes / seconds.count());
    return 0;
}
