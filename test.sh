#!/usr/bin/env bash
# Runs every test against real PostgreSQL, Redis and RabbitMQ (started by the test run itself).
# Installs what is missing first. Ends with one line: "Tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh postgresql redis-server rabbitmq-server acl chromium || exit 1

log=$(mktemp)
dotnet test Purl.sln --nologo -v minimal -- "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    10, Skipped:     0, Total: 10".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the build or the runner itself failed
line="Tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
