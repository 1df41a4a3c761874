#!/usr/bin/env bash
# Start-up on an empty data dir: start -> first 200 from /-/ready, for Argus published without and with ReadyToRun and for
# Prometheus, alternating, N rounds. Usage: empty_start.sh JIT_BIN R2R_BIN OUT.jsonl [N]
#   dotnet publish src/Argus -c Release -o /tmp/su-jit
#   dotnet publish src/Argus -c Release -r linux-x64 --self-contained false -o /tmp/su-r2r
set -euo pipefail
jit=$1 r2r=$2 out=$3 rounds=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for i in $(seq "$rounds"); do
  for kind in jit r2r prometheus; do
    rm -rf "$scratch/data" "$scratch/one.json"
    case $kind in
      jit) args=(--kind argus --bin "$jit") ;;
      r2r) args=(--kind argus --bin "$r2r") ;;
      prometheus) args=(--kind prometheus --bin "$(command -v prometheus)") ;;
    esac
    python3 "$here/restart_time.py" "${args[@]}" --data "$scratch/data" --out "$scratch/one.json" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["variant"]=sys.argv[2]; r["round"]=int(sys.argv[3]); print(json.dumps(r))' \
      "$scratch/one.json" "$kind" "$i" >> "$out"
  done
done
