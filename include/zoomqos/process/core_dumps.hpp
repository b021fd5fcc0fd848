#pragma once

// A core file of zoomqos would hold the access token and, while a token is
// minted, the client secret: whoever can read the dump directory reads them.
namespace zoomqos::process {

// Makes the process non-dumpable (no core file, no ptrace attach by other
// users of the same UID that lack CAP_SYS_PTRACE) and sets RLIMIT_CORE to 0,
// soft and hard, so that children inherit the limit. Returns false when either
// step failed; the run goes on, the caller may warn.
bool disable_core_dumps() noexcept;

} // namespace zoomqos::process
