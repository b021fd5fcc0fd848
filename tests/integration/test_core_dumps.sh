#!/usr/bin/env bash
# A core file would carry the access token and, while minting, the client
# secret: zoomqos sets its own core size limit to 0 (and makes itself
# non-dumpable) before it reads any credential, even when the shell allows
# cores.
source "$(dirname "$0")/lib.sh"

# Every answer takes 3 s, so the run is still waiting when it is inspected.
start_mock --quiet --latency-ms 3000
W=81234567890
P=16778240

LAST_CMD="zoomqos get $W $P --type past (core limit inspected while it runs)"
(
    ulimit -c unlimited
    exec "$ZOOMQOS" get "$W" "$P" --type past -o json >"$OUT" 2>"$ERR" </dev/null
) &
pid=$!
limits=""
for _ in $(seq 200); do
    limits=$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$pid/limits" 2>/dev/null) || true
    [[ "$limits" == "0 0" ]] && break
    sleep 0.02
done
LAST_EXIT=0
wait "$pid" || LAST_EXIT=$?
check "core size limit is 0, soft and hard (got '$limits')" test "$limits" == "0 0"
expect_exit 0
check "the run itself is unaffected" jq -e '.user_id == "16778240"' "$OUT"

# The shell allows cores here: the limit above is zoomqos's own doing.
check "the test shell allows core files" test "$(ulimit -c unlimited && ulimit -c)" == unlimited
finish
