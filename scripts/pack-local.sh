#!/usr/bin/env bash
# Packs every MlObservability package into a local folder feed (default: artifacts/packages), for applications to
# install before the packages are on nuget.org:
#   scripts/pack-local.sh                      # -> artifacts/packages/*.nupkg
#   dotnet nuget add source "$PWD/artifacts/packages" --name mlobs-local
# Needs only the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for project in src/MlObservability src/MlObservability.Hosting src/MlObservability.OpenTelemetry src/MlObservability.OnnxRuntime src/MlObservability.Redis; do
  dotnet pack "$project" -c Release -o "$out" --nologo -v quiet
done
ls -1 "$out"/*.nupkg
