#!/usr/bin/env bash
# Tests deploy/container/rasoat-healthcheck, the image's health check, without a server: a
# stand-in curl on PATH answers with the metrics page each case gives (or fails, per scheme).
# ready passes only on rasoat_serving 1; live on any answer; HTTPS first, then HTTP.
# No network.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
check=$root/deploy/container/rasoat-healthcheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
cases=0

# The stand-in: `curl ... URL` prints $work/metrics when URL's scheme is in $ANSWER_SCHEMES.
mkdir -p "$work/bin"
cat > "$work/bin/curl" <<'EOF'
#!/bin/sh
for url; do :; done
case " $ANSWER_SCHEMES " in
  *" ${url%%://*} "*) cat "$METRICS" ;;
  *) exit 7 ;;
esac
EOF
chmod +x "$work/bin/curl"

# expect EXIT MODE SCHEMES METRICS-TEXT WHAT [SAYS]: exits EXIT, and says SAYS if given.
expect() {
  cases=$((cases + 1))
  printf '%b' "$4" > "$work/metrics"
  PATH="$work/bin:$PATH" METRICS="$work/metrics" ANSWER_SCHEMES="$3" "$check" "$2" \
    > "$work/out" 2>&1
  local status=$?
  if [ $status -ne "$1" ]; then
    echo "FAIL: $5: rasoat-healthcheck $2 exited $status, want $1; it said: $(cat "$work/out")"
    failures=$((failures + 1))
  elif [ -n "${6:-}" ] && ! grep -qF -- "$6" "$work/out"; then
    echo "FAIL: $5: rasoat-healthcheck $2 did not say '$6'; it said: $(cat "$work/out")"
    failures=$((failures + 1))
  fi
}

serving='# HELP rasoat_serving 1 while gRPC health is SERVING\n# TYPE rasoat_serving gauge\nrasoat_serving 1\nrasoat_open_conflicts 3\n'
not_serving='# TYPE rasoat_serving gauge\nrasoat_serving 0\n'
expect 0 ready "https" "$serving" "HTTPS, serving"
expect 0 ready "http" "$serving" "plaintext only (behind a TLS proxy), serving"
expect 1 ready "https" "$not_serving" "HTTPS, NOT_SERVING" "NOT_SERVING"
expect 0 live "https" "$not_serving" "NOT_SERVING is still alive"
expect 1 ready "https" 'rasoat_open_conflicts 3\n' "metrics without rasoat_serving" \
  "no rasoat_serving"
expect 1 ready "" "$serving" "no answer" "no answer"
expect 1 live "" "$serving" "no answer, live"
expect 0 ready "https" 'rasoat_serving 1.0\n' "a float 1"
expect 2 sideways "https" "$serving" "an unknown mode"

if [ $failures -ne 0 ]; then
  echo "check_healthcheck: $failures of $cases cases failed"
  exit 1
fi
echo "check_healthcheck: all $cases cases as expected"
