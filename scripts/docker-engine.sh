#!/usr/bin/env bash
# Makes sure a Docker engine answers, for `pnpm test:deploy` and for building the images by hand.
# Machines of this project's kind run no engine by default: install Debian's docker.io when dockerd
# is missing, start it in the background (overlay2, log in /var/log/dockerd.log) and wait for it.
# Idempotent: does nothing when `docker info` already succeeds.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  echo "docker-engine: installing docker.io from Debian"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
fi

LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
# Two callers at once must not start two daemons: the second waits for the first one's engine.
exec 9>/run/red-butler-dockerd.lock
flock 9
if ! docker info >/dev/null 2>&1; then
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    echo "docker-engine: starting dockerd (log: $LOG)"
    # setsid: the daemon must outlive the shell (and the test run) that started it.
    setsid nohup dockerd --storage-driver overlay2 >>"$LOG" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
fi
flock -u 9

if ! docker info >/dev/null 2>&1; then
  echo "docker-engine: dockerd did not answer within 60 s; last lines of $LOG:" >&2
  tail -n 20 "$LOG" >&2 || true
  exit 1
fi
echo "docker-engine: $(docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}')"
