#!/bin/sh
# Runbook launcher: same as 'aos-ops debug', every argument passed through unchanged.
self=$0
while [ -h "$self" ]; do # through symbolic links (one on the PATH) to the installed script
  link=$(ls -ld "$self" | sed 's/.* -> //')
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
here=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd)
exec "$here/../../bin/aos-ops" debug "$@"
