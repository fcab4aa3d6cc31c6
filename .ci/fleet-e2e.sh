#!/usr/bin/env bash
# Three replicas of the sample (--serve) behind no load balancer: predictions go to a random replica, each label to a
# random replica. Run once with the in-process pending store (a label joins only where its prediction waits: about 1/3)
# and once with a shared Redis (every label joins, even after one replica was restarted while its writes were queued).
# Prints both join rates; fails unless Redis joins every label and in-process about a third. Bounded (~1 min), cleaned up.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server)"; exit 1; }
dll=samples/MlObservability.Sample/bin/Release/net10.0/MlObservability.Sample.dll
[ -f "$dll" ] || dotnet build samples/MlObservability.Sample -c Release --nologo -v quiet
exec timeout 240 python3 .ci/fleet_e2e.py "$dll" samples/MlObservability.Sample/Data/wine_data.csv
