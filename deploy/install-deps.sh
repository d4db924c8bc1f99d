#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing rasoat needs.
# Idempotent: packages already present are skipped, and apt-get runs only when one is missing.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev lld clang-format
  # wire contract and server
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  # storage and program stores
  librocksdb-dev libsqlite3-dev libpq-dev
  # identity: argon2id password hashes; the QR code of a tablet's token (rasoatctl, the console)
  libsodium-dev libqrencode-dev
  # the reviewers' web console and /metrics: its HTTP server, Prometheus' registry and text format
  libcpp-httplib-dev prometheus-cpp-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql python3-grpcio python3-protobuf openssl
  # the posting list as people open it (tests/server/documents): headless LibreOffice Calc and
  # Chromium print it to PDF, pdftotext reads it back; DejaVu has the Vietnamese glyphs
  libreoffice-calc-nogui chromium poppler-utils fonts-dejavu-core
  # the console in a real browser (tests/browser): headless Chromium driven by Selenium, and
  # zbarimg to read back the QR code it shows
  chromium-driver python3-selenium zbar-tools
  # the deployment checks (tests/deploy): systemd-analyze for the unit, promtool (in Debian's
  # prometheus) for the scrape configuration and alert rules, python3-yaml for the manifests,
  # mmdebstrap for the container image's root file system
  systemd prometheus python3-yaml mmdebstrap
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
