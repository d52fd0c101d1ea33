#!/usr/bin/env bash
# A throw-away RabbitMQ node for tests and local clusters: listens on 127.0.0.1 only (AMQP,
# Erlang distribution and epmd), keeps its data under a temporary folder, needs no systemd.
#   scripts/broker.sh start    start it (idempotent) and wait until it serves AMQP
#   scripts/broker.sh stop     stop it and delete its data
#   scripts/broker.sh restart  stop (keeping data) and start again
#   scripts/broker.sh status
# Port: IMPALA_BROKER_PORT (default 5679); data: IMPALA_BROKER_HOME (default /tmp/impala-broker).
set -euo pipefail
port="${IMPALA_BROKER_PORT:-5679}"
home="${IMPALA_BROKER_HOME:-/tmp/impala-broker}"
node="impala-${port}@localhost"

export RABBITMQ_NODENAME="$node"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT=$((port + 20000))
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE="$home/mnesia"
export RABBITMQ_LOG_BASE="$home/log"
export RABBITMQ_CONFIG_FILE="$home/rabbitmq"
export RABBITMQ_ENABLED_PLUGINS_FILE="$home/enabled_plugins"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

prepare() {
  mkdir -p "$home/mnesia" "$home/log"
  printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users.guest = true\n' "$port" > "$home/rabbitmq.conf"
  echo "[]." > "$home/enabled_plugins"
  chmod -R a+rwX "$home"
}

running() { rabbitmqctl -n "$node" -q status >/dev/null 2>&1; }

start() {
  if running; then return 0; fi
  prepare
  rabbitmq-server -detached >/dev/null 2>&1
  for _ in $(seq 1 120); do
    if running && rabbitmqctl -n "$node" -q await_startup >/dev/null 2>&1; then
      echo "broker.sh: RabbitMQ $node on amqp://127.0.0.1:$port" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "broker.sh: RabbitMQ did not start within 60s; log: $home/log" >&2
  exit 1
}

stop() {
  if running; then rabbitmqctl -n "$node" -q stop >/dev/null 2>&1 || true; fi
  for _ in $(seq 1 60); do running || break; sleep 0.5; done
}

case "${1:-}" in
  start) start ;;
  stop) stop; rm -rf "$home" ;;
  restart) stop; start ;;
  status) if running; then echo "running: amqp://127.0.0.1:$port ($node)"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: scripts/broker.sh start|stop|restart|status" >&2; exit 2 ;;
esac
