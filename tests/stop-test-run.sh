#!/usr/bin/env bash
# Stops what one test run started and nothing else: test.sh calls it at the end of a run with that run's folder
# (the HELPDESK_TEST_RUN_DIR its test processes were given). Another run's processes are never touched, however
# much they look like ours (same binaries, same command lines).
#
# A process is this run's when
#   1. it is in one of the sessions listed in <run>/sessions (test.sh starts each `dotnet test` with setsid), or
#   2. a fixture recorded it in <run>/processes/<pid> (pid=, start=, what=, dir=) and its start time still matches,
#      so a PID the kernel has since given to someone else is left alone (PostgreSQL's postmaster, redis-server and
#      dovecot: pg_ctl detaches the postmaster into a session of its own, and redis and dovecot overwrite their
#      environment with their process title), or
#   3. its environment still carries HELPDESK_TEST_RUN_DIR=<run> (Chromium: Playwright starts it in a session of its
#      own; anything else the test processes started that no fixture recorded).
# A process that leads its own process group (postmaster, Chromium) is stopped with its group: the group holds only
# its children. TERM first; what is left after 10 s gets KILL. Then the recorded temp folders are deleted.
set -u
run="${1:?usage: tests/stop-test-run.sh <run folder>}"
run="$(cd "$run" 2>/dev/null && pwd)" || exit 0
marker="HELPDESK_TEST_RUN_DIR=$run"
# Our own children must not carry the marker of the run we stop.
unset HELPDESK_TEST_RUN_DIR
sessions=" $(tr '\n' ' ' < "$run/sessions" 2>/dev/null) "

# Reads /proc/<pid>/stat into STAT (fields from 3, "state", on: the command name may hold spaces and parentheses).
read_stat() {
  local line
  read -r line < "/proc/$1/stat" 2>/dev/null || return 1
  # shellcheck disable=SC2206
  STAT=(x x x ${line##*) })
}

is_ours() {
  local pid="$1" record start
  [ "$pid" = "$$" ] && return 1
  read_stat "$pid" || return 1
  # Field 6 is the session, 22 the start time in clock ticks since boot.
  case "$sessions" in *" ${STAT[6]} "*) return 0 ;; esac
  record="$run/processes/$pid"
  if [ -f "$record" ]; then
    start="$(sed -n 's/^start=//p' "$record")"
    [ -n "$start" ] && [ "$start" = "${STAT[22]}" ] && return 0
  fi
  grep -qzxF "$marker" "/proc/$pid/environ" 2>/dev/null
}

ours() {
  local p pid
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    is_ours "$pid" && echo "$pid"
  done
}

signal_all() {
  local sig="$1" pid
  for pid in $(ours); do
    # Checked again just before the signal: never a PID that changed hands since the scan.
    is_ours "$pid" || continue
    [ "$sig" = TERM ] && echo "stop-test-run: stopping $pid ($(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-100))"
    # Field 5 is the process group.
    if [ "${STAT[5]}" = "$pid" ]; then
      kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null
    else
      kill "-$sig" "$pid" 2>/dev/null
    fi
  done
}

left="$(ours)"
if [ -n "$left" ]; then
  signal_all TERM
  for _ in $(seq 1 20); do
    [ -z "$(ours)" ] && break
    sleep 0.5
  done
  [ -n "$(ours)" ] && signal_all KILL
fi

# Temp folders the fixtures recorded (throwaway clusters, dovecot homes), only ever helpdesk-* folders.
if [ -d "$run/processes" ]; then
  for record in "$run"/processes/*; do
    [ -f "$record" ] || continue
    dir="$(sed -n 's/^dir=//p' "$record")"
    case "$dir" in */helpdesk-*) rm -rf -- "$dir" ;; esac
  done
fi
exit 0
