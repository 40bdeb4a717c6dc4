# Sourced by ./mvnw and ./jrdkafka (POSIX sh): find_jdk prints the home of a JDK >= 25,
# or nothing. Order: JAVA_HOME if it is one, the `java` on PATH if it is one, else the
# newest JDK >= 25 under the usual install directories.

# Prints the feature version of the JDK at $1 (from its release file), or nothing.
jdk_feature() {
  [ -x "$1/bin/java" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_feature "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return; fi
  if command -v java >/dev/null 2>&1; then
    path_home=$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)
    if [ "$(jdk_feature "$path_home")" -ge 25 ] 2>/dev/null; then echo "$path_home"; return; fi
  fi
  best="" best_v=0
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    v=$(jdk_feature "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v="$v"; fi
  done
  echo "$best"
}

NO_JDK_MESSAGE="no JDK 25 or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm,
/usr/java, /opt, ~/.sdkman and ~/.jdks). jrdkafka needs JDK >= 25: install one (for
example Temurin 25 or OpenJDK 25) and set JAVA_HOME to it."
