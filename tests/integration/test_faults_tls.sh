#!/usr/bin/env bash
# Fault matrix, TLS: the mock serves HTTPS with a throw-away CA made here.
# Trusted through --cacert, CURL_CA_BUNDLE or SSL_CERT_FILE → 0; untrusted → 6
# naming the certificate problem. There is no way to turn verification off.
source "$(dirname "$0")/lib.sh"

W=81234567890
P=16778240
pki="$TEST_TMP/pki"
mkdir -p "$pki"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -keyout "$pki/ca.key" -out "$pki/ca.pem" -days 2 \
    -subj "/CN=zoomqos test CA" 2>/dev/null || fail "openssl could not make the CA"
openssl req "${ec[@]}" -keyout "$pki/server.key" -out "$pki/server.csr" \
    -subj "/CN=127.0.0.1" 2>/dev/null || fail "openssl could not make the server key"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$pki/ext"
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
    -CAcreateserial -out "$pki/server.pem" -days 2 -extfile "$pki/ext" 2>/dev/null ||
    fail "openssl could not sign the server certificate"

start_mock --quiet --cert "$pki/server.pem" --key "$pki/server.key"
check "the mock serves https" grep -q '^https://' <<<"$MOCK_URL"
# The curl(1) calls of lib.sh trust the test CA; zoomqos gets it per case.
export CURL_CA_BUNDLE="$pki/ca.pem"

# --- --cacert with the test CA
run_zoomqos_env -u CURL_CA_BUNDLE -- get "$W" "$P" --type past -o json --cacert "$pki/ca.pem"
expect_exit 0
expect_stdout_jq '.id != null'
expect_requests 1

# --- without it: exit 6, the certificate problem named, and not retried
mock_reset
run_zoomqos_env -u CURL_CA_BUNDLE -u SSL_CERT_FILE -- get "$W" "$P" --type past
expect_exit 6
expect_stderr_contains "TLS certificate problem"
expect_stderr_contains "certificate"
expect_requests 0
expect_elapsed_below 2

# --- the CA from the environment, as libcurl's own tool would take it
run_zoomqos get "$W" "$P" --type past -o json
expect_exit 0
run_zoomqos_env -u CURL_CA_BUNDLE SSL_CERT_FILE="$pki/ca.pem" -- get "$W" "$P" --type past -o json
expect_exit 0

# --- --cacert beats the environment; a missing file is a usage error
run_zoomqos get "$W" "$P" --type past --cacert /etc/ssl/certs/ca-certificates.crt
expect_exit 6
expect_stderr_contains "TLS certificate problem"
run_zoomqos get "$W" "$P" --type past --cacert "$pki/missing.pem"
expect_exit 2

# --- no option turns verification off
run_zoomqos get "$W" "$P" --type past --insecure
expect_exit 2
run_zoomqos get "$W" "$P" -k
expect_exit 2

finish
