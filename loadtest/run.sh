#!/usr/bin/env bash
# Load test of Klantreislab under gunicorn, on SQLite and (optionally) PostgreSQL.
#
#   loadtest/run.sh [class|school|all]          (default: all)
#
# For every database and scenario: a fresh temporary database, the migrations (`flask db
# upgrade`), the accounts (loadtest/setup_users.py), gunicorn on 127.0.0.1 (gunicorn.conf.py),
# locust headless with --csv (loadtest/locustfile.py), gunicorn stopped, then the check for lost
# saves (loadtest/check_saves.py) and a summary (loadtest/report.py). Only 127.0.0.1 is loaded;
# every run is bounded by --run-time and by `timeout`.
#
#   class   1 class: 30 students + 1 teacher (31 users, 1 login a second: all in after 31 s), LOAD_CLASS_TIME (default 4m)
#   school  10 classes: 290 students + 10 teachers (300 users, 3 logins a second: all in after
#           100 s), LOAD_SCHOOL_TIME (default 6m)
#
# Environment:
#   LOAD_DATABASE_URL  also run on PostgreSQL: postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB of a
#                      role that may CREATE DATABASE; each run makes its own database there and
#                      drops it afterwards. "auto": start a throwaway cluster on 127.0.0.1 (Debian's
#                      postgresql, installed when missing, as root), removed at the end.
#   LOAD_DATABASES     which databases (default "sqlite", plus "postgresql" with LOAD_DATABASE_URL)
#   LOAD_WORKERS       gunicorn worker processes (default: 2 x cores + 1, as gunicorn.conf.py)
#   LOAD_THREADS       gunicorn threads per worker (default 2, as gunicorn.conf.py)
#   LOAD_PRIORITY=1    the run (gunicorn, PostgreSQL, locust and the hog of LOAD_BUSY) in a cpu cgroup of its
#                      own with the highest weight (root and cgroup v1's cpu controller; Linux): on a
#                      shared machine it then gets the CPU it asks for before anything else, as a
#                      school's server that runs nothing else. The hog still competes on equal terms.
#   LOAD_BUSY=1        the busy-server run: a CPU hog (one core of Python busy loop, or stress-ng --cpu 1
#                      when installed) runs beside gunicorn for the whole of every run
#   LOAD_THINK         multiplies the think times (default 1)
#   LOAD_OUT           results folder (default loadtest/results/<UTC time>)
#   LOAD_PROFILE=1     py-spy records one gunicorn worker during each run (collapsed stacks, profile-worker.txt;
#                      loadtest/profile_top.py lists where the time goes)
#   LOAD_FAULT=1       the fault run: LOAD_FAULT_AT seconds into the run (default 45) the database goes
#                      away for LOAD_FAULT_DOWN seconds (default 6). PostgreSQL (LOAD_DATABASE_URL=auto
#                      only: the cluster must be ours) is stopped with `pg_ctl -m immediate stop` and
#                      started again. SQLite cannot be stopped: every gunicorn worker is killed (SIGKILL,
#                      requests in progress die) and the file is locked (BEGIN EXCLUSIVE) for that long,
#                      so requests time out after pysqlite's 5 s. fault.log has the times;
#                      loadtest/fault_report.py counts the failed requests and the seconds to recover.
#                      The run still fails when a confirmed save was lost.
#
# The server is gunicorn.conf.py with loadtest/wsgi.py's app: create_app() with the login throttle
# off (RATELIMIT_ENABLED=false; all load comes from 127.0.0.1; every virtual user also has its own
# account) and INSECURE_COOKIES=1 (plain http on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
SCENARIOS="${1:-all}"
[ "$SCENARIOS" = all ] && SCENARIOS="class school"

if ! "$PY" -c 'import locust' 2>/dev/null; then
  echo "loadtest/run.sh: locust is missing: $PY -m pip install -e '.[load]'" >&2
  exit 2
fi

PRIORITY=""
if [ "${LOAD_PRIORITY:-0}" = 1 ]; then
  CGROUP=/sys/fs/cgroup/cpu/klantreislab-load
  if [ "$(id -u)" = 0 ] && [ -f /sys/fs/cgroup/cpu/cpu.shares ]; then
    mkdir -p "$CGROUP" && echo 262144 > "$CGROUP/cpu.shares" && echo $$ > "$CGROUP/tasks"
    PRIORITY="priority: the run in cpu cgroup $CGROUP (cpu.shares 262144)"
  else
    echo "loadtest/run.sh: LOAD_PRIORITY=1 needs root and cgroup v1's cpu controller (/sys/fs/cgroup/cpu)" >&2
    exit 2
  fi
fi

DATABASES="${LOAD_DATABASES:-sqlite${LOAD_DATABASE_URL:+ postgresql}}"
WORKERS="${LOAD_WORKERS:-$(( $(nproc) * 2 + 1 ))}"
THREADS="${LOAD_THREADS:-2}"
OUT="${LOAD_OUT:-$ROOT/loadtest/results/$(date -u +%Y%m%dT%H%M%SZ)}"
WORK="$(mktemp -d /tmp/klantreislab-load.XXXXXX)"
mkdir -p "$OUT"
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
export RATELIMIT_ENABLED=false  # read by loadtest/wsgi.py
export INSECURE_COOKIES=1  # plain http on 127.0.0.1: the session cookie must not be Secure-only

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

GUNICORN_PID=""
PG_DIR=""
stop_gunicorn() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
  fi
  GUNICORN_PID=""
}
cleanup() {
  stop_gunicorn
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
  fi
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- PostgreSQL: a throwaway cluster for LOAD_DATABASE_URL=auto (the approach of .ci/run) -------
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi

start_pg_cluster() {
  if [ -z "$(pg_bindir)" ]; then
    [ "$(id -u)" = 0 ] || { echo "loadtest/run.sh: PostgreSQL is missing (apt-get install postgresql)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
  fi
  PG_BIN="$(pg_bindir)"
  PG_DIR="$(mktemp -d /tmp/klantreislab-load-pg.XXXXXX)"
  local port password
  port="$(free_port)"
  password="$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  printf '%s\n' "$password" > "$PG_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/pwfile"
  chmod 600 "$PG_DIR/pwfile"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" -A scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  # Durable defaults (fsync, synchronous_commit on), as in production; loopback only.
  PG_OPTIONS="-h 127.0.0.1 -p $port -k $PG_DIR -c max_connections=200 -c shared_buffers=256MB"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start -o "$PG_OPTIONS" >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }
  LOAD_DATABASE_URL="postgresql+psycopg://postgres:$password@127.0.0.1:$port/postgres"
  echo "loadtest/run.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
PG_AUTO=0
if [ "${LOAD_DATABASE_URL:-}" = auto ]; then start_pg_cluster; PG_AUTO=1; fi

# --- the fault run (LOAD_FAULT=1): the database goes away mid-run -----------------------------
FAULT="${LOAD_FAULT:-0}"
FAULT_AT="${LOAD_FAULT_AT:-45}"
FAULT_DOWN="${LOAD_FAULT_DOWN:-6}"
if [ "$FAULT" = 1 ] && [[ " $DATABASES " == *" postgresql "* ]] && [ "$PG_AUTO" != 1 ]; then
  echo "loadtest/run.sh: LOAD_FAULT=1 on PostgreSQL needs LOAD_DATABASE_URL=auto (a cluster it may stop)" >&2
  exit 2
fi
now() { date +%s.%N; }
inject_fault() {  # inject_fault DATABASE DIR SQLITE_FILE: runs in the background during locust
  local database="$1" dir="$2" file="$3" worker
  sleep "$FAULT_AT"
  echo "down $(now)" >>"$dir/fault.log"
  if [ "$database" = postgresql ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >>"$dir/fault.log" 2>&1 || true
    sleep "$FAULT_DOWN"
    echo "start $(now)" >>"$dir/fault.log"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start -o "$PG_OPTIONS" \
      >>"$dir/fault.log" 2>&1 || echo "restart failed" >>"$dir/fault.log"
  else
    # The workers of the gunicorn we started (by process id), killed mid-request; the master starts new ones.
    for worker in $(pgrep -P "$GUNICORN_PID" || true); do kill -KILL "$worker" 2>/dev/null || true; done
    echo "killed workers $(now)" >>"$dir/fault.log"
    "$PY" -c 'import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
connection.execute("BEGIN EXCLUSIVE")
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")' "$file" "$FAULT_DOWN" >>"$dir/fault.log" 2>&1 || echo "lock failed" >>"$dir/fault.log"
    echo "start $(now)" >>"$dir/fault.log"
  fi
  echo "up $(now)" >>"$dir/fault.log"
}

# --- one run --------------------------------------------------------------------------------
run_one() {  # run_one DATABASE SCENARIO
  local database="$1" scenario="$2" classes students users rate run_time dir url port pg_name=""
  case "$scenario" in
    class)  classes=1;  students=30; users=31;  rate=1;  run_time="${LOAD_CLASS_TIME:-4m}" ;;
    school) classes=10; students=29; users=300; rate=3;  run_time="${LOAD_SCHOOL_TIME:-6m}" ;;
    *) echo "loadtest/run.sh: unknown scenario $scenario (class, school)" >&2; exit 2 ;;
  esac
  dir="$OUT/$database-$scenario"
  mkdir -p "$dir"
  if [ "$database" = sqlite ]; then
    url="sqlite:///$WORK/$scenario.db"
  else
    [ -n "${LOAD_DATABASE_URL:-}" ] || { echo "loadtest/run.sh: postgresql needs LOAD_DATABASE_URL" >&2; exit 2; }
    pg_name="klantreislab_load_${scenario}_$("$PY" -c 'import secrets; print(secrets.token_hex(4))')"
    url="$("$PY" loadtest/pgdb.py create "$LOAD_DATABASE_URL" "$pg_name")"
  fi
  echo "=== $database / $scenario: $users users, $run_time, $WORKERS workers x $THREADS threads -> $dir"
  export DATABASE_URL="$url"
  "$VENV/bin/flask" --app courseware db upgrade >"$dir/migrate.log" 2>&1 || { cat "$dir/migrate.log" >&2; exit 1; }
  "$PY" loadtest/setup_users.py --classes "$classes" --students "$students" --out "$dir/accounts.json"

  port="$(free_port)"
  GUNICORN_BIND="127.0.0.1:$port" WEB_CONCURRENCY="$WORKERS" GUNICORN_THREADS="$THREADS" \
    GUNICORN_ACCESS_LOG="$dir/access.log" GUNICORN_LOG_LEVEL=warning \
    "$VENV/bin/gunicorn" --config gunicorn.conf.py loadtest.wsgi:app >"$dir/gunicorn.log" 2>&1 &
  GUNICORN_PID=$!
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/inloggen" 2>/dev/null && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$dir/gunicorn.log" >&2; exit 1; }
    sleep 1
  done

  { echo "start: $(date -u +%FT%TZ)"; echo "uptime before: $(uptime)"; nproc; free -m | head -2
    if [ -n "$PRIORITY" ]; then echo "$PRIORITY"; fi; } >"$dir/machine.txt"
  local seconds spy_pid=""
  seconds="$("$PY" -c "import sys; t=sys.argv[1]; print(int(t[:-1]) * {'s':1,'m':60,'h':3600}[t[-1]])" "$run_time")"
  if [ "${LOAD_PROFILE:-0}" = 1 ]; then  # one worker, the whole run: where the CPU time goes
    "$VENV/bin/py-spy" record --pid "$(pgrep -P "$GUNICORN_PID" | head -n 1)" --format raw --output "$dir/profile-worker.txt" \
      --nonblocking --duration "$seconds" >"$dir/py-spy.log" 2>&1 &
    spy_pid=$!
  fi
  local hog_pid=""
  if [ "${LOAD_BUSY:-0}" = 1 ]; then  # a busy school server: one core taken by something else
    if command -v stress-ng >/dev/null; then
      stress-ng --cpu 1 --timeout "$(( seconds + 60 ))s" >/dev/null 2>&1 &
    else
      timeout "$(( seconds + 60 ))" "$PY" -c 'while True: pass' &
    fi
    hog_pid=$!
    echo "busy: a CPU hog ran beside gunicorn (pid $hog_pid)" >>"$dir/machine.txt"
  fi
  local fault_pid=""
  if [ "$FAULT" = 1 ]; then
    inject_fault "$database" "$dir" "$WORK/$scenario.db" &
    fault_pid=$!
  fi
  LOAD_ACCOUNTS="$dir/accounts.json" LOAD_EXPECTED="$dir/expected_saves.json" LOAD_THINK="${LOAD_THINK:-1}" \
    timeout --signal=INT --kill-after=30 "$(( seconds + 120 ))" \
    "$VENV/bin/locust" -f loadtest/locustfile.py --headless -H "http://127.0.0.1:$port" \
      -u "$users" -r "$rate" --run-time "$run_time" --stop-timeout 0 --csv "$dir/locust" \
      --only-summary --loglevel WARNING --exit-code-on-error 0 >"$dir/locust.log" 2>&1 \
    || { echo "loadtest/run.sh: locust failed, see $dir/locust.log" >&2; tail -n 30 "$dir/locust.log" >&2; }
  echo "uptime after: $(uptime)" >>"$dir/machine.txt"
  [ -n "$spy_pid" ] && { wait "$spy_pid" || true; }
  [ -n "$fault_pid" ] && { wait "$fault_pid" || true; }
  [ -n "$hog_pid" ] && { kill "$hog_pid" 2>/dev/null || true; wait "$hog_pid" 2>/dev/null || true; }
  stop_gunicorn  # graceful: requests in progress finish before the database is checked

  local lost=0
  "$PY" loadtest/check_saves.py "$dir/expected_saves.json" --json "$dir/lost_saves.json" || lost=1
  if [ -n "$pg_name" ]; then "$PY" loadtest/pgdb.py drop "$LOAD_DATABASE_URL" "$pg_name"; fi
  unset DATABASE_URL
  "$PY" loadtest/report.py "$dir" | tee "$dir/summary.md"
  if [ "$FAULT" = 1 ]; then "$PY" loadtest/fault_report.py "$dir" | tee -a "$dir/summary.md"; fi
  return "$lost"
}

status=0
for database in $DATABASES; do
  for scenario in $SCENARIOS; do
    run_one "$database" "$scenario" || status=1
  done
done
echo "loadtest/run.sh: results in $OUT"
exit "$status"
