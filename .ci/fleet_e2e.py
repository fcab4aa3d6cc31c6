"""Fleet end-to-end check driven by .ci/fleet-e2e.sh: three sample replicas, labels posted to random replicas, join rate
with the in-process pending store vs a shared Redis. Standard library only."""
import concurrent.futures
import os
import random
import subprocess
import sys
import tempfile
import time

import sample_replicas
from sample_replicas import free_port, load_rows, post, stop_all

DLL, DATA = sys.argv[1], sys.argv[2]
PREDICTIONS = 600
REPLICAS = 3
rng = random.Random(15)


class Replica(sample_replicas.Replica):
    def __init__(self, store, redis_port, prefix, log_dir):
        super().__init__(DLL, log_dir,
                         "--MlMonitoring:Models:0:Quality:SamplingRate=1",
                         f"--MlMonitoring:Quality:PendingStore={store}",
                         f"--MlMonitoring:Quality:Redis:ConnectionString=127.0.0.1:{redis_port}",
                         f"--MlMonitoring:Quality:Redis:KeyPrefix={prefix}")


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
        stop_all(replicas)


def main():
    rows = load_rows(DATA)
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
