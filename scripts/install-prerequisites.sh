#!/usr/bin/env bash
# Installs what building jrdkafka needs, on Debian and Ubuntu: a C toolchain, CMake, and
# the static archives of OpenSSL, zlib and zstd that go into the native library. As root
# (or with sudo) it installs the missing packages with apt; otherwise it prints the exact
# command. On other systems it prints what is needed. A JDK >= 25 must be installed
# separately (Debian 12's own JDKs are older: use e.g. Temurin 25).
#   --build-only   only the build packages (no test tools such as kcat); used by ./jrdkafka
#   --aarch64      also the linux-aarch64 cross build and its test: Debian's aarch64 cross
#                  toolchain, the arm64 static archives (multiarch: adds the arm64
#                  architecture to dpkg) and qemu-user; used by .ci/run
set -euo pipefail

mode="" aarch64=""
for arg in "$@"; do
  case "$arg" in
    --build-only) mode=build-only ;;
    --aarch64) aarch64=1 ;;
    *) echo "install-prerequisites.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

build_packages=(cmake make gcc libc6-dev pkg-config libssl-dev zlib1g-dev libzstd-dev
                binutils tar gzip)
# For ./mvnw's first run (it fetches the pinned Maven through an installed mvn).
wrapper_packages=(maven)
# For the tests: kcat, the reference command line that ./jrdkafka's kcat mode is compared with.
test_packages=(kcat)
# For the linux-aarch64 jar (cmake/toolchains/linux-aarch64.cmake) and its qemu smoke test.
aarch64_packages=(crossbuild-essential-arm64 libssl-dev:arm64 zlib1g-dev:arm64 libzstd-dev:arm64
                  qemu-user)
packages=("${build_packages[@]}")
if [ "$mode" != "build-only" ]; then
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

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}
if [ -n "$aarch64" ]; then
  packages+=("${aarch64_packages[@]}")
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    # Debian serves arm64 from the same repositories; Ubuntu serves it from its ports
    # archive, which needs its own apt source (arch-qualified) before this works.
    as_root dpkg --add-architecture arm64 || {
      echo "install-prerequisites.sh: run 'sudo dpkg --add-architecture arm64' first (for --aarch64)" >&2
      exit 1; }
  fi
fi

# NAME (this machine's architecture, or an arch-independent package) or NAME:ARCH installed?
# With arm64 added, dpkg-query lists one line per installed architecture.
installed() {
  local name="${1%%:*}" arch="${1#*:}"
  [ "$arch" != "$1" ] || arch="$(dpkg --print-architecture)"
  dpkg-query -W -f='${Architecture} ${Status}\n' "$name" 2>/dev/null |
    grep -qE "^($arch|all) install ok installed$"
}
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
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
