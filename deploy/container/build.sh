#!/usr/bin/env bash
# Builds the rasoatd image from this repository: build.sh [TAG] (default localhost/rasoat:latest).
# Uses podman, else buildah, else a docker whose daemon answers; says so and exits 2 when there
# is none. The build downloads debian:12-slim and Debian packages, and compiles rasoat: expect
# tens of minutes on a small machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tag=${1:-localhost/rasoat:latest}
file=deploy/container/Containerfile

cd "$root"
if command -v podman >/dev/null 2>&1; then
  # --format docker keeps the HEALTHCHECK (the OCI format has no field for it).
  exec podman build --format docker -f "$file" -t "$tag" .
elif command -v buildah >/dev/null 2>&1; then
  exec buildah build --format docker -f "$file" -t "$tag" .
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  exec docker build -f "$file" -t "$tag" .
fi
echo "build.sh: cannot build the image here: neither podman nor buildah is installed (and no" \
  "docker daemon answers). On Debian 12: apt-get install podman; then run this again." >&2
exit 2
