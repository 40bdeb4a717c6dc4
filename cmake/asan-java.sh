#!/usr/bin/env bash
# Runs java with AddressSanitizer's runtime preloaded, for a librdkafka built with
# build-native.sh --asan (the api module's -Pasan profile uses it as Surefire's JVM).
#
#   ASAN_JAVA     the java to run (default: $JAVA_HOME/bin/java, else java on PATH)
#   ASAN_OPTIONS  kept if set; the default below is what the JVM needs
#   ASAN_LOG_DIR  if set, reports go to ASAN_LOG_DIR/asan.<pid> instead of stderr
#
# The JVM handles SIGSEGV itself (implicit null checks, safepoint polls), so ASan must not;
# LeakSanitizer is off because the JVM's own allocations at exit would drown real reports;
# halt_on_error=0 (with the library built -fsanitize-recover=address) reports every error
# of a run instead of killing the JVM at the first.
set -euo pipefail
java="${ASAN_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
runtime="$(cc -print-file-name=libasan.so)"
if [ ! -e "$runtime" ]; then
  echo "asan-java.sh: the C compiler has no libasan.so ('cc -print-file-name=libasan.so' gave" \
       "'$runtime'); install the compiler's AddressSanitizer runtime (Debian: libasan8)" >&2
  exit 1
fi
export LD_PRELOAD="$(readlink -f "$runtime")${LD_PRELOAD:+:$LD_PRELOAD}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:allow_user_segv_handler=1:use_sigaltstack=0:detect_leaks=0:halt_on_error=0}"
if [ -n "${ASAN_LOG_DIR:-}" ]; then
  mkdir -p "$ASAN_LOG_DIR"
  ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$ASAN_LOG_DIR/asan"
fi
exec "$java" "$@"
