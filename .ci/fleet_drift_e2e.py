"""Fleet drift end-to-end check driven by .ci/fleet-drift-e2e.sh: three sample replicas (--serve), a real Prometheus
scraping all three every second with the generated fleet rules (1-minute window) loaded, and a driver that sends
healthy rows, then rows with two features shifted, round-robin to the replicas, and posts each row's true cultivar to
the replica that served it. Then PromQL: the fleet's binned PSI and KS D flag the shifted features and not the others,
the fleet drift alert is pending for them only, the counters summed over the replicas equal the number of rows the
driver sent, and the fleet accuracy from the fleet quality counters equals the driver's own count of correct labelled
predictions, exactly. Standard library only."""
import concurrent.futures
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from sample_replicas import Replica, free_port, load_rows, post, stop_all, wait_http

DLL, DATA = sys.argv[1], sys.argv[2]
FEATURES = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
            "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline"]
SHIFTED = {"alcohol": lambda v: v + 2.5, "flavanoids": lambda v: v * 0.3}
HEALTHY_SECONDS, SHIFTED_SECONDS = 30, 75
rng = random.Random(14)


def query(prom_port, promql):
    url = f"http://127.0.0.1:{prom_port}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)["data"]["result"]


def by_feature(result):
    return {x["metric"].get("ml_feature_name"): float(x["value"][1]) for x in result}


def main():
    data = load_rows(DATA)
    rows = [features for features, _ in data]
    work = tempfile.mkdtemp(prefix="fleet-drift-e2e-")
    rules = os.path.join(work, "ml-fleet.rules.yml")
    subprocess.run(["dotnet", DLL, "--fleet-rules", rules, "--fleet-window-minutes", "1"], check=True, stdout=subprocess.DEVNULL)
    replicas = [Replica(DLL, work, "--MlMonitoring:Models:0:Quality:SamplingRate=1") for _ in range(3)]
    for r in replicas:
        r.start()
    ports = [(r.port, r.metrics_port) for r in replicas]
    prom_port = free_port()
    with open(os.path.join(work, "prometheus.yml"), "w") as f:
        targets = ", ".join(f'"127.0.0.1:{m}"' for _, m in ports)
        f.write(f"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - {rules}\n"
                f"scrape_configs:\n  - job_name: wine\n    static_configs:\n      - targets: [{targets}]\n")
    prom_log = open(os.path.join(work, "prometheus.log"), "w")
    prom = subprocess.Popen(["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/data",
                             f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=warn"], stdout=prom_log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        for r in replicas:
            r.wait_ready(deadline)
        wait_http(f"http://127.0.0.1:{prom_port}/-/ready", deadline, prom)

        sent = [0]
        labelled = {"joined": 0, "correct": 0, "other": 0}
        lock = threading.Lock()
        turn = itertools.cycle(range(3))
        ids = itertools.count()

        def drive(seconds, shift):
            end = time.time() + seconds
            def worker(seed):
                local = random.Random(seed)
                while time.time() < end:
                    index = local.randrange(len(rows))
                    row, truth = list(rows[index]), data[index][1]
                    if shift:
                        for name, f in SHIFTED.items():
                            i = FEATURES.index(name)
                            row[i] = f(row[i])
                    with lock:
                        port = ports[next(turn)][0]
                    with lock:
                        request_id = f"q-{next(ids)}"
                    prediction = post(port, "/predict", {"features": row, "requestId": request_id})
                    with lock:
                        sent[0] += 1
                    # the label goes to the replica that served the request (in-process pending store)
                    outcome = post(port, "/feedback", {"requestId": request_id, "label": truth})["outcome"]
                    with lock:
                        if outcome == "Joined":
                            labelled["joined"] += 1
                            labelled["correct"] += prediction["predictedLabel"] == truth
                        else:
                            labelled["other"] += 1
                    time.sleep(0.01)
            with concurrent.futures.ThreadPoolExecutor(6) as pool:
                list(pool.map(worker, [rng.randrange(1 << 30) for _ in range(6)]))

        started = time.time()
        drive(HEALTHY_SECONDS, False)
        drive(SHIFTED_SECONDS, True)
        time.sleep(4)  # a few scrapes and rule evaluations after the last row

        failures = []
        total = query(prom_port, 'sum by (ml_feature_name) (ml_feature_bin_total{ml_model_name="wine",le="+Inf"})')
        counted = by_feature(total)
        if sorted(counted) != sorted(FEATURES) or any(v != sent[0] for v in counted.values()):
            failures.append(f"counters summed over the replicas {counted} != rows sent {sent[0]}")
        psi = by_feature(query(prom_port, 'ml:feature_psi:1m{ml_model_name="wine"}'))
        d = by_feature(query(prom_port, 'ml:feature_ks_d:1m{ml_model_name="wine"}'))
        critical = by_feature(query(prom_port, 'ml:feature_ks_critical:1m{ml_model_name="wine"}'))
        rows_1m = by_feature(query(prom_port, 'ml:feature_rows:1m{ml_model_name="wine"}'))
        pending = {x["metric"]["ml_feature_name"] for x in query(prom_port, 'ALERTS{alertname="MlFleetDriftDetected",ml_model_name="wine"}')}
        for name in FEATURES:
            shifted = name in SHIFTED
            p, ks, crit = psi.get(name, float("nan")), d.get(name, float("nan")), critical.get(name, float("nan"))
            ok = (p >= 0.25 and ks >= 0.25 and ks > crit) if shifted else (p < 0.2 and ks < 0.15)
            print(f"  {name:<30} {'shifted' if shifted else 'healthy':<8} PSI {p:7.3f}  D {ks:6.3f}  critical {crit:6.3f}  "
                  f"rows(1m) {rows_1m.get(name, 0):7.0f}  {'[ok]' if ok else '[FAILED]'}")
            if not ok:
                failures.append(f"{name}: PSI {p}, D {ks} (critical {crit})")
        # Fleet quality: the counters summed over the replicas against the driver's own count, exactly.
        def scalar(promql):
            result = query(prom_port, promql)
            return float(result[0]["value"][1]) if result else float("nan")
        fleet_labelled = scalar('sum(ml_quality_fleet_labels_total{ml_model_name="wine"})')
        fleet_correct = scalar('sum(ml_quality_fleet_correct_total{ml_model_name="wine"})')
        fleet_accuracy = scalar('sum(ml_quality_fleet_correct_total{ml_model_name="wine"}) / sum(ml_quality_fleet_labels_total{ml_model_name="wine"})')
        recorded = scalar('ml:quality_accuracy:1m{ml_model_name="wine"}')
        expected_accuracy = labelled["correct"] / labelled["joined"] if labelled["joined"] else float("nan")
        print(f"  fleet quality: {labelled['joined']} labels joined ({labelled['other']} not), driver counts {labelled['correct']} correct "
              f"= {expected_accuracy:.6f}; PromQL: {fleet_labelled:.0f} labelled, {fleet_correct:.0f} correct, accuracy {fleet_accuracy:.6f}; "
              f"ml:quality_accuracy:1m {recorded:.4f}")
        if labelled["other"] or fleet_labelled != labelled["joined"] or fleet_correct != labelled["correct"] or fleet_accuracy != expected_accuracy:
            failures.append(f"fleet accuracy {fleet_correct}/{fleet_labelled} != driver's {labelled['correct']}/{labelled['joined']} "
                            f"({labelled['other']} labels did not join)")
        if not 0 <= recorded <= 1:
            failures.append(f"ml:quality_accuracy:1m is {recorded}")
        if pending != set(SHIFTED):
            failures.append(f"fleet drift alert pending/firing for {sorted(pending)}, expected {sorted(SHIFTED)}")
        print(f"3 replicas, {sent[0]} rows (healthy {HEALTHY_SECONDS} s, then {', '.join(SHIFTED)} shifted {SHIFTED_SECONDS} s): "
              f"counters summed over replicas = rows sent; fleet drift alert for {sorted(pending)}; {time.time() - started:.0f} s")
        if failures:
            print("FAILED: " + "; ".join(failures) + f"; logs in {work}")
            return 1
        return 0
    finally:
        stop_all(replicas)
        prom.terminate()
        prom.wait()
        prom_log.close()


if __name__ == "__main__":
    sys.exit(main())
