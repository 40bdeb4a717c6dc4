#!/usr/bin/env bash
# Regenerates the FFM bindings in bindings/src/generated/ from librdkafka's headers with
# a jextract that you provide; it never downloads or builds jextract.
#
# Usage: bindings/regenerate.sh [--headers DIR] [--output DIR] [--refresh-includes]
#   jextract:           $JEXTRACT if set, else `jextract` on PATH
#   --headers DIR       holds rdkafka.h and rdkafka_mock.h (default: the native build's
#                       native/target/native-build/include/librdkafka; ./mvnw -pl native package)
#   --output DIR        where to write java/ and jextract-manifest.properties
#                       (default: bindings/src/generated; the drift test uses a temp dir)
#   --refresh-includes  first rewrite jextract/includes.txt from jextract --dump-includes,
#                       keeping only what rdkafka.h and rdkafka_mock.h declare
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
headers="$root/native/target/native-build/include/librdkafka"
output="$here/src/generated"
refresh=false
while [ $# -gt 0 ]; do
  case "$1" in
    --headers) headers="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --refresh-includes) refresh=true; shift ;;
    *) echo "regenerate.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

jextract="${JEXTRACT:-$(command -v jextract || true)}"
if [ -z "$jextract" ] || [ ! -x "$jextract" ]; then
  echo "regenerate.sh: no jextract: set JEXTRACT=/path/to/jextract or put jextract on PATH" >&2
  echo "  (see bindings/README.md for where to get it)" >&2
  exit 1
fi
for h in rdkafka.h rdkafka_mock.h; do
  [ -f "$headers/$h" ] || { echo "regenerate.sh: $headers/$h not found (build native first:" \
    "./mvnw -pl native package, or pass --headers DIR)" >&2; exit 1; }
done

package=dev.jrdkafka.bindings
header_class=rdkafka_h
includes="$here/jextract/includes.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/jextract/rdkafka_jextract.h" "$headers/rdkafka.h" "$headers/rdkafka_mock.h" "$work/"

if $refresh; then
  (cd "$work" && "$jextract" -I . --dump-includes dump.txt rdkafka_jextract.h >/dev/null)
  for h in rdkafka.h rdkafka_mock.h; do
    grep -E "^--include-[a-z]+ .*# header: .*/$h\$" "$work/dump.txt" \
      | sed -E 's/[[:space:]]+# header: .*$//' | LC_ALL=C sort -u > "$work/dump-$h.txt"
  done
  # Only the extra lines the dump missed (which of two same-named declarations it lists
  # varies between librdkafka versions), so no argument is given twice.
  grep -E '^--include-' "$here/jextract/includes-extra.txt" \
    | grep -vxF -f <(cat "$work/dump-rdkafka.h.txt" "$work/dump-rdkafka_mock.h.txt") > "$work/extra.txt" || true
  {
    echo "# jextract --include-* arguments for librdkafka's own declarations, written by"
    echo "# bindings/regenerate.sh --refresh-includes from jextract --dump-includes: only the"
    echo "# symbols declared in rdkafka.h and rdkafka_mock.h (no libc, pthread or socket types)."
    for h in rdkafka.h rdkafka_mock.h; do
      echo
      echo "#### $h"
      cat "$work/dump-$h.txt"
    done
    echo
    echo "#### added by jextract/includes-extra.txt (see the reasons there)"
    cat "$work/extra.txt"
  } > "$includes"
  echo "regenerate.sh: wrote $(grep -c '^--include' "$includes") lines to $includes"
fi

args="--target-package $package --header-class-name $header_class"
rm -rf "$work/out"
# shellcheck disable=SC2086 # $args is a fixed list of words
(cd "$work" && "$jextract" -I . --output out $args "@$includes" rdkafka_jextract.h) \
  >"$work/jextract.log" 2>&1 || { cat "$work/jextract.log" >&2; exit 1; }

rm -rf "$output/java"
mkdir -p "$output/java"
cp -r "$work/out/." "$output/java/"

sha() { sha256sum "$1" | cut -d' ' -f1; }
version_text="$("$jextract" --version 2>&1)"
{
  echo "# Written by bindings/regenerate.sh; checked by the bindings' tests. Never edit by hand."
  echo "jextract.version=$(echo "$version_text" | grep -m1 '^jextract' || true)"
  echo "jextract.jdk=$(echo "$version_text" | grep -m1 '^JDK version' | sed 's/^JDK version //' || true)"
  echo "libclang.version=$(echo "$version_text" | grep -m1 '^LibClang version' | sed 's/^LibClang version //' || true)"
  echo "librdkafka.version=$(sed -n 's/^#define RD_KAFKA_VERSION[[:space:]]*0x\([0-9a-fA-F]*\).*/\1/p' "$headers/rdkafka.h")"
  echo "header.rdkafka.h.sha256=$(sha "$headers/rdkafka.h")"
  echo "header.rdkafka_mock.h.sha256=$(sha "$headers/rdkafka_mock.h")"
  echo "header.rdkafka_jextract.h.sha256=$(sha "$here/jextract/rdkafka_jextract.h")"
  echo "includes.sha256=$(sha "$includes")"
  echo "arguments=-I <headers> --output <output>/java $args @jextract/includes.txt rdkafka_jextract.h"
  echo "files=$(cd "$output/java" && find . -name '*.java' | wc -l | tr -d ' ')"
} > "$output/jextract-manifest.properties"
echo "regenerate.sh: wrote $(cd "$output/java" && find . -name '*.java' | wc -l) files to $output/java"
