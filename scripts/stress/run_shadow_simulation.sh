#!/bin/sh
# Runbook launcher: same as 'aos-ops shadow run', every argument passed through unchanged.
# The -D marker names this script on the JVM's command line, so the runbook's 'pgrep -f run_shadow_simulation'
# (e.g. 'kill -TERM $(pgrep -f run_shadow_simulation)') finds the run after the exec.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
AOS_OPS_JAVA_OPTS="-Daos.ops.launcher=run_shadow_simulation ${AOS_OPS_JAVA_OPTS:-}"
export AOS_OPS_JAVA_OPTS
exec "$here/../../bin/aos-ops" shadow run "$@"
