# syntax=docker/dockerfile:1
# The `argus` image: one binary for the server (`argus serve`) and the host agent (`argus agent`).
#   docker build -t argus:0.1.0 .
#   docker run --rm -p 9090:9090 --read-only --tmpfs /tmp -v argus-data:/var/lib/argus argus:0.1.0
# Runs as a non-root user (uid 1654) with nothing to write outside /var/lib/argus and /tmp, so it works with a read-only
# root filesystem (deploy/kubernetes sets readOnlyRootFilesystem: true).
# Without a Docker daemon or registry access, deploy/image/build.sh builds the same image with buildah (docs/kubernetes.md).

# --- build: the SDK image compiles and publishes; nothing of it reaches the final image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that source edits reuse the cached package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Argus/Argus.csproj src/Argus/
RUN dotnet restore src/Argus/Argus.csproj -r linux-x64
COPY src/ src/
# Argus's built-in alert rules are embedded resources of the binary.
COPY rules/ rules/
# For linux-x64, so the binary is ReadyToRun (precompiled: faster start-up); the runtime comes from the base image.
RUN dotnet publish src/Argus/Argus.csproj --no-restore -c Release -r linux-x64 --self-contained false -o /out -p:UseAppHost=true \
 && mkdir -p /rootfs/var/lib/argus

# --- runtime: chiseled Ubuntu with the ASP.NET Core runtime only: no shell, no package manager, a non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
COPY --from=build /out /app
# The data directory, owned by the app user so that a fresh named volume is writable too.
COPY --from=build --chown=1654:1654 /rootfs/var/lib/argus /var/lib/argus
WORKDIR /var/lib/argus
# 1654 is the "app" user of the .NET base images; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1654
EXPOSE 9090 9100
ENTRYPOINT ["/app/argus"]
CMD ["serve", "--storage.tsdb.path=/var/lib/argus"]
