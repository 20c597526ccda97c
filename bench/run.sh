#!/usr/bin/env bash
# `make bench`: measures Jielu side by side with redis and nginx on this
# machine and writes bench/RESULTS.md.
#
# It builds release binaries, installs redis-server, redis-tools, nginx
# (nginx-light) and wrk from Debian when run as root, starts every server
# itself on free 127.0.0.1 ports with data in a fresh directory under
# /var/tmp (a disk, not tmpfs, so fsync costs what it costs), runs the pairs
# back to back, stops everything it started on exit, and deletes the data.
#
# Settings (environment, default):
#   JIELU_BENCH_SCRATCH      swift build --scratch-path (SwiftPM's default .build)
#   JIELU_BENCH_RPC_S        seconds per Jielu RPC run (5)
#   JIELU_BENCH_HTTP_S       seconds per wrk run (10)
#   JIELU_BENCH_REPORT_S     seconds of report load (10)
#   JIELU_BENCH_LATENCY_S    seconds per growth latency run (5)
#   JIELU_BENCH_LARGE        cases of the large growth step (1000000)
#   JIELU_BENCH_KEEP         1 keeps the work directory and its logs
#   JIELU_BENCH_OUTPUT       page to write (bench/RESULTS.md)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
run_started=$(date +%s)

rpc_seconds=${JIELU_BENCH_RPC_S:-5}
http_seconds=${JIELU_BENCH_HTTP_S:-10}
report_seconds=${JIELU_BENCH_REPORT_S:-10}
latency_seconds=${JIELU_BENCH_LATENCY_S:-5}
small_cases=10000
large_cases=${JIELU_BENCH_LARGE:-1000000}
output=${JIELU_BENCH_OUTPUT:-$root/bench/RESULTS.md}
scratch=()
if [ -n "${JIELU_BENCH_SCRATCH:-}" ]; then
    scratch=(--scratch-path "$JIELU_BENCH_SCRATCH")
fi

# --- Tools and binaries -----------------------------------------------------

packages=(redis-server redis-tools wrk)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    packages+=(nginx-light)
fi
scripts/ensure-packages.sh "${packages[@]}"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

echo "bench: building release binaries" >&2
swift build -c release "${scratch[@]}" --product jielu-bench >&2
swift build -c release "${scratch[@]}" >&2
bin=$(swift build -c release "${scratch[@]}" --show-bin-path)
bench=$bin/jielu-bench

work=$(mktemp -d /var/tmp/jielu-bench.XXXXXX)
# nginx workers run as another user and must read the served file.
chmod 755 "$work"
raw=$work/raw
facts=$work/facts.txt
# A throw-away admin token for the staff case list; the registry stores its hash.
admin_token=jl_bench_admin_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$raw"
: >"$facts"

# --- Process bookkeeping ----------------------------------------------------

declare -A service_pid=()
extra_pids=()

stop_pid() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for name in "${!service_pid[@]}"; do
        stop_pid "${service_pid[$name]}"
    done
    for pid in "${extra_pids[@]}"; do
        stop_pid "$pid"
    done
    if [ "${JIELU_BENCH_KEEP:-0}" = "1" ] || [ "$status" -ne 0 ]; then
        echo "bench: work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fact() {
    echo "$1=$2" >>"$facts"
}

command_number=0
failures=0

# Records a command line for RESULTS.md, with the build and work folders
# written as $BIN and $WORK and the throw-away admin token as $ADMIN_TOKEN.
note_command() {
    command_number=$((command_number + 1))
    local shown="$*"
    shown=${shown//$bin/\$BIN}
    shown=${shown//$work/\$WORK}
    shown=${shown//$admin_token/\$ADMIN_TOKEN}
    fact "command.$(printf '%02d' "$command_number")" "$shown"
    echo "bench: $shown" >&2
}

# Records and runs a command; its standard output (key=value facts) goes to
# the facts file. A failure is recorded and the run goes on, so the page
# still shows every figure; the script exits 1 at the end.
measure() {
    note_command "$@"
    local status=0
    "$@" >>"$facts" || status=$?
    if [ "$status" -ne 0 ]; then
        failures=$((failures + 1))
        fact "failure.$(printf '%02d' "$command_number")" "exit status $status"
        echo "bench: FAILED with exit status $status" >&2
    fi
}

# Same, with standard output saved to FILE in $WORK/raw.
measure_raw() {
    local file=$1
    shift
    note_command "$@" "> \$WORK/raw/$file"
    local status=0
    "$@" >"$raw/$file" || status=$?
    if [ "$status" -ne 0 ]; then
        failures=$((failures + 1))
        fact "failure.$(printf '%02d' "$command_number")" "exit status $status"
        echo "bench: FAILED with exit status $status" >&2
    fi
}

# --- The mesh ---------------------------------------------------------------

read -r -a ports <<<"$("$bench" free-ports --count 9)"
registry_port=${ports[0]}
intake_port=${ports[1]}
dispatch_port=${ports[2]}
metrics_port=${ports[3]}
markets_port=${ports[4]}
gateway_port=${ports[5]}
redis_port=${ports[6]}
nginx_port=${ports[7]}
solo_port=${ports[8]}
# Every service of the mesh, in start order; the gateway's /healthz checks the others.
mesh_services=(registry metrics dispatch intake markets gateway)

export JIELU_PEER_REGISTRY=127.0.0.1:$registry_port JIELU_PEER_INTAKE=127.0.0.1:$intake_port
export JIELU_PEER_DISPATCH=127.0.0.1:$dispatch_port JIELU_PEER_METRICS=127.0.0.1:$metrics_port
export JIELU_PEER_MARKETS=127.0.0.1:$markets_port JIELU_GATEWAY=127.0.0.1:$gateway_port

# start_service NAME DATA_ROOT: starts jielu-NAME in the background with its
# data in DATA_ROOT/NAME and its log in DATA_ROOT/NAME.log.
start_service() {
    local name=$1 data=$2 port
    case $name in
        registry) port=$registry_port ;;
        intake) port=$intake_port ;;
        dispatch) port=$dispatch_port ;;
        metrics) port=$metrics_port ;;
        markets) port=$markets_port ;;
        gateway) port=$gateway_port ;;
    esac
    mkdir -p "$data/$name"
    note_command "$bin/jielu-$name" --listen "127.0.0.1:$port" --data-dir "$data/$name" "&"
    JIELU_BOOTSTRAP_ADMIN_TOKEN=$admin_token "$bin/jielu-$name" --listen "127.0.0.1:$port" --data-dir "$data/$name" \
        2>>"$data/$name.log" &
    service_pid[$name]=$!
}

stop_service() {
    local name=$1
    if [ -n "${service_pid[$name]:-}" ]; then
        stop_pid "${service_pid[$name]}"
        unset "service_pid[$name]"
    fi
}

backends="127.0.0.1:$registry_port,127.0.0.1:$intake_port,127.0.0.1:$dispatch_port,127.0.0.1:$metrics_port"
backends+=",127.0.0.1:$markets_port"

# start_mesh DATA_ROOT: starts every service at once, as `make run` does,
# and records the time until every health check is SERVING.
start_mesh() {
    local data=$1 since
    since=$(date +%s%N)
    for name in "${mesh_services[@]}"; do
        start_service "$name" "$data"
    done
    measure "$bench" await-serving --since-ns "$since" --rpc "$backends" --gateway "127.0.0.1:$gateway_port"
    note_command "$bin/jielu" load-district deploy/data/district.json
    "$bin/jielu" load-district deploy/data/district.json >&2
}

stop_mesh() {
    local index
    for ((index = ${#mesh_services[@]} - 1; index >= 0; index--)); do
        stop_service "${mesh_services[$index]}"
    done
}

rss_kb() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

record_rss() {
    local phase=$1
    for name in "${mesh_services[@]}"; do
        fact "rss.$phase.${name}_kb" "$(rss_kb "${service_pid[$name]}")"
    done
}

# --- Facts about the machine ------------------------------------------------

fact meta.date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
fact meta.cpu_model "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
fact meta.cores "$(nproc)"
fact meta.memory "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
fact meta.kernel "$(uname -r)"
fact meta.disk "$(df -T "$work" | awk 'NR == 2 { print $1 " (" $2 ")" }')"
fact meta.swift_version "$(swift --version 2>/dev/null | head -1)"
fact meta.redis_version "$(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')"
fact meta.nginx_version "$("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')"
fact meta.wrk_version "$(wrk -v 2>&1 | head -1 | awk '{ print $1 " " $2 }')"
fact meta.git_commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"

# --- 1. RPC: Jielu Health/Check vs redis PING -------------------------------

echo "bench: 1. RPC" >&2
mkdir -p "$work/solo"
# One event loop, as redis-server serves from one thread: each server of the
# pair leaves the other core to its load generator.
note_command "$bin/jielu-registry" --listen "127.0.0.1:$solo_port" --data-dir "$work/solo" --loops 1 "&"
note_command redis-server --bind 127.0.0.1 --port "$redis_port" --save "''" --appendonly no "&"
"$bin/jielu-registry" --listen "127.0.0.1:$solo_port" --data-dir "$work/solo" --loops 1 2>>"$work/solo.log" &
extra_pids+=($!)
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize no \
    --logfile "$work/redis.log" &
extra_pids+=($!)
"$bench" await-serving --since-ns "$(date +%s%N)" --rpc "127.0.0.1:$solo_port" >/dev/null
for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.05
done

for connections in 1 32 256; do
    measure "$bench" rpc --address "127.0.0.1:$solo_port" --connections "$connections" --duration "$rpc_seconds" --warmup 1
    # Size the redis run to last about as long as the Jielu run did.
    jielu_rps=$(awk -F= -v key="rpc.$connections.rps" '$1 == key { value = $2 } END { print int(value) }' "$facts")
    requests=$(( (jielu_rps > 20000 ? jielu_rps : 20000) * rpc_seconds ))
    measure_raw "redis-$connections.csv" redis-benchmark -h 127.0.0.1 -p "$redis_port" -t ping -c "$connections" \
        -n "$requests" -P 1 --csv
done
for pid in "${extra_pids[@]}"; do
    stop_pid "$pid"
done
extra_pids=()

# --- The mesh: start-up time, HTTP and the report path ----------------------

echo "bench: starting the mesh" >&2
mesh=$work/mesh
start_mesh "$mesh"
sleep 1
record_rss idle

echo "bench: 2. HTTP" >&2
mkdir -p "$work/nginx/tmp"
measure "$bench" get --address "127.0.0.1:$gateway_port" --path /api/v1/categories --output "$work/nginx/categories.json"
chmod 644 "$work/nginx/categories.json"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        location = /api/v1/categories {
            default_type application/json;
            alias $work/nginx/categories.json;
        }
    }
}
EOF
note_command "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" "&" "# worker_processes auto, access_log off"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>>"$work/nginx/error.log" &
extra_pids+=($!)
sleep 0.5

measure_raw wrk-gateway.txt wrk -t2 -c64 "-d${http_seconds}s" --latency "http://127.0.0.1:$gateway_port/api/v1/categories"
measure_raw wrk-nginx.txt wrk -t2 -c64 "-d${http_seconds}s" --latency "http://127.0.0.1:$nginx_port/api/v1/categories"
for pid in "${extra_pids[@]}"; do
    stop_pid "$pid"
done
extra_pids=()

echo "bench: 3. report path" >&2
measure timeout 400 "$bench" reports --gateway "127.0.0.1:$gateway_port" --registry "127.0.0.1:$registry_port" \
    --connections 64 --duration "$report_seconds" --dispatch-db "$mesh/dispatch/dispatch.sqlite" \
    --verify-timeout 300
record_rss after_reports
stop_mesh
measure "$bench" sqlite-commits --path "$work/ceiling.sqlite" --duration 5

# --- 4. Growth --------------------------------------------------------------

echo "bench: 4. growth" >&2
growth=$work/growth
start_mesh "$growth"
fact growth.duration_s "$latency_seconds"
fact growth.small_cases "$small_cases"
fact growth.large_cases "$large_cases"
previous=0
for cases in "$small_cases" "$large_cases"; do
    for name in intake dispatch metrics; do
        stop_service "$name"
    done
    measure timeout 900 "$bench" seed --registry "127.0.0.1:$registry_port" --from "$previous" --to "$cases" \
        --intake-db "$growth/intake/intake.sqlite" --dispatch-db "$growth/dispatch/dispatch.sqlite" \
        --metrics-db "$growth/metrics/metrics.sqlite"
    previous=$cases
    for name in metrics dispatch intake; do
        start_service "$name" "$growth"
    done
    "$bench" await-serving --since-ns "$(date +%s%N)" --rpc "$backends" --gateway "127.0.0.1:$gateway_port" >/dev/null
    assignee=$(awk -F= -v key="seed.$cases.busiest_assignee" '$1 == key { value = $2 } END { print value }' "$facts")
    for kind in track cases summary; do
        measure "$bench" latency --gateway "127.0.0.1:$gateway_port" --kind "$kind" --cases "$cases" \
            --assignee "$assignee" --token "$admin_token" --duration "$latency_seconds" --warmup 1
    done
done
stop_mesh

# --- The page ---------------------------------------------------------------

fact meta.duration_s "$(($(date +%s) - run_started))"
"$bench" write-results --facts "$facts" --raw-dir "$raw" --output "$output"
echo "bench: wrote $output" >&2
if [ "$failures" -ne 0 ]; then
    echo "bench: FAILED: $failures measuring commands failed (listed in $output)" >&2
    exit 1
fi
