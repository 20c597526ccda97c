#!/usr/bin/env bash
# Starts the whole Jielu mesh on 127.0.0.1 from the debug build, loads the
# reference district on first start and stays in the foreground; Ctrl-C
# stops every service cleanly. Data lives under $JIELU_RUN_DATA (default
# ./run-data) and is kept between runs.
#
# The markets dataset is loaded on first start too, after the district.
#
# With --demo it starts a throw-away mesh on other ports, replays the
# resident reports through the gateway, runs a market day and prints the
# metrics summary. The demo's markets service checks manifest expiry every
# 500 ms, so its short-window manifest raises its case within seconds.
#
# Settings: JIELU_RUN_DATA, JIELU_GATEWAY_PORT (8080), JIELU_PORT_BASE (7101:
# registry, +1 intake, +2 dispatch, +3 metrics, +4 markets).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
bin=$(swift build --show-bin-path)

demo=false
if [ "${1:-}" = "--demo" ]; then
    demo=true
fi

if $demo; then
    data=$(mktemp -d -t jielu-demo.XXXXXX)
    gateway_port=${JIELU_GATEWAY_PORT:-18080}
    port_base=${JIELU_PORT_BASE:-17101}
else
    data=${JIELU_RUN_DATA:-$root/run-data}
    gateway_port=${JIELU_GATEWAY_PORT:-8080}
    port_base=${JIELU_PORT_BASE:-7101}
fi
mkdir -p "$data/logs"
chmod 700 "$data"

registry=127.0.0.1:$port_base
intake=127.0.0.1:$((port_base + 1))
dispatch=127.0.0.1:$((port_base + 2))
metrics=127.0.0.1:$((port_base + 3))
markets=127.0.0.1:$((port_base + 4))
gateway=127.0.0.1:$gateway_port

export JIELU_PEER_REGISTRY=$registry JIELU_PEER_INTAKE=$intake JIELU_PEER_DISPATCH=$dispatch
export JIELU_PEER_METRICS=$metrics JIELU_PEER_MARKETS=$markets JIELU_GATEWAY=$gateway

# No configuration file unless JIELU_CONFIG names one, so an installed
# /etc/jielu/jielu.conf does not leak into a development mesh.
export JIELU_CONFIG="${JIELU_CONFIG:-}"

# Every connection in the mesh is authenticated, as in production: one
# mesh secret is made once and kept with the data, and every program
# (services, gateway, `jielu`) reads it through JIELU_MESH_SECRET_FILE.
secret_file=$data/mesh.secret
if [ ! -s "$secret_file" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$secret_file")
fi
export JIELU_MESH_SECRET_FILE=$secret_file

# The same settings for `jielu` in another terminal: `source run-data/jielu.env`.
cat >"$data/jielu.env" <<EOF
# Written by make run: the settings the jielu CLI needs to reach this mesh.
export JIELU_PEER_REGISTRY=$registry JIELU_PEER_INTAKE=$intake JIELU_PEER_DISPATCH=$dispatch
export JIELU_PEER_METRICS=$metrics JIELU_PEER_MARKETS=$markets JIELU_GATEWAY=$gateway
export JIELU_MESH_SECRET_FILE=$secret_file
export JIELU_CONFIG=
EOF

# The first admin token is made once and kept with the data.
token_file=$data/admin-token
if [ ! -s "$token_file" ]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/^/jl_admin_/' > "$token_file")
fi
admin_token=$(cat "$token_file")

pids=()
stop_all() {
    trap - INT TERM EXIT
    echo
    echo "正在停止所有服务…"
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if $demo; then
        rm -rf "$data"
    fi
    echo "已停止。"
    exit "${1:-0}"
}
trap 'stop_all 0' INT TERM
trap 'stop_all $?' EXIT

start() {
    local name=$1
    shift
    mkdir -p "$data/$name"
    "$bin/jielu-$name" --data-dir "$data/$name" "$@" 2>>"$data/logs/$name.log" &
    pids+=($!)
}

JIELU_BOOTSTRAP_ADMIN_TOKEN=$admin_token start registry --listen "$registry"
start metrics --listen "$metrics"
start dispatch --listen "$dispatch"
start intake --listen "$intake"
if $demo; then
    start markets --listen "$markets" --sweep-interval-ms 500
else
    start markets --listen "$markets"
fi
start gateway --listen "$gateway"

# Wait up to 10 s for every health check to pass.
for _ in $(seq 1 100); do
    if "$bin/jielu" health >/dev/null 2>&1; then
        break
    fi
    sleep 0.1
done
# A service that could not start (a port in use, say) has exited by now;
# checking our own processes keeps another mesh on the same ports from
# passing the health check in its place.
sleep 0.5
for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "有服务启动失败（例如端口被占用），日志见 $data/logs/；可用 JIELU_GATEWAY_PORT 和 JIELU_PORT_BASE 换端口。" >&2
        echo "a service failed to start; see $data/logs/" >&2
        exit 1
    fi
done
if ! "$bin/jielu" health; then
    echo "部分服务未能启动，日志见 $data/logs/" >&2
    exit 1
fi

if [ ! -e "$data/registry/district-loaded" ]; then
    "$bin/jielu" load-district deploy/data/district.json
    touch "$data/registry/district-loaded"
fi
if [ ! -e "$data/markets/markets-loaded" ]; then
    "$bin/jielu" load-markets deploy/data/markets.json
    touch "$data/markets/markets-loaded"
fi

if $demo; then
    "$bin/jielu" demo --reports deploy/data/reports.json --markets deploy/data/markets.json --admin-token "$admin_token"
    exit 0
fi

echo
echo "街路 Jielu 已启动 / Jielu is running"
echo "  网关 Gateway:      http://$gateway/"
echo "  健康检查 Health:   http://$gateway/healthz"
echo "  集装箱市场 Markets: http://$gateway/markets"
echo "  管理员令牌 Admin token: $token_file"
echo "  日志 Logs:         $data/logs/"
echo "  命令行设置 CLI settings: source $data/jielu.env   (然后 then: .build/debug/jielu health)"
echo "  公示牌示例 Sample boards (scan = open):"
grep -o '"board_code": "[0-9A-Z]*"' deploy/data/district.json | head -3 | sed 's/.*: "\(.*\)"/    http:\/\/'"$gateway"'\/r\/\1/'
echo "按 Ctrl-C 停止所有服务 / press Ctrl-C to stop every service"
wait
