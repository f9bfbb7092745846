#!/usr/bin/env bash
# On main, after every push (the GitHub workflow runs this script; so does the test of the whole
# contribution flow): builds, and when dist/ or a generated section of README.md or
# CONTRIBUTING.md changed, commits them as the repository's bot, touching nothing else.
#   --push  first moves to the tip of origin/main (discarding local changes), then pushes the
#           commit there; when main moved meanwhile, builds again on the new tip.
# Prints `sha=<the commit main is at>` to $GITHUB_OUTPUT when that is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
GENERATED=(dist README.md CONTRIBUTING.md)
BOT=(-c "user.name=github-actions[bot]" -c "user.email=41898282+github-actions[bot]@users.noreply.github.com")

build_and_commit() {
  npm run -s build
  git add --all -- "${GENERATED[@]}"
  if git diff --cached --quiet; then
    echo "dist/ and the generated sections are up to date"
    return
  fi
  git "${BOT[@]}" commit --quiet -m "Build dist/ and the generated sections from $(git rev-parse --short HEAD)"
  git show --stat --format="committed %h: %s" HEAD
}

if [ "${1:-}" = --push ]; then
  for attempt in 1 2 3; do
    git fetch --quiet origin main
    git reset --quiet --hard FETCH_HEAD
    build_and_commit
    git push --quiet origin HEAD:main && break
    if [ "$attempt" = 3 ]; then
      echo "::error title=main kept moving::three pushes to main were refused; the next push to main builds again"
      exit 1
    fi
  done
else
  build_and_commit
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sha=$(git rev-parse HEAD)" >>"$GITHUB_OUTPUT"; fi
