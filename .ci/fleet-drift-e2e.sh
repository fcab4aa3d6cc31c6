#!/usr/bin/env bash
# Fleet drift: three sample replicas (--serve), a real Prometheus scraping all three with the generated fleet rules
# loaded (1-minute window), a driver sending healthy then shifted rows round-robin and each label to the replica that
# served it. Fails unless the fleet's binned PSI and KS D flag exactly the shifted features, the counters summed over
# replicas equal the rows sent, and the fleet accuracy (PromQL) equals the driver's count of correct labelled
# predictions. ~2 min, cleaned up.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v prometheus >/dev/null || { echo "prometheus is not installed (apt-get install prometheus)"; exit 1; }
dll=samples/MlObservability.Sample/bin/Release/net10.0/MlObservability.Sample.dll
[ -f "$dll" ] || dotnet build samples/MlObservability.Sample -c Release --nologo -v quiet
exec timeout 300 python3 .ci/fleet_drift_e2e.py "$dll" samples/MlObservability.Sample/Data/wine_data.csv
