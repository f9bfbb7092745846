#!/usr/bin/env bash
# Which checks a change needs, from the paths it changes (one a line on stdin, as
# `git diff --name-only` prints them):
#   data-only  every path is under data/: validate, build, and the tests that read the data;
#   full       anything else (code, schema, tests, docs, package.json, the lock file,
#              workflows), or no path at all: the whole suite on every supported Node.
set -euo pipefail
tier=full
while IFS= read -r path || [ -n "$path" ]; do
  case "$path" in
    "") ;;
    # Git quotes a path with unusual characters: "data/…".
    data/* | \"data/*) tier=data-only ;;
    *) echo full && exit 0 ;;
  esac
done
echo "$tier"
