#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "zoomqos/errors.hpp"
#include "zoomqos/model/event.hpp"

// The sweep archive: one gzip-compressed NDJSON file per event instance in a
// directory (README, "Archive format"). Line 1 is the event (model::to_line),
// each further line one participant (model::to_json, compact). A file appears
// under its final name only once complete: written under a temporary name in
// the same directory, synced, renamed, and the directory synced.
namespace zoomqos::archive {

// "2026-11-30T14-00-00Z_81234567890_1a2b3c4d.ndjson.gz": the start time (UTC,
// ':' as '-'), the event ID and 8 hex digits of a hash of the instance UUID,
// so that names sort by start time and instances of one ID stay apart.
std::string file_name(const model::Event& event);

// FNV-1a (32 bits) of the UUID as 8 lowercase hex digits.
std::string uuid_hash(std::string_view uuid);

inline constexpr std::string_view kSuffix = ".ndjson.gz";

// Creates `dir` when missing (one level). Usage error when it is not a
// directory or cannot be made.
Status prepare_directory(const std::string& dir);

// Whether `name` is complete in `dir`.
bool exists(const std::string& dir, const std::string& name);

// Removes the temporary files of earlier runs that were killed (their process
// is gone); returns how many.
std::size_t remove_stale_temporaries(const std::string& dir);

// One file being written. Destroyed without commit(), its temporary file is
// removed and nothing appears under the final name.
class Writer {
public:
    static Result<std::unique_ptr<Writer>> open(const std::string& dir, const std::string& name);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    Writer(Writer&&) = delete;
    Writer& operator=(Writer&&) = delete;

    // `line` and a '\n'.
    Status write_line(std::string_view line);
    // Finishes the gzip stream, syncs, renames to the final name, syncs the directory.
    Status commit();

private:
    Writer(std::string dir, std::string name, std::string temp, int fd, void* gz);

    std::string dir_;
    std::string name_;
    std::string temp_;
    int fd_ = -1;
    void* gz_ = nullptr; // gzFile, kept out of this header
    bool committed_ = false;
};

} // namespace zoomqos::archive
