#!/usr/bin/env bash
# Builds the argus image the Dockerfile describes, without a Docker daemon and without pulling any registry image:
#   1. `dotnet publish` a self-contained linux-x64 argus (the .NET runtime inside, so no aspnet base image is needed);
#   2. a root filesystem holding only that, the shared libraries it links or loads (found with ldd on this Debian host,
#      plus OpenSSL, which .NET loads at run time), CA certificates, time zones, /etc/passwd and the data directory;
#   3. `buildah from scratch`, copy the root filesystem in, set user 1654 (numeric, as the Dockerfile), the entrypoint
#      /app/argus, CMD serve --storage.tsdb.path=/var/lib/argus, ports 9090/9100; commit as IMAGE (and optionally write
#      an OCI archive for `podman load`, `skopeo copy` or `ctr import`).
# Nothing outside the image is written but the buildah storage and, with --oci-archive, that file.
#
# Usage: deploy/image/build.sh [--tag argus:0.1.0] [--oci-archive argus.tar] [--skip-publish DIR]
# Needs: dotnet (SDK 10), buildah, ldd (libc-bin), ca-certificates. Run as root, or as a user set up for rootless buildah.
set -euo pipefail

# The comment block above, as help text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

tag="argus:0.1.0"
oci_archive=""
published=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --oci-archive) oci_archive="${2:?--oci-archive needs a path}"; shift 2 ;;
    --skip-publish) published="${2:?--skip-publish needs the directory of an earlier publish}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown argument \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
done

for tool in buildah ldd; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is not installed (apt-get install -y buildah libc-bin)" >&2; exit 1; }
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/argus-image.XXXXXX")"
container=""
cleanup() {
  if [[ -n "$container" ]]; then buildah rm "$container" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The app user of the .NET base images the Dockerfile uses: numeric so that Kubernetes' runAsNonRoot can verify it.
app_uid=1654

# --- 1. publish ------------------------------------------------------------------------------------------------------
if [[ -z "$published" ]]; then
  command -v dotnet >/dev/null || { echo "build.sh: dotnet is not installed" >&2; exit 1; }
  published="$work/publish"
  echo "build.sh: publishing a self-contained linux-x64 argus into $published" >&2
  dotnet publish "$repo/src/Argus/Argus.csproj" -c Release -r linux-x64 --self-contained true \
    -p:UseAppHost=true -p:DebugType=none -p:GenerateDocumentationFile=false -o "$published" >&2
fi
[[ -x "$published/argus" ]] || { echo "build.sh: $published/argus is missing or not executable" >&2; exit 1; }

# --- 2. root filesystem ----------------------------------------------------------------------------------------------
rootfs="$work/rootfs"
mkdir -p "$rootfs/app" "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/lib"
chmod 1777 "$rootfs/tmp"
cp -a "$published/." "$rootfs/app/"

# Copies a host file into the root filesystem at the same path, following symlinks (the loader is found by path).
copy_host_file() {
  local src="$1"
  [[ -e "$src" ]] || return 0
  mkdir -p "$rootfs$(dirname "$src")"
  cp -L "$src" "$rootfs$src"
}

# Shared libraries the executable and the runtime's native parts link against, as this host resolves them.
libs_file="$work/libs"
: > "$libs_file"
while IFS= read -r -d '' elf; do
  ldd "$elf" 2>/dev/null | awk '/=>/ && $3 ~ /^\// { print $3 } /^[[:space:]]*\/[^ ]+ \(/ { print $1 }' >> "$libs_file" || true
done < <(find "$rootfs/app" -type f \( -name argus -o -name '*.so' \) -print0)
# Loaded with dlopen, so ldd does not list them: OpenSSL (System.Net.Security, TLS scrapes and webhooks).
for soname in libssl.so.3 libcrypto.so.3; do
  path="$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64/ { print $NF; exit }')"
  [[ -n "$path" ]] || { echo "build.sh: $soname not found on this host (apt-get install -y libssl3)" >&2; exit 1; }
  echo "$path" >> "$libs_file"
done
# Libraries the app directory itself provides (found through $ORIGIN) are already in place.
sort -u "$libs_file" | { grep -v "^$rootfs/" || true; } | while IFS= read -r lib; do copy_host_file "$lib"; done
# The ELF interpreter must exist at the path compiled into the executable.
interp="$(ldd "$rootfs/app/argus" | awk '/ld-linux/ { print ($3 ~ /^\// ? $3 : $1); exit }')"
copy_host_file "$interp"
case "$interp" in /lib64/*) ;; *) copy_host_file /lib64/ld-linux-x86-64.so.2 ;; esac

# CA certificates (HTTPS scrapes, Slack) and time zones (TimeZoneInfo, time_intervals with a location).
copy_host_file /etc/ssl/certs/ca-certificates.crt
if [[ -d /usr/share/zoneinfo ]]; then
  mkdir -p "$rootfs/usr/share"
  cp -a /usr/share/zoneinfo "$rootfs/usr/share/"
fi

cat > "$rootfs/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
app:x:$app_uid:$app_uid:app:/var/lib/argus:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<GROUP
root:x:0:
app:x:$app_uid:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

# --- 3. image --------------------------------------------------------------------------------------------------------
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/src/Argus/Argus.csproj" | head -n1)"
revision="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
container="$(buildah from scratch)"
buildah copy "$container" "$rootfs" / >/dev/null
# The data directory owned by the app user, so that a fresh named volume is writable too. buildah copies a directory's
# contents, so the parent is copied to chown argus/ itself.
mkdir -p "$work/var-lib/argus"
buildah copy --chown "$app_uid:$app_uid" "$container" "$work/var-lib" /var/lib >/dev/null
buildah config \
  --user "$app_uid" \
  --workingdir /var/lib/argus \
  --port 9090 --port 9100 \
  --env DOTNET_RUNNING_IN_CONTAINER=true \
  --entrypoint '["/app/argus"]' \
  --cmd '["serve", "--storage.tsdb.path=/var/lib/argus"]' \
  --label "org.opencontainers.image.title=argus" \
  --label "org.opencontainers.image.version=${version:-unknown}" \
  --label "org.opencontainers.image.revision=$revision" \
  --label "org.opencontainers.image.description=Argus: Prometheus, Alertmanager, node-exporter, kube-state-metrics and dashboards in one binary" \
  "$container"
image_id="$(buildah commit --rm "$container" "$tag")"
container=""
echo "build.sh: built $tag ($image_id)" >&2
if [[ -n "$oci_archive" ]]; then
  rm -f "$oci_archive"
  buildah push "$tag" "oci-archive:$oci_archive:$tag" >&2
  echo "build.sh: wrote $oci_archive" >&2
fi
