#!/usr/bin/env bash
# Installs what building jrdkafka needs, on Debian and Ubuntu: a C toolchain, CMake, and
# the static archives of OpenSSL, zlib and zstd that go into the native library. As root
# (or with sudo) it installs the missing packages with apt; otherwise it prints the exact
# command. On other systems it prints what is needed. A JDK >= 25 must be installed
# separately (Debian 12's own JDKs are older: use e.g. Temurin 25).
#   --build-only   only the build packages (no test tools such as kcat); used by ./jrdkafka
set -euo pipefail

build_packages=(cmake make gcc libc6-dev pkg-config libssl-dev zlib1g-dev libzstd-dev
                binutils tar gzip)
# For ./mvnw's first run (it fetches the pinned Maven through an installed mvn).
wrapper_packages=(maven)
# For the tests: kcat, the reference command line that ./jrdkafka's kcat mode is compared with.
test_packages=(kcat)
packages=("${build_packages[@]}")
if [ "${1:-}" != "--build-only" ]; then
  packages+=("${test_packages[@]}")
  if [ ! -x "${HOME}/.m2/wrapper/dists/apache-maven-3.9.11/bin/mvn" ]; then packages+=("${wrapper_packages[@]}"); fi
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<'MSG'
install-prerequisites.sh: this is not a Debian/Ubuntu system. Install by hand:
  - a C compiler and make, CMake >= 3.18, pkg-config, binutils (readelf, nm)
  - OpenSSL 3, zlib and zstd development files WITH their static archives
    (libssl.a, libcrypto.a, libz.a, libzstd.a)
  - a JDK >= 25 (JAVA_HOME), and any Maven for ./mvnw's first run
MSG
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "install-prerequisites.sh: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $cmd >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "install-prerequisites.sh: installing ${missing[*]} (sudo)" >&2
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive $cmd >/dev/null
else
  echo "install-prerequisites.sh: missing packages: ${missing[*]}" >&2
  echo "Run:  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi
