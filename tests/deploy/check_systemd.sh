#!/usr/bin/env bash
# Checks deploy/rasoatd.service: check_systemd.sh [ROOT] (ROOT: the repository, by default the
# one holding this script).
#   - `systemd-analyze verify` has nothing to say about it: a wrong key or value is only a
#     warning there (exit 0), so any output fails the check. verify also wants ExecStart's
#     program to exist, so it runs on a copy whose ExecStart is /bin/true with the same
#     arguments;
#   - `systemd-analyze security --offline=true` scores it at most 2.5 (--threshold counts in
#     tenths: 25);
#   - the settings rasoatd depends on are there: its user, its state and backup directories, its
#     flag file, its open-file limit, and the network families it needs.
# Needs systemd-analyze (Debian 12's systemd 252 or later). No network, no root.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
unit=$root/deploy/rasoatd.service
failures=0
fail() { echo "FAIL: deploy/rasoatd.service: $*"; failures=$((failures + 1)); }

if ! command -v systemd-analyze >/dev/null; then
  echo "FAIL: systemd-analyze is not installed (Debian package systemd)"
  exit 1
fi
[ -f "$unit" ] || { echo "FAIL: $unit is missing"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The settings the service needs, each as a line of the unit.
require() {  # require REGEX WHY
  grep -Eq "^$1\$" "$unit" || fail "no line matching '$1' ($2)"
}
require 'ExecStart=/usr/local/bin/rasoatd --flagfile=/etc/rasoat/rasoatd\.flags' \
  "runs the installed rasoatd with the flag file"
require 'User=rasoat' "runs as the system user rasoat"
require 'StateDirectory=rasoat' "/var/lib/rasoat, made and owned by rasoat"
require 'ReadWritePaths=/var/backups/rasoat' "the backup directory is writable"
require 'LimitNOFILE=[0-9]+' "an open-file limit for the tablets' connections"
require 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' "TCP for clients, Unix sockets"
require 'ProtectSystem=strict' "everything else is read-only"
grep -Eq '^DynamicUser=(yes|true|1)' "$unit" && fail "DynamicUser= would give the data a new owner"

# verify, on a copy whose program exists.
mkdir -p "$work/verify"
sed 's|^ExecStart=/usr/local/bin/rasoatd |ExecStart=/bin/true |' "$unit" > "$work/verify/rasoatd.service"
output=$(cd "$work/verify" && systemd-analyze verify ./rasoatd.service 2>&1)
status=$?
if [ $status -ne 0 ] || [ -n "$output" ]; then
  fail "systemd-analyze verify (exit $status):"
  printf '%s\n' "$output" | sed 's/^/  /'
fi

# The exposure score, at most 2.5.
output=$(systemd-analyze security --offline=true --threshold=25 "$unit" 2>&1)
status=$?
score=$(printf '%s\n' "$output" | grep -o 'Overall exposure level for [^:]*: [0-9.]*' | awk '{print $NF}')
if [ $status -ne 0 ] || [ -z "$score" ]; then
  fail "systemd-analyze security scores ${score:-nothing} (exit $status), above 2.5:"
  printf '%s\n' "$output" | grep '✗' | sed 's/^/  /'
else
  echo "check_systemd: verify clean; exposure $score (at most 2.5)"
fi

if [ $failures -ne 0 ]; then
  echo "check_systemd: $failures failed"
  exit 1
fi
echo "check_systemd: OK"
