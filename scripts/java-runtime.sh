# Sourced by bin/tradeflow and bench/run: what a java is, without starting it.
#   java_home JAVA        prints its JDK's directory
#   java_major JAVA       prints its major version (from its JDK's release file), or nothing
#   java_quiet_flags JAVA prints the flags it needs to run Flink silently: on 24+, Flink's RPC
#                         (Pekko) and LZ4 use sun.misc.Unsafe and load native code (allowed)
#   cache_fits JAVA CACHE succeeds when the start-up cache CACHE is newer than JAVA's runtime
#   backtest_jit_flags MODE CORES ARGS...  prints the JIT flags of a backtest with ARGS
java_home() {
  dirname "$(dirname "$(readlink -f "$(command -v "$1")")")"
}
java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(java_home "$1")/release" 2>/dev/null || true
}
java_quiet_flags() {
  local major
  major="$(java_major "$1")"
  if [ "${major:-17}" -ge 24 ]; then
    echo "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
}
# A start-up cache (class data sharing's archive, an AOT cache) fits the runtime that recorded it:
# after an update of the JDK (its modules) or a new default archive (java -Xshare:dump, which a
# JDK package runs when installed) the JVM refuses it without a word, and every start would load
# its classes from the jar again (1.5 s more a backtest): it is then recorded anew.
cache_fits() {
  local home f
  home="$(java_home "$1")"
  for f in "$home/lib/modules" "$home/lib/server/classes.jsa"; do
    [ ! -f "$f" ] || [ "$2" -nt "$f" ] || return 1
  done
}

# The JIT of a backtest in a JVM of its own (TRADEFLOW_JIT=auto|c1|lean|tiered). On a 2-core
# machine a backtest spends much of its run compiling: C2 took 10 s of an 11 s backtest of the
# 50-ticker month and 28 s of a 38 s one of the synthetic market (-XX:+CITime), a core taken from
# the job's two task threads, while the hot code waits in C1's profiling tier.
#   c1: C1 alone, compiled once without profiling: the 50-ticker month 1.27x faster in BATCH, 1.19x
#     in STREAMING, the one-ticker month 1.5x (on 17; on 25 with its AOT cache, 1.23x). C2's code
#     is faster once warm (the account stage 1.5x), so it does not pay on long runs: the
#     synthetic market (250 MB of bars, 3.9 M) ran even.
#   lean: C2 with a smaller inlining budget (-XX:FreqInlineSize=100 -XX:InlineSmallCode=1000,
#     from 325 and 2500): half the compile time, the synthetic market 1.3x faster, and the account
#     stage as fast once warm (the plain runner's rounds 5-10).
#   tiered: the JVM's default.
# auto: on at most 2 cores, c1 for bar files (.gz counted 5 times) under 128 MB, lean above;
# tiered on more cores (measured on 2 only).
backtest_jit_flags() {
  local mode="$1" cores="$2"
  shift 2
  if [ "$mode" = auto ]; then
    mode=tiered
    if [ "$cores" -le 2 ]; then
      mode=lean
      [ "$(bars_bytes "$@")" -lt $((128 << 20)) ] && mode=c1
    fi
  fi
  case "$mode" in
    c1) echo "-XX:TieredStopAtLevel=1" ;;
    lean) echo "-XX:FreqInlineSize=100 -XX:InlineSmallCode=1000" ;;
    tiered) ;;
    *) echo "tradeflow: TRADEFLOW_JIT is auto, c1, lean or tiered, not $mode" >&2; return 2 ;;
  esac
}
bars_bytes() { # a backtest's arguments: the sum of its bar files' sizes, .gz counted 5 times
  local total=0 next="" a f n
  for a in "$@"; do
    f=""
    if [ "$next" = 1 ]; then
      f="$a" next=""
    elif [ "$a" = --bars ]; then
      next=1
    elif [[ "$a" == --bars=* ]]; then
      f="${a#--bars=}"
    fi
    [ -n "$f" ] && [ -f "$f" ] || continue
    n=$(stat -c %s "$f")
    [[ "$f" == *.gz ]] && n=$((n * 5))
    total=$((total + n))
  done
  echo "$total"
}
