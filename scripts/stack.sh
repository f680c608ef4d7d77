#!/usr/bin/env bash
# The local stack: a private PostgreSQL 15 cluster and an anvil chain, per named instance.
#
#   scripts/stack.sh up     [--name NAME]   start what is not running (idempotent)
#   scripts/stack.sh down   [--name NAME]   stop both
#   scripts/stack.sh status [--name NAME]   say what runs where
#   scripts/stack.sh env    [--name NAME]   print EMR_* settings for the running instance
#   scripts/stack.sh reset  [--name NAME]   stop and delete the instance's data
#   --only pg|anvil                          act on one service
#
# Instances ("dev" for the app, "test" for the test suite, "bench" for benchmarks) keep their
# state under .data/NAME/ so running the tests never touches the demo. Everything binds to
# 127.0.0.1 on free ports, chosen on first start and kept while the instance lives.
# Settings: EMR_PG_PORT / EMR_ANVIL_PORT force a port (an error if it is taken).
set -euo pipefail

# The servers started here outlive this script: they must not inherit the caller's open files
# (a build lock held through `flock cmd` would otherwise stay locked for as long as they run).
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null
done

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly CHAIN_ID=31337
readonly PG_USER=emr
readonly PG_DB=emrmarket
readonly WAIT_SECONDS=30

die() { echo "stack: $*" >&2; exit 1; }
say() { echo "stack: $*" >&2; }

command_name=${1:-}
[[ -n "$command_name" ]] || die "usage: stack.sh up|down|status|env|reset [--name NAME]"
shift
NAME=dev
ONLY=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME=${2:?--name needs a value}; shift 2 ;;
    --only) ONLY=${2:?--only needs pg or anvil}; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ "$NAME" =~ ^[a-z0-9-]+$ ]] || die "instance name '$NAME' must be lowercase letters, digits or '-'"
[[ -z "$ONLY" || "$ONLY" == pg || "$ONLY" == anvil ]] || die "--only takes pg or anvil, not '$ONLY'"
wants() { [[ -z "$ONLY" || "$ONLY" == "$1" ]]; }

readonly STATE="$ROOT/.data/$NAME"
mkdir -p "$STATE"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { # $1: first candidate
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# A stable first candidate per checkout and instance, so two clones rarely race for a port.
base_port() { # $1: range start
  local h; h=$(printf '%s/%s' "$ROOT" "$NAME" | cksum | cut -d' ' -f1)
  echo $(( $1 + h % 2000 ))
}

require_tool() { # $1: command, $2: how to get it
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH: $2"
}

# ---------------------------------------------------------------- PostgreSQL

pg_bin() {
  local b
  for b in "$(command -v pg_ctl 2>/dev/null || true)" /usr/lib/postgresql/15/bin/pg_ctl; do
    [[ -n "$b" && -x "$b" ]] && { dirname "$(readlink -f "$b")"; return; }
  done
  die "PostgreSQL 15 not found (pg_ctl): install it with 'apt-get install -y postgresql-15'"
}

# The cluster must live where the postgres user can enter; a checkout under a folder closed to
# other users gets its cluster under /var/tmp instead (recorded in pg.location).
pg_dir() {
  if [[ -f "$STATE/pg.location" ]]; then cat "$STATE/pg.location"; return; fi
  local dir="$STATE/pg"
  if ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
    dir="/var/tmp/emrmarket-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)/$NAME/pg"
  fi
  echo "$dir" > "$STATE/pg.location"
  echo "$dir"
}

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_running() { local dir; dir=$(pg_dir); [[ -f "$dir/postmaster.pid" ]] && as_postgres "$(pg_bin)/pg_ctl" -D "$dir" status >/dev/null 2>&1; }

pg_port() { cat "$STATE/pg.port" 2>/dev/null || true; }

pg_up() {
  local bin dir port
  bin=$(pg_bin); dir=$(pg_dir)
  if pg_running; then say "postgres ($NAME) already running on port $(pg_port)"; return; fi
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    say "initialising a PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$(dirname "$dir")"
    chmod 700 "$dir"
    as_postgres "$bin/initdb" -D "$dir" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
      || die "initdb failed; see $STATE/initdb.log"
  fi
  if [[ -f "$dir/postmaster.pid" ]]; then
    say "removing a stale postmaster.pid (no server answers for it)"
    rm -f "$dir/postmaster.pid"
  fi
  if [[ -n "${EMR_PG_PORT:-}" ]]; then
    port_in_use "$EMR_PG_PORT" && die "port $EMR_PG_PORT (EMR_PG_PORT) is already in use"
    port=$EMR_PG_PORT
  else
    port=$(pg_port)
    if [[ -z "$port" ]] || port_in_use "$port"; then port=$(free_port "$(base_port 20000)"); fi
  fi
  local durability=""
  [[ "$NAME" == test ]] && durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t "$WAIT_SECONDS" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=300 $durability" \
    start >/dev/null || die "PostgreSQL did not start within ${WAIT_SECONDS}s; see $dir/server.log"
  echo "$port" > "$STATE/pg.port"
  if ! psql -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -Atqc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -qc "create database $PG_DB" >/dev/null
  fi
  say "postgres ($NAME) listening on 127.0.0.1:$port"
}

pg_down() {
  local dir; dir=$(pg_dir)
  if pg_running; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w -t "$WAIT_SECONDS" stop >/dev/null
    say "postgres ($NAME) stopped"
  fi
}

# ---------------------------------------------------------------- anvil

anvil_bin() {
  local b="$ROOT/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
  [[ -x "$b" ]] || die "anvil not installed: run scripts/tools.sh (npm ci in contracts/)"
  echo "$b"
}

anvil_pid() { cat "$STATE/anvil.pid" 2>/dev/null || true; }
anvil_port() { cat "$STATE/anvil.port" 2>/dev/null || true; }

anvil_running() {
  local pid; pid=$(anvil_pid)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q anvil "/proc/$pid/cmdline" 2>/dev/null
}

rpc_ready() { # $1: port
  curl -sf -m 2 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$1" >/dev/null
}

anvil_up() {
  local bin port pid
  bin=$(anvil_bin)
  if anvil_running; then say "anvil ($NAME) already running on port $(anvil_port)"; return; fi
  if [[ -n "$(anvil_pid)" ]]; then say "removing a stale anvil.pid ($(anvil_pid) is not an anvil)"; rm -f "$STATE/anvil.pid"; fi
  if [[ -n "${EMR_ANVIL_PORT:-}" ]]; then
    port_in_use "$EMR_ANVIL_PORT" && die "port $EMR_ANVIL_PORT (EMR_ANVIL_PORT) is already in use"
    port=$EMR_ANVIL_PORT
  else
    port=$(anvil_port)
    if [[ -z "$port" ]] || port_in_use "$port"; then port=$(free_port "$(base_port 24000)"); fi
  fi
  local persist=()
  # The demo chain survives a restart of anvil; the test chain starts empty every time.
  [[ "$NAME" != test ]] && persist=(--state "$STATE/anvil-state.json" --state-interval 10)
  setsid "$bin" --host 127.0.0.1 --port "$port" --chain-id "$CHAIN_ID" --accounts 20 --balance 1000000 \
    "${persist[@]}" >"$STATE/anvil.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$STATE/anvil.pid"
  echo "$port" > "$STATE/anvil.port"
  for _ in $(seq 1 $((WAIT_SECONDS * 5))); do
    rpc_ready "$port" && { say "anvil ($NAME) listening on 127.0.0.1:$port (chain id $CHAIN_ID)"; return; }
    kill -0 "$pid" 2>/dev/null || die "anvil exited at start; see $STATE/anvil.log"
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  die "anvil did not answer within ${WAIT_SECONDS}s; see $STATE/anvil.log"
}

anvil_down() {
  if anvil_running; then
    local pid; pid=$(anvil_pid)
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    say "anvil ($NAME) stopped"
  fi
  rm -f "$STATE/anvil.pid"
}

# ---------------------------------------------------------------- commands

print_env() { # KEY='value' lines: safe to eval in a shell, simple to parse elsewhere
  echo "EMR_STACK='$NAME'"
  if wants pg; then
    pg_running || die "postgres ($NAME) is not running: scripts/stack.sh up --name $NAME"
    echo "EMR_PG_CONNECTION='Host=127.0.0.1;Port=$(pg_port);Username=$PG_USER;Database=$PG_DB'"
  fi
  if wants anvil; then
    anvil_running || die "anvil ($NAME) is not running: scripts/stack.sh up --name $NAME"
    echo "EMR_RPC_URL='http://127.0.0.1:$(anvil_port)'"
    echo "EMR_CHAIN_ID='$CHAIN_ID'"
  fi
  echo "EMR_DEPLOYMENT_FILE='$STATE/deployment.json'"
}

case "$command_name" in
  up)
    require_tool curl "apt-get install -y curl"
    require_tool psql "apt-get install -y postgresql-client-15"
    if wants pg; then pg_up; fi
    if wants anvil; then anvil_up; fi ;;
  down)
    if wants anvil; then anvil_down; fi
    if wants pg; then pg_down; fi ;;
  status)
    if pg_running; then echo "postgres ($NAME): running on 127.0.0.1:$(pg_port)"; else echo "postgres ($NAME): stopped"; fi
    if anvil_running; then echo "anvil ($NAME): running on 127.0.0.1:$(anvil_port)"; else echo "anvil ($NAME): stopped"; fi ;;
  env) print_env ;;
  reset)
    anvil_down; pg_down
    rm -rf "$(pg_dir)" "$STATE"
    say "instance $NAME deleted" ;;
  *) die "unknown command '$command_name' (up|down|status|env|reset)" ;;
esac
