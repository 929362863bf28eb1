# Sourced by bin/tradeflow and bench/run: what a java is, without starting it.
#   java_major JAVA       prints its major version (from its JDK's release file), or nothing
#   java_quiet_flags JAVA prints the flags it needs to run Flink silently: on 24+, Flink's RPC
#                         (Pekko) and LZ4 use sun.misc.Unsafe and load native code (allowed)
java_major() {
  local home
  home="$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")"
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true
}
java_quiet_flags() {
  local major
  major="$(java_major "$1")"
  if [ "${major:-17}" -ge 24 ]; then
    echo "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}
