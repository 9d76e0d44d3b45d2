#!/bin/sh
# Runbook launcher: same as 'aos-ops shadow run', every argument passed through unchanged.
self=$0
while [ -h "$self" ]; do # through symbolic links (one on the PATH) to the installed script
  link=$(ls -ld "$self" | sed 's/.* -> //')
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
here=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd)
# exec replaces this shell by the JVM: a property naming the launcher keeps the runbook's
# 'pgrep -f run_shadow_simulation' (and 'kill -TERM $(pgrep -f run_shadow_simulation)') finding the run.
AOS_OPS_JAVA_OPTS="${AOS_OPS_JAVA_OPTS:+$AOS_OPS_JAVA_OPTS }-Daos.ops.launcher=run_shadow_simulation.sh"
export AOS_OPS_JAVA_OPTS
exec "$here/../../bin/aos-ops" shadow run "$@"
