#!/bin/sh
# Runbook launcher: same as 'aos-ops shadow run', every argument passed through unchanged.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
exec "$here/../../bin/aos-ops" shadow run "$@"
