#!/usr/bin/env bash
# Starts a standalone Flink session cluster from Maven artifacts, configured from
# flink-conf/config.yaml: a JobManager and one TaskManager as separate JVMs (no Flink distribution,
# no Docker), with only Flink's own jars on their class path. Stop it with: kill $(cat WORK/*.pid)
#   cluster/start.sh [WORK]        # default WORK: cluster/target/run
#   FLINK_CONF_DIR=WORK/conf java -cp "$(cat cluster/target/flink-classpath.txt)" \
#       org.apache.flink.client.cli.CliFrontend run -d job/target/tradeflow-job.jar run --config …
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mkdir -p "${1:-$here/target/run}" && cd "${1:-$here/target/run}" && pwd)"
mkdir -p "$work/conf" "$work/tmp"
(cd "$here/.." && mvn -B -ntp -q -pl cluster generate-resources)
cp="$(cat "$here/target/flink-classpath.txt")"
# config.yaml with the sizes a cluster from Maven jars needs (cluster/local.yaml) and the local
# checkpoint directory; later keys win
cat "$here/../flink-conf/config.yaml" "$here/local.yaml" - >"$work/conf/config.yaml" <<YAML
execution.checkpointing.dir: file://$work/checkpoints
execution.checkpointing.savepoint-dir: file://$work/savepoints
io.tmp.dirs: $work/tmp
YAML
cp "$here/log4j.properties" "$work/conf/"
# what Flink's scripts pass every JVM: its serializers reach into these JDK packages
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
# the heap, direct memory and metaspace limits bin/jobmanager.sh and bin/taskmanager.sh derive
memory() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$work/conf" \
    | grep -m1 '^BASH_JAVA_UTILS_EXEC_RESULT:' | cut -d: -f2-
}
start() { # name memory main-class
  # shellcheck disable=SC2086
  java $2 $opens -Djava.io.tmpdir="$work/tmp" -Dlog.file="$work/$1.log" \
    -Dlog4j2.configurationFile="$work/conf/log4j.properties" -cp "$cp" "$3" \
    --configDir "$work/conf" >"$work/$1.out" 2>&1 &
  echo $! >"$work/$1.pid"
}
start jobmanager "$(memory GET_JM_RESOURCE_PARAMS)" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
for _ in $(seq 60); do # the TaskManager registers at a JobManager that is up
  curl -sf http://localhost:8081/overview >/dev/null && break
  sleep 1
done
start taskmanager "$(memory GET_TM_RESOURCE_PARAMS)" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner
echo "JobManager pid $(cat "$work/jobmanager.pid"), TaskManager pid $(cat "$work/taskmanager.pid");"\
  "web UI on http://localhost:8081; FLINK_CONF_DIR=$work/conf"
