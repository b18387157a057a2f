#!/usr/bin/env bash
# Runs every HelpDesk test: installs what is missing (PostgreSQL server binaries, Chromium), builds once,
# runs each test project against throwaway PostgreSQL clusters, and ends with "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d /tmp/helpdesk-test-results.XXXXXX)"

# This run's folder: every test process gets it as HELPDESK_TEST_RUN_DIR, fixtures record the servers they start in
# it, and each `dotnet test` runs in a session of its own (listed in it). At the end tests/stop-test-run.sh stops
# exactly what this run started, so two runs on one machine never stop each other's PostgreSQL, Chromium, redis or
# dovecot.
run_dir="$(mktemp -d /tmp/helpdesk-test-run.XXXXXX)"
chmod 755 "$run_dir"
mkdir -p "$run_dir/processes"

cleanup() {
  # Fixtures stop their own servers when their tests end; this catches what a crash or a hang left behind.
  tests/stop-test-run.sh "$run_dir"
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

have_pg() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1; }
missing=()
have_pg || missing+=(postgresql)
[ -x /usr/bin/chromium ] || [ -n "${HELPDESK_CHROMIUM:-}" ] || missing+=(chromium fonts-liberation)
# The SignalR backplane tests start their own throwaway redis-server.
command -v redis-server >/dev/null 2>&1 || [ -n "${HELPDESK_REDIS_SERVER:-}" ] || missing+=(redis-server)
# The IMAP poller tests start their own throwaway dovecot.
[ -x /usr/sbin/dovecot ] || [ -n "${HELPDESK_DOVECOT:-}" ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]} with apt-get"
    # Binaries only: no default cluster left running on port 5432.
    mkdir -p /etc/postgresql-common
    [ -f /etc/postgresql-common/createcluster.conf ] || echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "test.sh: apt-get install ${missing[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
    # The package may start a system redis on 6379; the tests start their own, so stop it again.
    case " ${missing[*]} " in *" redis-server "*)
      service redis-server stop >/dev/null 2>&1 || true ;;
    esac
    # Likewise a system dovecot on 143: the IMAP tests start their own on free ports.
    case " ${missing[*]} " in *" dovecot-imapd "*)
      service dovecot stop >/dev/null 2>&1 || true ;;
    esac
  else
    echo "test.sh: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root so this script can."
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

echo "test.sh: building"
if ! dotnet build HelpDesk.sln -nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# Known vulnerable packages fail the run (one failed test); an unreachable vulnerability feed is reported, not failed.
echo "test.sh: checking packages for known vulnerabilities"
vulnerable=0
tests/check-vulnerable-packages.sh
[ $? -eq 1 ] && vulnerable=1

for project in tests/HelpDesk.Domain.Tests tests/HelpDesk.IntegrationTests tests/HelpDesk.Web.Tests; do
  name="$(basename "$project")"
  echo "test.sh: running $name"
  # setsid: a session of its own, so whatever it leaves running can be told apart from other runs' processes.
  # No MSBuild node reuse: a node outliving the run could be borrowed by someone else's build and then stopped.
  # The test host gets time to run its exit handlers (stopping and deleting its cluster; the default is 100 ms).
  HELPDESK_TEST_RUN_DIR="$run_dir" MSBUILDDISABLENODEREUSE=1 VSTEST_TESTHOST_SHUTDOWN_TIMEOUT=60000 \
    setsid -w dotnet test "$project" --no-build -nologo --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" &
  test_pid=$!
  echo "$test_pid" >> "$run_dir/sessions"
  wait "$test_pid" || status=1
done

summary="$(python3 - "$results" "$vulnerable" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = skipped = 0
failed = int(sys.argv[2])  # a known vulnerable package counts as one failed test
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if len(files) < 3:
    failed += 3 - len(files)  # a test project that produced no results counts as a failure
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
)"
echo "$summary"
case "$summary" in
  *" 0 failed"*) [ $status -eq 0 ] || exit 1 ;;
  *) exit 1 ;;
esac
