#!/usr/bin/env bash
# packaging/zoomqos-exporter.service passes `systemd-analyze verify` with
# nothing to say: every key known and every value valid, the units it orders
# itself after exist, its Documentation= man page (docs/zoomqos.1) is found,
# and its ExecStart runs an executable: the unit's own /usr/bin/zoomqos is
# rewritten, in a copy, to the zoomqos under test. verify only warns about an
# unknown key or a bad value (exit 0), so any output fails the test; two
# broken copies prove here that it would. Skips (77) where systemd-analyze
# cannot run, saying why.
set -euo pipefail
zoomqos=${ZOOMQOS:?path of the zoomqos binary}
root=$(cd "$(dirname "$0")/../.." && pwd)
unit=$root/packaging/zoomqos-exporter.service
name=$(basename "$unit")
checks=0

skip() {
    echo "SKIP: $*" >&2
    exit 77
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

command -v systemd-analyze >/dev/null ||
    skip "systemd-analyze is not installed (scripts/install-deps.sh installs systemd)"
command -v man >/dev/null ||
    skip "man is not installed; verify checks Documentation=man:zoomqos(1) with it (scripts/install-deps.sh installs man-db)"
[[ "$zoomqos" == /* && -x "$zoomqos" ]] || fail "ZOOMQOS must be an absolute path to an executable: $zoomqos"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zoomqos-systemd-unit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The man page where man finds it, as `man zoomqos` on an installed system.
mkdir -p "$tmp/man/man1"
cp "$root/docs/zoomqos.1" "$tmp/man/man1/zoomqos.1"

# verify DIR: runs systemd-analyze verify on DIR/$name; its output goes to
# $tmp/out and its exit status to VERIFIED.
verify() {
    VERIFIED=0
    (cd "$tmp/$1" && MANPATH="$tmp/man" SYSTEMD_COLORS=0 systemd-analyze verify "./$name") \
        >"$tmp/out" 2>&1 || VERIFIED=$?
}
output() { tr '\n' ' ' <"$tmp/out" | cut -c 1-500; }

# Whether verify works here at all: a trivial unit passes silently.
mkdir -p "$tmp/probe"
printf '[Unit]\nDescription=probe\n\n[Service]\nExecStart=/bin/true\n' >"$tmp/probe/$name"
verify probe
[[ $VERIFIED -eq 0 && ! -s "$tmp/out" ]] ||
    skip "systemd-analyze verify does not pass even a trivial unit here (exit $VERIFIED): $(output)"

# The unit with ExecStart pointing at the zoomqos under test.
[[ $(grep -c '^ExecStart=/usr/bin/zoomqos ' "$unit") -eq 1 ]] ||
    fail "$name: no single 'ExecStart=/usr/bin/zoomqos ...' line to point at the zoomqos under test"
mkdir -p "$tmp/unit"
sed "s|^ExecStart=/usr/bin/zoomqos |ExecStart=$zoomqos |" "$unit" >"$tmp/unit/$name"
verify unit
[[ $VERIFIED -eq 0 ]] || fail "systemd-analyze verify $name exits $VERIFIED: $(output)"
checks=$((checks + 1))
[[ ! -s "$tmp/out" ]] || fail "systemd-analyze verify $name has warnings: $(output)"
checks=$((checks + 1))

# The same check fails on a misspelt key and on a missing binary.
mkdir -p "$tmp/misspelt" "$tmp/missing"
sed 's/^ProtectSystem=/ProtectSystm=/' "$tmp/unit/$name" >"$tmp/misspelt/$name"
verify misspelt
grep -q "Unknown key 'ProtectSystm'" "$tmp/out" || fail "a misspelt key went unnoticed: $(output)"
checks=$((checks + 1))
sed "s|^ExecStart=$zoomqos |ExecStart=$tmp/no-such-zoomqos |" "$tmp/unit/$name" >"$tmp/missing/$name"
verify missing
[[ $VERIFIED -ne 0 ]] || fail "a missing ExecStart binary went unnoticed: $(output)"
checks=$((checks + 1))

echo "ok: $checks checks"
