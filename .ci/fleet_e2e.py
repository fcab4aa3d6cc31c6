"""Fleet end-to-end check driven by .ci/fleet-e2e.sh: three sample replicas, labels posted to random replicas, join rate
with the in-process pending store vs a shared Redis. Standard library only."""
import concurrent.futures
import csv
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

DLL, DATA = sys.argv[1], sys.argv[2]
PREDICTIONS = 600
REPLICAS = 3
CLASSES = ["class_0", "class_1", "class_2"]
rng = random.Random(15)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def load_rows():
    with open(DATA, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [([float(v) for v in row[:13]], CLASSES[int(row[13])]) for row in reader]


class Replica:
    def __init__(self, store, redis_port, prefix, log_dir):
        self.port, self.metrics_port = free_port(), free_port()
        self.args = ["dotnet", DLL, "--serve", f"--urls=http://127.0.0.1:{self.port}",
                     f"--MlMonitoring:Prometheus:Port={self.metrics_port}",
                     "--MlMonitoring:Models:0:Quality:SamplingRate=1",
                     "--MlMonitoring:ResourceMetrics=false",
                     "--Logging:LogLevel:Default=Warning",
                     f"--MlMonitoring:Quality:PendingStore={store}",
                     f"--MlMonitoring:Quality:Redis:ConnectionString=127.0.0.1:{redis_port}",
                     f"--MlMonitoring:Quality:Redis:KeyPrefix={prefix}"]
        self.log = open(os.path.join(log_dir, f"replica-{self.port}.log"), "w")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, deadline):
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica on {self.port} exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"replica on {self.port} did not answer /health in time")

    def stop(self):
        """SIGTERM: a graceful stop (the host flushes the Redis write queue)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run(store, redis_port, rows, log_dir, restart_one):
    prefix = f"e2e-{store.lower()}-{os.getpid()}:"
    replicas = [Replica(store, redis_port, prefix, log_dir) for _ in range(REPLICAS)]
    try:
        for r in replicas:
            r.start()
        deadline = time.time() + 90
        for r in replicas:
            r.wait_ready(deadline)

        truth = {}
        def predict(i):
            features, label = rows[rng.randrange(len(rows))]
            request_id = f"{store}-{i}"
            post(rng.choice(replicas).port, "/predict", {"features": features, "requestId": request_id})
            return request_id, label
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            truth = dict(pool.map(predict, range(PREDICTIONS)))

        if restart_one:
            # A deploy: replica 0 stops right after serving (its writes may still be queued) and comes back empty.
            replicas[0].stop()
            replicas[0].start()
            replicas[0].wait_ready(time.time() + 90)
        else:
            time.sleep(1.0)  # labels are late by nature; give the background writers their moment

        # Each label to a random replica: the first 60 one by one, the rest as one batch array per replica.
        ids = list(truth)
        rng.shuffle(ids)
        outcomes = []
        for request_id in ids[:60]:
            outcomes.append(post(rng.choice(replicas).port, "/feedback", {"requestId": request_id, "label": truth[request_id]})["outcome"])
        batches = {r.port: [] for r in replicas}
        for request_id in ids[60:]:
            batches[rng.choice(replicas).port].append({"requestId": request_id, "label": truth[request_id]})
        for port, batch in batches.items():
            if batch:
                outcomes.extend(post(port, "/feedback", batch)["outcomes"])
        return outcomes
    finally:
        for r in replicas:
            r.stop()
            r.log.close()


def main():
    rows = load_rows()
    log_dir = tempfile.mkdtemp(prefix="fleet-e2e-")
    redis_port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.time()
        results = {}
        for store, restart in (("InProcess", False), ("Redis", True)):
            outcomes = run(store, redis_port, rows, log_dir, restart)
            joined = outcomes.count("Joined")
            results[store] = joined / len(outcomes)
            summary = ", ".join(f"{o} {outcomes.count(o)}" for o in sorted(set(outcomes)))
            print(f"{store:>9} store: {joined}/{len(outcomes)} labels joined = {results[store]:.1%} ({summary})"
                  + ("; replica 0 restarted between predictions and labels" if restart else ""))
        print(f"3 replicas, every prediction sampled, labels to random replicas: in-process {results['InProcess']:.1%} "
              f"(expected about 1/3), Redis {results['Redis']:.1%} (expected 100%); {time.time() - started:.0f} s")
        ok = results["Redis"] == 1.0 and 0.2 <= results["InProcess"] <= 0.47
        if not ok:
            print(f"FAILED; replica logs in {log_dir}")
            return 1
        return 0
    finally:
        redis.terminate()
        redis.wait()


if __name__ == "__main__":
    sys.exit(main())
