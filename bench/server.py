"""What the web benchmarks share: the bench database, Django set up like the server, gunicorn on loopback,
one load scenario with either load generator, the results table, and a line about the machine.

Used by bench/directory.py, bench/trade.py and bench/interop.py. Only loopback and the database given are ever contacted.
"""

import os
import platform
import resource
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench.loadgen import ScenarioResult, fetch, run_scenario
from bench.wrk import WRK, run_wrk_scenario

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Request paths drawn per scenario for the wrk load generator (its Lua script cycles through them).
WRK_PATHS = 2000
WRK_WARMUP = 5  # seconds
DEFAULT_LOADGEN = "wrk" if WRK.exists() else "python"


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of the production settings on loopback, with a random secret key."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "STREEK_SECRET_KEY": secrets.token_urlsafe(64)[:64],
            "STREEK_SECURE_SSL_REDIRECT": "false",
            "STREEK_ALLOWED_HOSTS": HOST,
            "STREEK_LOG_LEVEL": "ERROR",
            "DATABASE_URL": database_url,
        }
    )
    env.update(extra)
    return env


def setup_django(database_url: str, **extra: str) -> None:
    os.environ.update(server_env(database_url, **extra))
    import django

    django.setup()


def database_name(database_url: str) -> str:
    return urlparse(database_url).path.lstrip("/")


def require_bench_database(database_url: str) -> None:
    """Refuse to replace data in a database whose name does not say it is for benchmarks."""
    name = database_name(database_url)
    if "bench" not in name:
        raise SystemExit(f"refusing to replace the data of {name!r}: the database name must contain 'bench'")


def small_database_url(database_url: str) -> str:
    parts = urlparse(database_url)
    return urlunparse(parts._replace(path=parts.path.rstrip("/") + "_small"))


def ensure_database(database_url: str) -> None:
    """Create the database when missing (the role needs CREATEDB)."""
    import psycopg

    parts = urlparse(database_url)
    name = parts.path.lstrip("/")
    admin_url = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def machine_line() -> str:
    """CPUs, CPU model and load average, to print with the figures (other work on the machine changes them)."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({model}), load average {load}"


# --- gunicorn ---------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    database_url: str,
    workers: int,
    *,
    ready_path: str = "/api/v1/regions",
    ready_timeout: float = 60,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn (config.wsgi, production settings) on a free loopback port, once `ready_path` answers 200."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--workers", str(workers), "--bind", f"{HOST}:{port}"]
    command += ["--log-level", "warning", "--timeout", "60"]
    process = subprocess.Popen(command, cwd=ROOT, env=env or server_env(database_url))  # noqa: S603
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            status, _ = fetch(HOST, port, ready_path, timeout=10)
            if status == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn did not answer within {ready_timeout:.0f} s")


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


# --- one load scenario ------------------------------------------------------------------------------------------------


def measure_load(
    name: str,
    *,
    port: int,
    next_path: Callable[[], str],
    loadgen: str,
    clients: int,
    duration: float,
    max_requests: int,
    cookies: list[str] | None = None,
) -> ScenarioResult:
    """Warm up every worker (imports, connections, caches), then measure with the chosen load generator.

    wrk cycles through WRK_PATHS paths drawn from `next_path` (`max_requests` does not apply); the Python
    generator draws a path per request. The load generator's own CPU time is printed on stderr. `cookies`
    (wrk only): Cookie headers sent in turn, for signed-in visitors.
    """
    if loadgen == "wrk":
        paths = [next_path() for _ in range(WRK_PATHS)]
        # wrk stops at its deadline without waiting for answers in flight: warm up longer than the Python generator
        # (which waits for them), or the first scenario still meets cold workers on a small machine
        run_wrk_scenario(name, host=HOST, port=port, paths=paths, clients=clients, duration=WRK_WARMUP, cookies=cookies)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result: ScenarioResult = run_wrk_scenario(
            name, host=HOST, port=port, paths=paths, clients=clients, duration=duration, cookies=cookies
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(f"  load generator CPU: {cpu:.1f} s in {result.elapsed:.1f} s", file=sys.stderr)
        return result
    if cookies:
        raise SystemExit("signed-in visitors need the wrk load generator (--loadgen wrk)")
    run_scenario(name, host=HOST, port=port, next_path=next_path, clients=clients, duration=2, max_requests=200)
    started_cpu = time.process_time()
    result = run_scenario(
        name, host=HOST, port=port, next_path=next_path, clients=clients, duration=duration, max_requests=max_requests
    )
    cpu = time.process_time() - started_cpu
    print(f"  load generator CPU: {cpu:.1f} s in {result.elapsed:.1f} s", file=sys.stderr)
    return result


def print_results(results: list[tuple[ScenarioResult, float]], *, width: int = 16) -> None:
    """One row per scenario: requests, errors, p50/p95/p99, requests per second, and the p95 target."""
    print(
        f"\n{'scenario':{width}} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'req/s':>7}  target"
    )
    for result, target in results:
        p95 = result.percentile(95)
        verdict = "met" if p95 < target and not result.errors else "NOT met"
        print(
            f"{result.name:{width}} {result.requests:>8} {result.errors:>6} {result.percentile(50):>8.1f} "
            f"{p95:>8.1f} {result.percentile(99):>8.1f} {result.rate:>7.1f}  p95 < {target:.0f} ms: {verdict}"
        )
        for sample in result.error_samples:
            print(f"{'':{width}} error: {sample}")


class ResponseCacheLog:
    """A fresh, empty response cache for one gunicorn run, and an access log of each request's `X-Streek-Cache`
    answer (hit, miss, bypass), so that a scenario's figures say how many of its requests the cache answered.

    `env()` goes into the server's environment; `picture()` counts the answers logged since the last call.
    """

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.workdir = Path(tempfile.mkdtemp(prefix="streek-bench-"))
        self.log = self.workdir / "access.log"
        self.log.touch()
        self.offset = 0

    def env(self) -> dict[str, str]:
        return {
            "STREEK_RESPONSE_CACHE_LOCATION": str(self.workdir / "response-cache"),
            "STREEK_RESPONSE_CACHE_SECONDS": str(self.seconds),
            "GUNICORN_CMD_ARGS": f"--access-logfile {self.log} --access-logformat "
            + shlex.quote("%(U)s %({x-streek-cache}o)s"),
        }

    def picture(self) -> Counter[str]:
        """Counts of the answers in the access log lines written since the last call."""
        time.sleep(0.5)  # let the workers write their last log lines
        with self.log.open("rb") as stream:
            stream.seek(self.offset)
            data = stream.read()
        self.offset += len(data)
        return Counter(line.rsplit(b" ", 1)[-1].decode() or "-" for line in data.splitlines() if line)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def print_cache_pictures(pictures: dict[str, Counter[str]], *, seconds: int, width: int = 16) -> None:
    print(
        f"\nresponse cache (lifetime {seconds} s, empty at the start; X-Streek-Cache of every request the server "
        "logged, warm-up included):"
    )
    for name, picture in pictures.items():
        total = sum(picture.values()) or 1
        parts = ", ".join(f"{answer} {count} ({100 * count / total:.0f} %)" for answer, count in picture.most_common())
        print(f"  {name:{width}} {parts}")
