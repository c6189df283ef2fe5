"""A small closed-loop HTTP load generator for loopback benchmarks: N client threads, bounded in count and time."""

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class ScenarioResult:
    name: str
    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0


def fetch(host: str, port: int, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
    """One GET on a fresh connection (gunicorn's sync workers close the connection after each response)."""
    if host not in LOOPBACK:
        raise ValueError("the benchmark only talks to loopback")
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host, "Accept": "*/*"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run_scenario(
    name: str,
    *,
    host: str,
    port: int,
    next_path: Callable[[], str],
    clients: int,
    duration: float,
    max_requests: int,
) -> ScenarioResult:
    """`clients` threads send requests back to back until `duration` seconds or `max_requests` requests."""
    result = ScenarioResult(name=name)
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + duration

    def client() -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    return
                issued += 1
                path = next_path()
            started = time.perf_counter()
            try:
                status, _body = fetch(host, port, path)
                failure = None if 200 <= status < 400 else f"{status} {path}"
            except OSError as error:
                failure = f"{type(error).__name__} {path}"
            latency = (time.perf_counter() - started) * 1000
            with lock:
                result.requests += 1
                result.latencies_ms.append(latency)
                if failure is not None:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(failure)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result
