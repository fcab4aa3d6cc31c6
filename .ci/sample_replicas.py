"""What the fleet end-to-end checks (.ci/fleet_e2e.py, .ci/fleet_drift_e2e.py) share: free loopback ports, JSON over
HTTP, the wine rows, and replicas of the sample (--serve) started, awaited and stopped gracefully. Standard library only."""
import csv
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

CLASSES = ["class_0", "class_1", "class_2"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wait_http(url, deadline, process=None):
    """Waits until url answers 200; fails early when process has exited."""
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in time")


def load_rows(path):
    """The wine rows: (13 features, cultivar class name)."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [([float(v) for v in row[:13]], CLASSES[int(row[13])]) for row in reader]


class Replica:
    """One sample replica serving /predict and /feedback on a free port, its metrics on another, its log in log_dir."""

    def __init__(self, dll, log_dir, *settings):
        self.port, self.metrics_port = free_port(), free_port()
        self.args = ["dotnet", dll, "--serve", f"--urls=http://127.0.0.1:{self.port}",
                     f"--MlMonitoring:Prometheus:Port={self.metrics_port}",
                     "--MlMonitoring:ResourceMetrics=false",
                     "--Logging:LogLevel:Default=Warning", *settings]
        self.log = open(os.path.join(log_dir, f"replica-{self.port}.log"), "w")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, deadline):
        wait_http(f"http://127.0.0.1:{self.port}/health", deadline, self.process)

    def signal_stop(self):
        """SIGTERM: a graceful stop (the host flushes its queues, e.g. the Redis writes)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait_stopped(self):
        if self.process is None:
            return
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def stop(self):
        self.signal_stop()
        self.wait_stopped()


def stop_all(replicas):
    """Stops every replica (in parallel: all get SIGTERM first) and closes their logs."""
    for r in replicas:
        r.signal_stop()
    for r in replicas:
        r.wait_stopped()
        r.log.close()
