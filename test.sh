#!/usr/bin/env bash
# Runs every test against real PostgreSQL, Redis and RabbitMQ (started by the test run itself).
# Installs what is missing first. Ends with one line: "Tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh postgresql redis-server rabbitmq-server acl chromium || exit 1

log=$(mktemp)
# Normal console verbosity so a failure in a fixture's clean-up shows its exception, not only its type; the one line per
# passing test goes to the log only.
dotnet test Purl.sln --nologo -v minimal --logger "console;verbosity=normal" -- "$@" 2>&1 | tee "$log" | grep -v '^  Passed '
status=${PIPESTATUS[0]}

# Each test run ends with a summary block: "Total tests: N", then "     Passed: N", "     Failed: N", "    Skipped: N".
read -r passed failed skipped < <(awk '/^ +(Passed|Failed|Skipped): +[0-9]+$/ {n[$1] += $2}
  END {print n["Passed:"]+0, n["Failed:"]+0, n["Skipped:"]+0}' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the build or the runner itself failed
line="Tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
