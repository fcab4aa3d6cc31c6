#!/usr/bin/env bash
# Runs the README's main command (the sample's simulation) while a real Prometheus, started on loopback, scrapes its
# endpoint; then asks Prometheus, through its HTTP API, for the series a dashboard would plot. Bounded in time, cleaned up.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v prometheus >/dev/null || { echo "prometheus is not installed (apt-get install prometheus)"; exit 1; }

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
metrics_port=$(free_port)
cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: ml-sample
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom=$!
cleanup() { kill "$prom" 2>/dev/null || true; wait "$prom" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

set +e
timeout 300 dotnet run -c Release --no-build --project samples/MlObservability.Sample -- --simulate "--MlMonitoring:Prometheus:Port=$metrics_port"
sample_status=$?
set -e
echo "sample exit code: $sample_status"

query() {
  curl -s --max-time 10 "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$1"
}
check() { # name, promql, python predicate over the result list
  local result
  result=$(query "$2")
  if echo "$result" | python3 -c "import json,sys; r=json.load(sys.stdin)['data']['result']; sys.exit(0 if ($3) else 1)"; then
    echo "  [ok] $1"
  else
    echo "  [FAILED] $1: $result"
    return 1
  fi
}

echo "PromQL over what Prometheus scraped from the sample:"
failed=0
check "requests of the predict endpoint" 'sum(max_over_time(ml_inference_requests_total{ml_model_name="wine",ml_endpoint="predict"}[10m]))' 'len(r)==1 and float(r[0]["value"][1])>1000' || failed=1
check "p95 latency from the histogram buckets" 'histogram_quantile(0.95, sum by (le) (increase(ml_inference_duration_seconds_bucket{ml_endpoint="predict"}[10m])))' 'len(r)==1 and 0<float(r[0]["value"][1])<1' || failed=1
check "critical drift score on a shifted feature" 'max_over_time(ml_drift_severity{ml_feature_name="flavanoids"}[10m])' 'len(r)>=1 and max(float(x["value"][1]) for x in r)>=3' || failed=1
check "realised accuracy fell below the baseline" 'min_over_time(ml_model_accuracy{ml_model_name="wine"}[10m])' 'len(r)>=1 and min(float(x["value"][1]) for x in r)<0.95' || failed=1
check "an alert fired" 'max_over_time(ml_alerts_firing[10m])' 'len(r)>=1 and max(float(x["value"][1]) for x in r)>=1' || failed=1
check "reconstruction error left its band (permuted flavanoids phase)" 'max_over_time(ml_drift_reconstruction_severity{ml_model_name="wine"}[10m])' 'len(r)>=1 and max(float(x["value"][1]) for x in r)>=2' || failed=1
check "the reconstruction band is exported" 'max_over_time(ml_drift_reconstruction_threshold{ml_model_name="wine",ml_drift_bound="upper"}[10m])' 'len(r)==1 and float(r[0]["value"][1])>0' || failed=1
check "user ratings joined to each predicted class" 'sum by (ml_prediction_class) (max_over_time(ml_outcome_value_count{ml_model_name="wine",ml_outcome_name="user_feedback_score"}[10m]))' 'len([x for x in r if x["metric"].get("ml_prediction_class") and float(x["value"][1])>0])>=3' || failed=1
check "the model's age and time since load are exported" 'max_over_time(ml_model_time_since_load_seconds{ml_model_name="wine"}[10m]) and max_over_time(ml_model_age_seconds{ml_model_name="wine"}[10m])' 'len(r)==1 and float(r[0]["value"][1])>0' || failed=1

check "the router rolled the bad deploy back once (ml.router.actions)" 'max_over_time(ml_router_actions_total{ml_model_name="wine",ml_router_action="rollback",ml_router_outcome="applied"}[10m])' 'len(r)==1 and float(r[0]["value"][1])==1' || failed=1
check "the bad version (4) served requests, far fewer than version 3" 'sum(max_over_time(ml_inference_requests_total{ml_model_name="wine",ml_endpoint="onnx",ml_model_version="4"}[10m])) / sum(max_over_time(ml_inference_requests_total{ml_model_name="wine",ml_endpoint="onnx",ml_model_version="3"}[10m]))' 'len(r)==1 and 0<float(r[0]["value"][1])<0.15' || failed=1
if [ "$sample_status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  tail -20 "$work/prometheus.log"
  exit 1
fi
