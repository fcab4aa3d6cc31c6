#!/usr/bin/env bash
# The README quick start, verbatim, as a newcomer uses it: a fresh `dotnet new web` app installs the packed packages from
# the local feed, takes Program.cs and appsettings.json from README.md, builds its drift profile with the README's profile
# snippet (a console app), then runs; /predict, /feedback, /health and the Prometheus /metrics endpoint are checked.
# Usage: .ci/readme-quickstart-smoke.sh <folder with the .nupkg files>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
feed=${1:?"the local package folder"}
version=$(ls "$feed" | sed -n 's/^MlObservability\.\([0-9][^/]*\)\.nupkg$/\1/p' | head -1)
work=$(mktemp -d)
app_pid=
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then echo "--- the quick start app's log"; tail -60 "$work/app.log"; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then echo "README quick start smoke test failed (exit $status)"; fi
}
trap cleanup EXIT

# Block n (0-based) of a given language after the "## Quick start" heading of README.md, verbatim.
readme_block() {
  awk -v lang="$1" -v want="$2" '
    /^## / { inside = ($0 == "## Quick start") }
    inside && !fence && $0 == "```" lang { fence = 1; if (n++ == want) take = 1; next }
    fence && $0 == "```" { fence = 0; take = 0; next }
    take { print }
  ' "$root/README.md"
}

# A private package cache, so the packages just packed are used even if an older build of the same version was cached;
# MlObservability* come only from the local feed, everything else from the machine's cache or nuget.org.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="machine-cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="MlObservability*" /></packageSource>
    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"
export NUGET_PACKAGES="$work/nuget-cache"

add_packages() { # project file, package ids...
  local project=$1; shift
  local refs=""
  for id in "$@"; do refs="$refs<PackageReference Include=\"$id\" Version=\"$version\" />"; done
  sed -i "s#</Project>#  <ItemGroup>$refs</ItemGroup>\n</Project>#" "$project"
}

echo "-- the drift profile, with the README's snippet"
dotnet new console -o "$work/profile" -n profile --no-restore >/dev/null
add_packages "$work/profile/profile.csproj" MlObservability.OnnxRuntime
readme_block csharp 1 > "$work/profile/Program.cs"
cp "$root/tests/TestData/Onnx/wine_mlp.onnx" "$work/profile/wine.onnx"
cp "$root/tests/TestData/Onnx/wine_rows.csv" "$work/profile/wine-train.csv"
(cd "$work/profile" && dotnet run -c Release --nologo -v quiet)
test -s "$work/profile/wine-profile.json"

echo "-- the web app, with the README's Program.cs and appsettings.json"
dotnet new web -o "$work/app" -n app --no-restore >/dev/null
add_packages "$work/app/app.csproj" MlObservability MlObservability.Hosting MlObservability.OpenTelemetry MlObservability.OnnxRuntime
readme_block csharp 0 > "$work/app/Program.cs"
readme_block json 0 > "$work/app/appsettings.json"
cp "$root/tests/TestData/Onnx/wine_mlp.onnx" "$work/app/wine.onnx"
cp "$work/profile/wine-profile.json" "$work/app/wine-profile.json"
(cd "$work/app" && dotnet build -c Release --nologo -v quiet -p:TreatWarningsAsErrors=true)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
web=$(free_port)
metrics=$(free_port)
(cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$web" MlMonitoring__Prometheus__Port="$metrics" \
  exec dotnet bin/Release/net10.0/app.dll > "$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$web/health/" >/dev/null 2>&1 && break
  curl -s -o /dev/null "http://127.0.0.1:$web/health" 2>/dev/null && break
  if ! kill -0 "$app_pid" 2>/dev/null; then cat "$work/app.log"; echo "the quick start app exited"; exit 1; fi
  sleep 1
done

row='[14.23,1.71,2.43,15.6,127,2.8,3.06,0.28,2.29,5.64,1.04,3.92,1065]'
for i in $(seq 1 20); do
  curl -sSf -X POST "http://127.0.0.1:$web/predict" -H 'Content-Type: application/json' \
    -d "{\"requestId\":\"r$i\",\"features\":$row}" > "$work/predict.json"
done
echo "POST /predict: $(cat "$work/predict.json")"
grep -q '"predictedLabel":"class_0"' "$work/predict.json"
echo "POST /feedback: $(curl -sf -X POST "http://127.0.0.1:$web/feedback" -H 'Content-Type: application/json' -d '{"requestId":"r1","label":"class_0"}')"
curl -sf "http://127.0.0.1:$web/health" > "$work/health.json"
grep -q '"name": "wine"' "$work/health.json"
curl -sf "http://127.0.0.1:$metrics/metrics" > "$work/metrics.txt"

fail=0
expect() { # description, extended regex
  if grep -Eq "$2" "$work/metrics.txt"; then echo "ok: $1"; else echo "MISSING: $1 ($2)"; fail=1; fi
}
expect "20 requests through the [Instrumented] decorator" '^ml_inference_requests_total\{[^}]*ml_model_name="wine"[^}]*\} 20( |$)'
expect "20 predictions into quality, by class" '^ml_predictions_total\{[^}]*ml_model_name="wine"[^}]*ml_prediction_class="class_0"[^}]*\} 20( |$)|^ml_predictions_total\{[^}]*ml_prediction_class="class_0"[^}]*ml_model_name="wine"[^}]*\} 20( |$)'
expect "20 rows into drift" '^ml_drift_rows_total\{[^}]*ml_model_name="wine"'
expect "ml_alerts_firing exported at 0 before any alert" '^ml_alerts_firing\{[^}]*ml_model_name="wine"[^}]*\} 0( |$)'
expect "service_name from the application name" '^target_info\{[^}]*service_name="app"'
if [ "$fail" -ne 0 ]; then
  echo "--- /metrics (ml_ and target_info lines)"; grep -E '^(ml_|target_info)' "$work/metrics.txt" | head -60
  echo "--- app log"; tail -40 "$work/app.log"
  exit 1
fi
echo "README quick start: builds from the packages, serves /predict, /feedback, /health and /metrics"
