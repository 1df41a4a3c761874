#!/usr/bin/env bash
# Runs the image the way deploy/kubernetes does (read-only root filesystem, a non-root numeric user that is not the
# image's own, data on a writable volume) and checks it answers: /-/ready, then a PromQL query over its own scrape.
#
# Usage: deploy/image/check.sh [--tag argus:0.1.0] [--port 19090] [--user 65532] [--sandbox] [--network-host]
# --sandbox: for a container host without CAP_SYS_RESOURCE and with hybrid cgroups (as in this project's build sandbox):
#   run with runc (crun refuses hybrid cgroups) and ulimits no higher than the current ones (podman's defaults raise them).
# --network-host: skip the port mapping (where podman cannot set up its bridge network); argus then listens on
#   127.0.0.1:PORT of the host network.
set -euo pipefail

# The comment block above, as help text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

tag="argus:0.1.0"
port=19090
user=65532
network_host=false
sandbox=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --user) user="${2:?--user needs a value}"; shift 2 ;;
    --network-host) network_host=true; shift ;;
    --sandbox) sandbox=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check.sh: unknown argument \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
done
command -v podman >/dev/null || { echo "check.sh: podman is not installed (apt-get install -y podman)" >&2; exit 1; }
command -v curl >/dev/null || { echo "check.sh: curl is not installed" >&2; exit 1; }

name="argus-check-$$"
data="$(mktemp -d "${TMPDIR:-/tmp}/argus-check-data.XXXXXX")"
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

# The data directory is a host directory owned by the container's user, as a PersistentVolumeClaim is writable through
# the pod's fsGroup. (A fresh podman named volume would not do: podman 4.3 gives it the owner of the image's
# /var/lib/argus, uid 1654, even with :U.) /tmp is a tmpfs under --read-only by default.
chown "$user:$user" "$data"
podman=(podman)
run=(run -d --name "$name" --read-only --user "$user" -v "$data:/var/lib/argus")
if $sandbox; then
  podman+=(--runtime runc)
  run+=(--ulimit "nofile=$(ulimit -n):$(ulimit -Hn)" --ulimit "nproc=4096:4096")
fi
if $network_host; then
  run+=(--network host "$tag" serve --storage.tsdb.path=/var/lib/argus "--web.listen-address=127.0.0.1:$port")
else
  run+=(-p "127.0.0.1:$port:9090" "$tag")
fi
echo "check.sh: ${podman[*]} ${run[*]}" >&2
"${podman[@]}" "${run[@]}" >/dev/null

base="http://127.0.0.1:$port"
ready=false
for _ in $(seq 1 60); do
  if [[ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != "true" ]]; then
    echo "check.sh: the container stopped:" >&2
    podman logs "$name" >&2 || true
    exit 1
  fi
  if curl -fsS "$base/-/ready" >/dev/null 2>&1; then ready=true; break; fi
  sleep 1
done
$ready || { echo "check.sh: $base/-/ready did not answer 200 within 60 s" >&2; podman logs "$name" >&2 || true; exit 1; }
echo "check.sh: $(curl -fsS "$base/-/ready")" >&2

# The embedded default configuration scrapes argus itself: wait for its first scrape to land.
answer=""
for _ in $(seq 1 60); do
  answer="$(curl -fsS "$base/api/v1/query" --data-urlencode 'query=up{job="argus"}' || true)"
  if [[ "$answer" == *'"result":[{'* ]]; then break; fi
  sleep 1
done
echo "check.sh: up{job=\"argus\"} -> $answer" >&2
[[ "$answer" == *'"status":"success"'* && "$answer" == *'"result":[{'* ]] || { echo "check.sh: no sample for up{job=\"argus\"}" >&2; podman logs "$name" >&2 || true; exit 1; }
echo "check.sh: image $tag passed (read-only root filesystem, user $user)" >&2
