# Sourced by ./jrdkafka (bash): the JDK AOT cache of the command-line program (JDK 25,
# JEP 483/514/515). One cache per checkout and build: its file name holds a hash of the
# checkout's path and a hash of the jars and of the JDK's release file (path, size, time),
# so a rebuild or another JDK gets a new cache (the JVM also checks, and ignores a
# cache that does not match). It is built by a training run of the program on its embedded
# mock cluster (the perf round trip and kcat's -P, -C, -J and -L: `jrdkafka aot-training`),
# in the background after the first run.
# Needs from the caller: $jdk, $jar, $lib, $root, the arrays java_cmd and main.
#
# JRDKAFKA_AOT=off     no cache: neither used nor built
# JRDKAFKA_AOT_DIR=DIR where caches live (default: $XDG_CACHE_HOME/jrdkafka/aot, else
#                      ~/.cache/jrdkafka/aot, else $TMPDIR/jrdkafka-$USER/aot)

# How many messages each training step sends: enough for the JIT to see the hot paths.
AOT_TRAINING_MESSAGES=100000

aot_cache_dir() {
  if [ -n "${JRDKAFKA_AOT_DIR:-}" ]; then echo "$JRDKAFKA_AOT_DIR"
  elif [ -n "${XDG_CACHE_HOME:-}" ]; then echo "$XDG_CACHE_HOME/jrdkafka/aot"
  elif [ -n "${HOME:-}" ] && [ -d "$HOME" ] && [ -w "$HOME" ]; then echo "$HOME/.cache/jrdkafka/aot"
  else echo "${TMPDIR:-/tmp}/jrdkafka-$(id -un 2>/dev/null || echo user)/aot"; fi
}

# A hash of a string without starting a process (the launcher runs on every command).
aot_string_hash() {
  local s="$1" h=5381 i c
  for ((i = 0; i < ${#s}; i++)); do printf -v c '%d' "'${s:i:1}"; h=$(( (h * 33 + c) & 0xffffffff )); done
  echo "$h"
}

# Prints "<path hash>-<content hash>" of this checkout's build and JDK, or fails: two
# processes (stat, cksum), since this runs before every command.
aot_cache_key() {
  local stats sum
  # GNU stat, else BSD stat (macOS); the JDK's release file stands for the JDK build
  stats="$(stat -L -c '%n %s %Y' "$jar" "$lib"/*.jar "$jdk/release" 2>/dev/null \
           || stat -L -f '%N %z %m' "$jar" "$lib"/*.jar "$jdk/release" 2>/dev/null)" || return 1
  [ -n "$stats" ] || return 1
  read -r sum _ < <(cksum <<< "$stats") || return 1
  printf '%s-%s' "$(aot_string_hash "$root")" "$sum"
}

# Prints the cache file to use (it may not exist yet), or nothing when disabled or unusable.
# ($jdk is a JDK >= 25: find_jdk picked it.)
aot_cache_file() {
  case "${JRDKAFKA_AOT:-on}" in off|0|false|no) return 0 ;; esac
  local key; key="$(aot_cache_key)" || return 0
  echo "$(aot_cache_dir)/jrdkafka-cli-$key.aot"
}

# Trains and writes $1 (in the foreground, silent); returns non-zero on failure. One
# builder at a time per cache (a lock directory; one older than 10 minutes is stale).
aot_cache_build() {
  local cache="$1" dir lock tmp
  dir="$(dirname "$cache")"; lock="$cache.lock"; tmp="$cache.$$.tmp"
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] && [ -O "$dir" ] || return 1
  chmod 700 "$dir" 2>/dev/null || true
  find "$lock" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null || true
  mkdir "$lock" 2>/dev/null || return 1
  # shellcheck disable=SC2064
  trap "rmdir '$lock' 2>/dev/null; rm -f '$tmp' '$tmp.config'" EXIT
  if (cd "$dir" && "${java_cmd[@]}" "-XX:AOTCacheOutput=$tmp" "-Xlog:aot*=off,cds*=off" "${main[@]}" \
        aot-training -c "$AOT_TRAINING_MESSAGES") </dev/null >/dev/null 2>&1 && [ -s "$tmp" ]; then
    mv -f "$tmp" "$cache"
    # Older caches of this checkout (earlier builds or JDKs) are of no use any more.
    local prefix="${cache%-*}-"
    for old in "$prefix"*.aot; do [ "$old" = "$cache" ] || rm -f "$old"; done
    return 0
  fi
  return 1
}

aot_cache_build_in_background() {
  [ -n "${1:-}" ] || return 0
  # Detached from the terminal and the caller's pipes, at low priority; failures are silent
  # (the program runs without a cache, as before).
  (trap '' HUP; renice -n 10 -p "$BASHPID" >/dev/null 2>&1; aot_cache_build "$1") </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}

# ./jrdkafka --aot-cache build|path: the cache in the foreground, for scripts and tests.
aot_cache_command() {
  local cache; cache="$(aot_cache_file)"
  case "$1" in
    path) [ -z "$cache" ] || echo "$cache" ;;
    build)
      if [ -z "$cache" ]; then echo "jrdkafka: AOT cache disabled (JRDKAFKA_AOT=${JRDKAFKA_AOT:-}) or not supported by $jdk" >&2; return 1; fi
      [ -f "$cache" ] || aot_cache_build "$cache" || { echo "jrdkafka: could not build the AOT cache $cache" >&2; return 1; }
      echo "$cache" ;;
    *) echo "jrdkafka: --aot-cache build|path" >&2; return 2 ;;
  esac
}
