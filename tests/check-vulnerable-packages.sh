#!/usr/bin/env bash
# Known vulnerabilities in the packages the solution uses, direct and transitive, from the NuGet vulnerability data
# (`dotnet list package --vulnerable --include-transitive`). test.sh runs it after the build.
# Exit 0: none known. Exit 1: a vulnerable package (listed), which test.sh counts as a failed test.
# Exit 2: the check could not be made (the feed is unreachable, e.g. offline): said plainly, not counted as a failure.
# Extra arguments go to `dotnet list package` (e.g. --source <feed>).
set -uo pipefail
cd "$(dirname "$0")/.."
output="$(timeout 300 dotnet list HelpDesk.sln package --vulnerable --include-transitive "$@" 2>&1)"
code=$?
if grep -q "has the following vulnerable packages" <<<"$output"; then
  echo "$output" | grep -v "^ *Determining projects\|^ *All projects are up-to-date\|^ *Restored "
  echo "check-vulnerable-packages: known vulnerabilities in the packages above; upgrade them (Directory.Packages.props pins transitive ones too)."
  exit 1
fi
if [ $code -ne 0 ] || grep -qE "^error|NU1900|NU1905|Unable to load the service index" <<<"$output"; then
  echo "check-vulnerable-packages: COULD NOT CHECK for vulnerable packages (exit $code) — the NuGet vulnerability feed is unreachable?"
  echo "$output" | grep -E "error|warn|NU19" | head -5
  echo "check-vulnerable-packages: not counted as a failure; run it again with network access."
  exit 2
fi
echo "check-vulnerable-packages: no known vulnerable packages ($(grep -c "has no vulnerable packages" <<<"$output") projects checked against $(grep -A1 "sources were used" <<<"$output" | tail -1 | xargs))"
exit 0
