#!/usr/bin/env bash
# What every pull request is checked for once, whatever its tier (the GitHub workflow runs this
# script; so does the test of the whole contribution flow):
#   1. it commits no generated file: dist/ and the generated sections of README.md and
#      CONTRIBUTING.md are built and committed on main only, so a stale dist/ fails nothing;
#   2. the data validates, its problems annotated with the causes of a cascade and the files
#      the pull request touched first;
#   3. it builds (into dist/ here, which is never compared with the committed one).
# Usage: scripts/ci/pull-request.sh BASE   (the branch the pull request goes into: origin/main)
set -uo pipefail
cd "$(dirname "$0")/../.."
base=${1:?usage: scripts/ci/pull-request.sh BASE (the branch the pull request goes into)}
status=0

changed=$(mktemp)
trap 'rm -f "$changed"' EXIT
git diff --name-only --no-renames "$base...HEAD" >"$changed" || exit 2
echo "tier: $(bash scripts/ci/tier.sh <"$changed") ($(grep -c . "$changed") paths changed)"

npm run -s generated -- check --base "$base" || status=1
if npm run -s validate -- --changed-first "$changed"; then
  npm run -s build || status=1
else
  status=1
  echo "the build is skipped: the data does not validate"
fi
exit "$status"
