#!/usr/bin/env bash
# Runs the BenchmarkDotNet benchmarks of one area (a folder of benchmarks/MlObservability.Benchmarks) and leaves the
# tables in BenchmarkDotNet.Artifacts/results/*-report-github.md.
#
#   scripts/run-benchmarks.sh                 # all histogram benchmarks, the documented measurement (about 4 minutes on a quiet machine)
#   scripts/run-benchmarks.sh Drift           # another area
#   QUICK=1 scripts/run-benchmarks.sh         # BenchmarkDotNet's short job: checks that everything runs (noisy numbers)
#
#   scripts/run-benchmarks.sh Histograms.HistogramRecordBenchmarks   # one class
#
# Extra arguments are passed to BenchmarkDotNet (e.g. --list flat to see what would run).
set -euo pipefail
cd "$(dirname "$0")/.."

area="${1:-Histograms}"
if [[ $# -gt 0 ]]; then shift; fi

if [[ "${QUICK:-0}" == "1" ]]; then
  job=(--job short)
else
  job=(--launchCount 1 --warmupCount 5 --iterationCount 10 --iterationTime 250)
fi

echo "CPU: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) logical cores; .NET SDK $(dotnet --version); $(date -u +%Y-%m-%dT%H:%MZ)"
exec dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- \
  --filter "MlObservability.Benchmarks.${area}.*" "${job[@]}" "$@"
