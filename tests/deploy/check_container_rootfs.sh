#!/usr/bin/env bash
# The container image's runtime stage, built and started without a container engine:
# check_container_rootfs.sh ROOT BUILD_DIR (the repository and a release build of it).
#   - mmdebstrap makes a Debian 12 root file system from the machine's own apt sources (the
#     package registry) with exactly the packages deploy/container/Containerfile's runtime stage
#     installs, read from the Containerfile itself;
#   - into it go what the Containerfile copies (cmake --install of BUILD_DIR, the image's flag
#     file, rasoat-healthcheck) and its user, uid and gid 10001, with the same directories;
#   - no program lacks a library (ldd), and rasoatd --version runs;
#   - rasoatd starts in it as uid 10001 from the image's flag file (a self-signed certificate at
#     /etc/rasoat/tls; only the ports moved to loopback), and once it says it serves,
#     rasoat-healthcheck says ready; once it is stopped, the health check fails.
# What a container engine adds (namespaces, the image format, HEALTHCHECK's schedule) is not
# checked here: deploy/container/build.sh builds the real image where podman is installed.
# Needs root (chroot), mmdebstrap and openssl; downloads about 60 MB of packages.
set -uo pipefail
root=${1:?usage: check_container_rootfs.sh ROOT BUILD_DIR}
build=${2:?usage: check_container_rootfs.sh ROOT BUILD_DIR}
containerfile=$root/deploy/container/Containerfile
fail() { echo "FAIL: container rootfs: $*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root for chroot (CI runs as root)"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is not installed (deploy/install-deps.sh)"
command -v openssl >/dev/null || fail "openssl is not installed"

work=$(mktemp -d)
rasoatd_pid=
cleanup() {
  [ -n "$rasoatd_pid" ] && kill "$rasoatd_pid" 2>/dev/null && wait "$rasoatd_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
rootfs=$work/rootfs

# The runtime stage's packages: the indented words ending in '\' after its apt-get install.
packages=$(awk '/^FROM / { stage++ } stage == 2 && /apt-get install/ { on = 1; next }
                on && /^ *&& rm/ { exit } on && NF == 2 && $2 == "\\" { print $1 }' \
             "$containerfile" | paste -sd, -)
[ -n "$packages" ] || fail "no packages found in the runtime stage of $containerfile"
echo "packages: $packages"
mmdebstrap --quiet --variant=apt --include="$packages" bookworm "$rootfs" >"$work/mmdebstrap.log" 2>&1 ||
  { cat "$work/mmdebstrap.log"; fail "mmdebstrap could not make the root file system"; }

# As the Containerfile does: its user, its directories, what it copies.
in_root() { chroot "$rootfs" "$@"; }
in_root groupadd --system --gid 10001 rasoat &&
  in_root useradd --system --uid 10001 --gid rasoat --home-dir /var/lib/rasoat --no-create-home \
    --shell /usr/sbin/nologin rasoat &&
  in_root install -d -o rasoat -g rasoat -m 0700 /var/lib/rasoat /var/backups/rasoat &&
  in_root install -d -o root -g rasoat -m 0750 /etc/rasoat /etc/rasoat/tls ||
  fail "could not make the user rasoat and its directories"
cmake --install "$build" --prefix "$rootfs/usr/local" >"$work/install.log" ||
  fail "cmake --install $build failed"
install -m 0644 "$root/deploy/container/rasoatd.flags" "$rootfs/etc/rasoat/rasoatd.flags"
install -m 0755 "$root/deploy/container/rasoat-healthcheck" "$rootfs/usr/local/bin/"

missing=$(in_root ldd /usr/local/bin/rasoatd /usr/local/bin/rasoatctl /usr/local/bin/rasoat-tablet |
  grep 'not found')
[ -z "$missing" ] || fail "libraries the image lacks (add their packages to the Containerfile):
$missing"
in_root /usr/local/bin/rasoatd --version | grep -q '^rasoatd ' || fail "rasoatd --version failed"

# A self-signed certificate where the image expects the mounted one, readable by uid 10001.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
  -keyout "$rootfs/etc/rasoat/tls/tls.key" -out "$rootfs/etc/rasoat/tls/tls.crt" 2>/dev/null ||
  fail "openssl could not make a certificate"
chown 10001:10001 "$rootfs"/etc/rasoat/tls/tls.*

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
grpc_port=$(free_port)
http_port=$(free_port)
chroot --userspec=10001:10001 "$rootfs" /usr/local/bin/rasoatd --flagfile=/etc/rasoat/rasoatd.flags \
  --listen="127.0.0.1:$grpc_port" --http_listen="127.0.0.1:$http_port" \
  >"$work/out" 2>"$work/err" &
rasoatd_pid=$!
# rasoatd prints "rasoatd: serving on ..." once it serves: wait for that line, or for its exit.
grep -q -m1 '^rasoatd: serving on' \
  < <(timeout 120 tail -n +1 -f --pid="$rasoatd_pid" "$work/out" 2>/dev/null) ||
  { cat "$work/err"; fail "rasoatd did not start in the root file system"; }

in_root env RASOAT_HTTP_PORT="$http_port" /usr/local/bin/rasoat-healthcheck ready ||
  { cat "$work/err"; fail "rasoat-healthcheck is not ready while rasoatd serves"; }
[ "$(stat -c %u "$rootfs/var/lib/rasoat/admin.token")" = 10001 ] ||
  fail "rasoatd did not write its data as uid 10001"
kill "$rasoatd_pid"
wait "$rasoatd_pid" 2>/dev/null
rasoatd_pid=
in_root env RASOAT_HTTP_PORT="$http_port" /usr/local/bin/rasoat-healthcheck ready 2>/dev/null &&
  fail "rasoat-healthcheck is ready with rasoatd stopped"
echo "container rootfs: the runtime stage's packages suffice; rasoatd serves as uid 10001 and the health check follows it"
