# Sourced by ./mvnw and ./jrdkafka (POSIX sh): find_jdk prints the home of a JDK >= 25,
# or nothing. Order: JAVA_HOME if it is one, the `java` on PATH if it is one, else the
# newest JDK >= 25 under the usual install directories.

# Sets JDK_FEATURE to the feature version of the JDK at $1 (from its release file), or to
# nothing. Read in the shell, without a process or a subshell per candidate: ./jrdkafka runs
# this before every command.
jdk_feature() {
  JDK_FEATURE=""
  [ -x "$1/bin/java" ] && [ -f "$1/release" ] || return 0
  while IFS= read -r jdk_feature_line || [ -n "$jdk_feature_line" ]; do
    case "$jdk_feature_line" in
      JAVA_VERSION=\"[0-9]*)
        jdk_feature_line=${jdk_feature_line#JAVA_VERSION=\"}
        JDK_FEATURE=${jdk_feature_line%%[!0-9]*}
        return 0 ;;
    esac
  done < "$1/release"
}

# Prints the JDK's home (or nothing); meant for $(find_jdk).
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    jdk_feature "$JAVA_HOME"
    if [ -n "$JDK_FEATURE" ] && [ "$JDK_FEATURE" -ge 25 ]; then echo "$JAVA_HOME"; return; fi
  fi
  if command -v java >/dev/null 2>&1; then
    path_java=$(readlink -f "$(command -v java)")
    jdk_feature "${path_java%/bin/java}"
    if [ -n "$JDK_FEATURE" ] && [ "$JDK_FEATURE" -ge 25 ]; then echo "${path_java%/bin/java}"; return; fi
  fi
  best="" best_v=0
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    jdk_feature "$d"
    if [ -n "$JDK_FEATURE" ] && [ "$JDK_FEATURE" -ge 25 ] && [ "$JDK_FEATURE" -gt "$best_v" ]; then
      best="$d" best_v="$JDK_FEATURE"
    fi
  done
  echo "$best"
}

NO_JDK_MESSAGE="no JDK 25 or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm,
/usr/java, /opt, ~/.sdkman and ~/.jdks). jrdkafka needs JDK >= 25: install one (for
example Temurin 25 or OpenJDK 25) and set JAVA_HOME to it."
