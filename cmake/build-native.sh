#!/usr/bin/env bash
# Builds the self-contained librdkafka shared library (and rdkafka_performance) with the
# CMake project beside this script, in a per-user build cache keyed by everything that
# shapes the output, so a second build with the same inputs rebuilds nothing.
#
# Usage: build-native.sh --out DIR [--stage DIR] [--platform ID] [--skip-without-toolchain]
#                        [--tarball FILE] [--cache DIR] [--asan] [-- extra cmake -D args]
#   --out DIR      receives lib/librdkafka.so.1, bin/rdkafka_performance, include/, share/
#   --stage DIR    also lays the library out as a jar resource:
#                  DIR/META-INF/native/<platform>/librdkafka.so (+ .sha256)
#   --platform ID  linux-x86_64 or linux-aarch64 (default: this machine's). Another
#                  architecture than the host's is cross-built with cmake/toolchains/<ID>.cmake
#   --skip-without-toolchain
#                  when that cross toolchain is missing, say so and exit 0 without output
#   --tarball FILE explicit librdkafka source archive (empty or absent: the environment
#                  variable JRDKAFKA_RDKAFKA_TARBALL, else the download cache, else the
#                  upstream release archive)
#   --cache DIR    build and download cache (empty or absent: $JRDKAFKA_BUILD_CACHE,
#                  else ${XDG_CACHE_HOME:-~/.cache}/jrdkafka)
#   --asan         builds librdkafka with AddressSanitizer (-fsanitize=address, frame
#                  pointers, -O2 with debug info) in its own cache directory; the library then needs
#                  the compiler's libasan preloaded (see cmake/asan/bin/java). For tests only.
#   --print-build-dir  prints the cache build directory these inputs map to, builds nothing
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="" stage="" tarball="" cache="" asan="" platform="" skip_missing="" print_dir=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --stage) stage="$2"; shift 2 ;;
    --tarball) tarball="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --asan) asan=1; shift ;;
    --print-build-dir) print_dir=1; shift ;;
    --platform) platform="$2"; shift 2 ;;
    --skip-without-toolchain) skip_missing=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "build-native.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || [ -n "$print_dir" ] || { echo "build-native.sh: --out DIR is required" >&2; exit 2; }
[ -n "$tarball" ] || tarball="${JRDKAFKA_RDKAFKA_TARBALL:-}"
[ -n "$cache" ] || cache="${JRDKAFKA_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jrdkafka}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=linux-x86_64 ;;
  Linux-aarch64 | Linux-arm64) host=linux-aarch64 ;;
  *) echo "build-native.sh: unsupported build host $(uname -s)-$(uname -m): the native" \
          "build runs on linux-x86_64 and linux-aarch64 (glibc); see cmake/README.md for" \
          "the macOS and Windows recipes." >&2; exit 1 ;;
esac
[ -n "$platform" ] || platform="$host"
case "$platform" in
  linux-x86_64) triplet=x86_64-linux-gnu ;;
  linux-aarch64) triplet=aarch64-linux-gnu ;;
  *) echo "build-native.sh: unknown --platform '$platform' (linux-x86_64, linux-aarch64)" >&2; exit 2 ;;
esac
if ldd --version 2>&1 | grep -qi musl; then
  echo "build-native.sh: musl libc is not supported yet; build on a glibc system." >&2; exit 1
fi
for tool in cmake make; do
  command -v "$tool" >/dev/null || {
    echo "build-native.sh: '$tool' not found; run scripts/install-prerequisites.sh" >&2; exit 1; }
done
cross=()
compiler=cc
if [ "$platform" != "$host" ]; then
  compiler="$triplet-gcc"
  cross=("-DCMAKE_TOOLCHAIN_FILE=$here/toolchains/$platform.cmake")
  missing=""
  command -v "$compiler" >/dev/null || missing="$compiler"
  [ -n "$missing" ] || [ -f "/usr/lib/$triplet/libssl.a" ] || missing="/usr/lib/$triplet/libssl.a"
  if [ -n "$missing" ]; then
    msg="cross toolchain for $platform missing ($missing not found); install it with scripts/install-prerequisites.sh --aarch64 (Debian/Ubuntu)"
    if [ -n "$skip_missing" ]; then
      echo "build-native.sh: SKIPPING $platform: $msg" >&2; exit 0
    fi
    echo "build-native.sh: $msg" >&2; exit 1
  fi
fi
command -v "$compiler" >/dev/null || {
  echo "build-native.sh: '$compiler' not found; run scripts/install-prerequisites.sh" >&2; exit 1; }

variant=""
if [ -n "$asan" ]; then
  # The flags reach librdkafka's own CMake through the standard variables; they are part of
  # the key (and the directory name says "asan"), so this build never mixes with the normal one.
  variant="-asan"
  # -fsanitize-recover lets ASAN_OPTIONS=halt_on_error=0 report every error of a run.
  asan_flags="-fsanitize=address -fsanitize-recover=address -fno-omit-frame-pointer"
  # glibc baseline off: the tests load it on this machine only, and ASan intercepts calls
  # by their current symbol versions.
  extra=("-DJRDKAFKA_GLIBC_BASELINE=OFF" "-DCMAKE_BUILD_TYPE=RelWithDebInfo" "-DCMAKE_C_FLAGS=$asan_flags" "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address"
         "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address" "${extra[@]+"${extra[@]}"}")
fi

if [ -n "$tarball" ]; then
  tarball="$(cd "$(dirname "$tarball")" 2>/dev/null && pwd)/$(basename "$tarball")" || true
fi

# The cache key: our CMake files and where they are, the compiler and CMake versions, and
# the options. The source archive is pinned by SHA-256 in CMakeLists.txt, so it is covered
# there. The path is in the key because CMake ties a build directory to its source
# directory: two checkouts sharing one would break when the first is deleted (measured).
key="$( {
  printf '%s\n' "$here"
  cat "$here/CMakeLists.txt" "$here/library.c" "$here"/modules/*.cmake "$here"/glibc-compat/*
  [ ${#cross[@]} -eq 0 ] || cat "$here/toolchains/$platform.cmake"
  "$compiler" --version | head -n 1
  cmake --version | head -n 1
  printf '%s\n' "$platform" "${extra[@]+"${extra[@]}"}"
} | sha256sum | cut -c1-16)"
build="$cache/build/librdkafka-$platform$variant-$key"
if [ -n "$print_dir" ]; then echo "$build"; exit 0; fi
mkdir -p "$build"

if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "build-native.sh: configuring librdkafka in $build"
  cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DRDKAFKA_SOURCE_TARBALL="$tarball" -DRDKAFKA_DOWNLOAD_CACHE="$cache/downloads" \
    "${cross[@]+"${cross[@]}"}" "${extra[@]+"${extra[@]}"}" >"$build/configure.log" 2>&1 || {
      cat "$build/configure.log" >&2; rm -f "$build/CMakeCache.txt"; exit 1; }
fi
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --build "$build" --parallel "$jobs" >"$build/build.log" 2>&1 || {
  tail -n 60 "$build/build.log" >&2; exit 1; }
rm -rf "$out"
cmake --install "$build" --prefix "$out" >/dev/null
if [ -n "$stage" ]; then
  res="$stage/META-INF/native/$platform"
  rm -rf "$res" && mkdir -p "$res"
  cp "$out/lib/librdkafka.so.1" "$res/librdkafka.so"
  (cd "$res" && sha256sum librdkafka.so | cut -d' ' -f1 > librdkafka.so.sha256)
fi
echo "build-native.sh: $out/lib/librdkafka.so.1 (cache: $build)"
