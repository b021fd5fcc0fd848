#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

#include "zoomqos/http/pacer.hpp"

// "37/400 participants, 9.8/s, ETA 37 s" on one self-rewriting stderr line,
// for runs long enough to wonder about. Shown only when the caller decided a
// person is watching (stderr a terminal, no --quiet); it never touches stdout.
namespace zoomqos::cli {

class Progress {
public:
    using Clock = std::chrono::steady_clock;

    // `total`: none when unknown (a list whose size comes with its first page).
    Progress(std::ostream& err, bool enabled, std::optional<std::size_t> total,
             const char* noun = "participants");
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    Progress(Progress&&) = delete;
    Progress& operator=(Progress&&) = delete;

    void set_total(std::size_t total) { total_ = total; }
    void advance(std::size_t count = 1) { done_ += count; }

    // Redraws the line, at most a few times a second and not during the
    // first second (a quick run shows nothing).
    void tick();

    // Draws `text` on the line at once (no quiet first second): what the run
    // is waiting for, such as a 429's pause. tick() leaves it until `until`.
    void note(const std::string& text, Clock::time_point until);

    // Follows `pacer`'s 429 pauses: "rate limited, waiting 3 s" on the line
    // while each lasts (until this Progress ends).
    void follow_pauses(http::Pacer& pacer);

    // "rate limited, waiting 3 s": a pause of `wait`, rounded up to seconds.
    static std::string pause_text(std::chrono::steady_clock::duration wait);

    // Erases the line, so that other output (an error, data on the same
    // terminal) starts on a clean one; the next tick() draws it again.
    void clear();

    // The text of the line, for tests.
    static std::string line(std::size_t done, std::optional<std::size_t> total, const char* noun,
                            double seconds);

private:
    std::ostream& err_;
    bool enabled_;
    std::optional<std::size_t> total_;
    const char* noun_;
    std::size_t done_ = 0;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_draw_{};
    Clock::time_point note_until_{};
    bool drawn_ = false;
    http::Pacer* followed_ = nullptr;
};

} // namespace zoomqos::cli
