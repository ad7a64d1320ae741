"""Benchmark sitegen against Hugo and Pelican on one generated corpus.

    python bench/run.py --n 10000 [--runs 3] [--seed 1] [--out bench/results-10000.md]

Generates (or reuses) the corpus of ``bench/make_corpus.py`` in a cache folder, then times whole
processes (wall clock, median of ``--runs``; peak memory of each): sitegen cold build, no-op
rebuild, rebuild after editing one article, rebuild after editing one template; Hugo; Pelican
cold and with its cache. Prints ratios to Hugo and writes a Markdown table. A peer that cannot be
installed is reported as such in the table. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.render.theme import THEME_DIR

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GNU_TIME = Path("/usr/bin/time")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_EVERY = 0.1  # seconds between samples of the process tree's memory

SCENARIOS = ("cold", "noop", "article", "template")
APPENDED_SENTENCE = "\n\nZdanie dopisane przy pomiarze przebudowy (pomiar {run}).\n"
TEMPLATE_EDIT = "\n<!-- bench: template edited (run {run}) -->\n"
# Issue 15's targets at N = 10,000: times as a ratio to Hugo's in the same run.
TIME_TARGETS = (
    ("cold", 2.0, "cold build ≤ 2.0 × Hugo"),
    ("article", 0.2, "one-article edit ≤ 0.2 × Hugo"),
    ("noop", 0.05, "no-op rebuild ≤ 0.05 × Hugo"),
)
MEMORY_TARGET_MIB = 500
OUTPUT_TARGET_MB = 600


# ─── Running one command ─────────────────────────────────────────────────────────


@dataclass
class Sample:
    seconds: float
    returncode: int
    max_rss_kib: int  # largest single process of the tree (getrusage ru_maxrss)
    tree_peak_kib: int  # largest sampled sum over the process tree (PSS, else RSS)
    output: str  # stdout + stderr


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _process_memory_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE // 1024
    except (OSError, ValueError, IndexError):
        return 0


def _tree_memory_kib(root: int) -> int:
    if not Path("/proc").is_dir():
        return 0
    children = _children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _process_memory_kib(pid)
        todo.extend(children.get(pid, []))
    return total


def run_timed(cmd: list[str], cwd: Path, timeout: float) -> Sample:
    """Run ``cmd`` as a whole process; wall time, peak memory, exit code and output."""
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as tmp:
        rss_file, log_file = Path(tmp, "rss"), Path(tmp, "log")
        if GNU_TIME.exists():
            full = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *cmd]
        else:  # a fresh Python child reports the rusage of its children
            code = (
                "import resource,subprocess,sys;"
                "r=subprocess.call(sys.argv[2:]);"
                "open(sys.argv[1],'w').write(str(resource.getrusage("
                "resource.RUSAGE_CHILDREN).ru_maxrss));sys.exit(r)"
            )
            full = [sys.executable, "-c", code, str(rss_file), *cmd]
        peak = 0
        with log_file.open("wb") as log:
            start = time.perf_counter()
            try:
                proc = subprocess.Popen(full, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
            except OSError as exc:
                return Sample(0.0, 127, 0, 0, f"cannot run {cmd[0]}: {exc}")
            deadline = start + timeout
            while True:
                try:
                    proc.wait(timeout=SAMPLE_EVERY)
                    break
                except subprocess.TimeoutExpired:
                    peak = max(peak, _tree_memory_kib(proc.pid))
                    if time.perf_counter() > deadline:
                        proc.kill()
                        proc.wait()
                        break
            seconds = time.perf_counter() - start
        output = log_file.read_text(encoding="utf-8", errors="replace")
        returncode = proc.returncode
        if seconds >= timeout:
            output += f"\n(killed after {timeout:.0f} s)"
            returncode = returncode or -9
        try:
            lines = rss_file.read_text().strip().splitlines()
            max_rss = int(lines[-1]) if lines else 0
        except (OSError, ValueError):
            max_rss = 0
        if GNU_TIME.exists() and output.startswith("Command "):  # GNU time's own notes
            output = output.split("\n", 1)[-1]
        return Sample(seconds, returncode, max_rss, max(peak, max_rss), output)


# ─── Results ─────────────────────────────────────────────────────────────────────


@dataclass
class Row:
    tool: str  # "sitegen", "Hugo", "Pelican"
    label: str
    samples: list[Sample] = field(default_factory=list)
    pages: int | None = None
    size_bytes: int | None = None
    unavailable: str | None = None  # why the row could not be measured

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.returncode == 0]

    @property
    def failed(self) -> list[Sample]:
        return [s for s in self.samples if s.returncode != 0]

    def median(self) -> float | None:
        return statistics.median(s.seconds for s in self.ok) if self.ok else None

    def peak_rss_mib(self) -> float | None:
        return max(s.max_rss_kib for s in self.ok) / 1024 if self.ok else None

    def peak_tree_mib(self) -> float | None:
        return max(s.tree_peak_kib for s in self.ok) / 1024 if self.ok else None


def _html_pages_and_size(folder: Path) -> tuple[int, int]:
    pages = size = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            if path.is_symlink():
                continue
            size += path.stat().st_size
            pages += name.endswith(".html")
    return pages, size


def _rm(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


SETTLE_SECONDS = 360
"""ext4 skips an inode freed under 60 s ago, or under 360 s while its table block is unwritten."""


class Trash:
    """Outputs and caches the bench is done with: moved aside, removed after the last run.

    On ext4 without a journal (as this machine mounts its disk), a new file's inode is
    looked for past every inode freed in the last minutes: 20,000 files created where as
    many were just deleted took 0.65 ms of CPU each instead of 0.03 (still 0.49 ms two and
    a half minutes later), and Hugo built 10,000 articles with 8.1 s of system time right
    after its last output was deleted against 3.3 s without. A rename frees nothing, so no
    timed build pays for what the bench itself deleted; a bench started within
    ``SETTLE_SECONDS`` of the last one's deletions waits.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        self.stamp = folder.parent / ".trash-emptied"

    def discard(self, path: Path) -> None:
        if path.is_symlink() or path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{self.count:04d}-{path.name}")

    def empty(self) -> None:
        if self.folder.exists():
            _rm(self.folder)
            self.stamp.write_text(f"{time.time():.0f}\n")

    def settle(self) -> None:
        """Wait until the last deletions are old enough not to slow what is timed next."""
        try:
            emptied = float(self.stamp.read_text())
        except (OSError, ValueError):
            return
        wait = emptied + SETTLE_SECONDS - time.time()
        if wait > 0:
            print(f"waiting {wait:.0f} s after the last deletions (see Trash)", file=sys.stderr)
            time.sleep(wait)


# ─── Corpus ──────────────────────────────────────────────────────────────────────


def _fingerprint(seed: int) -> str:
    """Changes when the generator, the seed collection or the templates change."""
    digest = hashlib.sha256(f"seed={seed}".encode())
    inputs = [BENCH / "make_corpus.py"]
    for folder in (REPO / "content", THEME_DIR):
        inputs += sorted(p for p in folder.rglob("*") if p.is_file())
    for path in inputs:
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _as_generated(corpus: Path) -> bool:
    """The corpus's texts match its SHA256SUMS and its gazetteer and settings the repository's
    (a text or ``entities.yaml`` edited by hand, for a measurement of one's own, changes
    every later run's numbers without changing the fingerprint)."""
    content = corpus / "content"
    try:
        for line in (content / "SHA256SUMS").read_text().splitlines():
            digest, name = line.split(maxsplit=1)
            if hashlib.sha256((content / "sources" / name).read_bytes()).hexdigest() != digest:
                return False
        return all(
            (content / name).read_bytes() == (REPO / "content" / name).read_bytes()
            for name in ("entities.yaml", "site.yaml")
        )
    except (OSError, ValueError):
        return False


def ensure_corpus(n: int, seed: int, cache: Path, trash: Trash) -> Path:
    corpus = cache / f"corpus-n{n}-s{seed}"
    stamp, dirty = corpus / ".bench-fingerprint", corpus / ".bench-dirty"
    want = _fingerprint(seed)
    if stamp.exists() and not dirty.exists() and stamp.read_text() == want:
        if _as_generated(corpus):
            print(f"corpus: reusing {corpus}", file=sys.stderr)
            return corpus
        print(f"corpus: {corpus} was edited by hand", file=sys.stderr)
    print(f"corpus: generating {n} articles in {corpus} …", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    trash.discard(corpus)  # its last builds too: not deleted before the runs
    cmd = [sys.executable, str(BENCH / "make_corpus.py"), "--n", str(n), "--out", str(corpus)]
    subprocess.run([*cmd, "--seed", str(seed), "--templates", "copy"], check=True)
    stamp.write_text(want)
    return corpus


# ─── Peers ───────────────────────────────────────────────────────────────────────


def _version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def ensure_hugo() -> tuple[str | None, str]:
    """The hugo binary, or None and the reason it is missing."""
    hugo = shutil.which("hugo")
    if hugo:
        return hugo, ""
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("hugo: apt-get install -y hugo …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        done = subprocess.run(
            ["apt-get", "install", "-y", "hugo"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        hugo = shutil.which("hugo")
        if hugo:
            return hugo, ""
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return None, f"`apt-get install -y hugo` failed: {tail[0]}"
    return None, "hugo is not installed (and apt-get as root is not available)"


def ensure_pelican(cache: Path) -> tuple[Path | None, str]:
    """Pelican in its own venv under the cache folder, or None and the reason."""
    venv = cache / "pelican-venv"
    pelican = venv / "bin" / "pelican"
    if pelican.exists():
        return pelican, ""
    print(f"pelican: creating {venv} and installing pelican, markdown …", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "pelican", "markdown"],
            capture_output=True,
            text=True,
            check=False,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        return None, f"cannot create the venv: {exc}"
    if done.returncode != 0 or not pelican.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        _rm(venv)
        return None, f"`pip install pelican markdown` failed: {tail[0]}"
    return pelican, ""


# ─── The benchmark ───────────────────────────────────────────────────────────────


def _git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return "?"
    return f"{head}{' + uncommitted changes in src/' if dirty else ''}"


def code_state() -> str:
    """The commit and a digest of sitegen's source and theme (an editable install
    picks up edits at once: a run whose state changes mixes versions)."""
    digest = hashlib.sha256()
    for folder in (REPO / "src" / "sitegen",):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return f"commit {_git_state()}, source digest {digest.hexdigest()[:12]}"


@dataclass
class Bench:
    corpus: Path
    runs: int
    timeout: float
    sitegen: list[str]
    trash: Trash
    scenarios: tuple[str, ...] = SCENARIOS
    rows: dict[str, Row] = field(default_factory=dict)
    load_start: float = field(default_factory=lambda: os.getloadavg()[0])
    code_start: str = field(default_factory=code_state)

    def row(self, key: str, tool: str, label: str) -> Row:
        return self.rows.setdefault(key, Row(tool, label))

    def measure(self, row: Row, cmd: list[str], cwd: Path) -> Sample:
        sample = run_timed(cmd, cwd, self.timeout)
        row.samples.append(sample)
        state = "ok" if sample.returncode == 0 else f"FAILED (exit {sample.returncode})"
        print(
            f"  {row.label:<52} {sample.seconds:8.2f} s  {sample.tree_peak_kib / 1024:7.0f} MiB"
            f"  {state}",
            file=sys.stderr,
        )
        if sample.returncode != 0:
            print("    " + "\n    ".join(sample.output.strip().splitlines()[-5:]), file=sys.stderr)
        return sample

    def run_sitegen(self, run: int) -> None:
        c = self.corpus
        cold = self.row("cold", "sitegen", "sitegen cold build (`build --clean`, no cache/output)")
        noop = self.row("noop", "sitegen", "sitegen no-op rebuild")
        art = self.row("article", "sitegen", "sitegen rebuild after editing one article")
        tpl = self.row("template", "sitegen", "sitegen rebuild after editing `base.html`")
        for key, row in (("noop", noop), ("article", art), ("template", tpl)):
            if key not in self.scenarios:
                row.unavailable = "skipped (--scenarios)"
        sources = sorted((c / "content" / "sources").glob("*.txt"))
        article, template = sources[len(sources) // 2], c / "templates" / "base.html"
        pristine = {article: article.read_bytes(), template: template.read_bytes()}
        dirty = c / ".bench-dirty"
        self.trash.discard(c / "build")
        self.trash.discard(c / ".sitegen-cache")
        sample = self.measure(cold, [*self.sitegen, "build", "--clean"], c)
        if run == 0 and sample.returncode == 0:
            cold.pages, cold.size_bytes = _html_pages_and_size(c / "build")
        if "noop" not in self.scenarios:
            return
        self.measure(noop, [*self.sitegen, "build"], c)
        dirty.write_text("edited files are being restored")
        try:
            if "article" in self.scenarios:
                with article.open("a", encoding="utf-8") as f:
                    f.write(APPENDED_SENTENCE.format(run=run + 1))
                self.measure(art, [*self.sitegen, "build"], c)
            if "template" in self.scenarios:
                with template.open("a", encoding="utf-8") as f:
                    f.write(TEMPLATE_EDIT.format(run=run + 1))
                self.measure(tpl, [*self.sitegen, "build"], c)
            for r in (noop, art, tpl):
                if run == 0 and r.ok:
                    r.pages, r.size_bytes = _html_pages_and_size(c / "build")
        finally:
            for path, data in pristine.items():
                path.write_bytes(data)
            dirty.unlink()

    def run_hugo(self, hugo: str | None, why: str, run: int) -> None:
        row = self.row("hugo", "Hugo", "Hugo (`hugo --quiet`)")
        if hugo is None:
            row.unavailable = why
            return
        site, out = self.corpus / "hugo", self.corpus / "_out" / "hugo"
        self.trash.discard(out)
        self.trash.discard(site / "resources")
        sample = self.measure(row, [hugo, "--quiet", "-d", str(out)], site)
        if run == 0 and sample.returncode == 0:
            row.pages, row.size_bytes = _html_pages_and_size(out)

    def run_pelican(self, pelican: Path | None, why: str, run: int) -> None:
        cold = self.row("pelican-cold", "Pelican", "Pelican cold (no cache, no output)")
        warm = self.row("pelican-cache", "Pelican", "Pelican with its cache")
        if pelican is None:
            cold.unavailable = warm.unavailable = why
            return
        site, out = self.corpus / "pelican", self.corpus / "_out" / "pelican"
        cmd = [str(pelican), "content", "-o", str(out), "-s", "pelicanconf.py", "-q"]
        self.trash.discard(out)
        self.trash.discard(site / "cache")
        for row in (cold, warm):
            sample = self.measure(row, cmd, site)
            if run == 0 and sample.returncode == 0:
                row.pages, row.size_bytes = _html_pages_and_size(out)


# ─── Report ──────────────────────────────────────────────────────────────────────


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _warnings(output: str) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for line in output.splitlines():
        m = re.search(r"\b(warning|error): (.*)", line)
        if m:
            text = re.sub(r"\S+\.(txt|html|yaml)", "FILE", m.group(2))
            text = re.sub(r"'[^']*'", "'…'", text)
            kinds[f"{m.group(1)}: {text[:90]}"] += 1
    return kinds


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration, ValueError):
        mem = 0
    distro = "?"
    with contextlib.suppress(OSError):
        distro = platform.freedesktop_os_release().get("PRETTY_NAME", "?")
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB RAM, {distro}"


def report(bench: Bench, n: int, seed: int, versions: dict[str, str]) -> str:
    rows = list(bench.rows.values())
    hugo = bench.rows.get("hugo")
    hugo_median = hugo.median() if hugo else None
    sources = list((bench.corpus / "content" / "sources").glob("*.txt"))
    sidecars = list((bench.corpus / "content" / "sources").glob("*.yaml"))
    corpus_mb = sum(p.stat().st_size for p in sources + sidecars) / 1e6
    lines = [
        f"# sitegen benchmark: N = {n:,} articles",
        "",
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {_machine()}; "
        f"Python {platform.python_version()}. Load average (1 min) at start and end: "
        f"{bench.load_start:.1f} / {os.getloadavg()[0]:.1f} (other jobs on a shared machine "
        "slow every tool; compare ratios from one run).",
        "",
        f"- sitegen: {versions['sitegen']} ({bench.code_start})"
        + (
            ""
            if bench.code_start == code_state()
            else f"; **its source changed during the run** (now {code_state()}): "
            "the runs mix versions"
        ),
        f"- Hugo: {versions['hugo']}",
        f"- Pelican: {versions['pelican']}",
        f"- Corpus: `python bench/make_corpus.py --n {n} --seed {seed}`: {len(sources):,} "
        f"sources, {len(sidecars):,} sidecars, {corpus_mb:.1f} MB; the same articles as a "
        "Hugo and a Pelican site.",
        f"- Wall-clock time of the whole process, median of {bench.runs} run(s) (min–max); "
        "peak memory: the largest single process (`/usr/bin/time -f %M`) and the whole process "
        f"tree (PSS summed, sampled every {SAMPLE_EVERY:g} s). Pages: `.html` files written; "
        "size: all output files.",
        "",
        "| build | median s | min–max s | × Hugo | peak RSS MiB | peak tree MiB "
        "| pages (.html) | output MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.unavailable:
            lines.append(f"| {row.label} | not measured: {row.unavailable} | | | | | | |")
            continue
        med = row.median()
        if med is None:
            why = row.failed[0].output.strip().splitlines()[-1:] if row.failed else ["?"]
            lines.append(f"| {row.label} | failed: `{why[0][:120]}` | | | | | | |")
            continue
        times = [s.seconds for s in row.ok]
        ratio = f"{med / hugo_median:.2f}" if hugo_median else "n/a"
        failed = f" ({len(row.failed)} failed)" if row.failed else ""
        lines.append(
            f"| {row.label}{failed} | {med:.2f} | {min(times):.2f}–{max(times):.2f} | {ratio} "
            f"| {_fmt(row.peak_rss_mib(), 0)} | {_fmt(row.peak_tree_mib(), 0)} "
            f"| {row.pages if row.pages is not None else '–'} "
            f"| {_fmt(row.size_bytes / 1e6 if row.size_bytes is not None else None, 1)} |"
        )
    lines += [
        "",
        "Targets of issue 15 (stated for N = 10,000, ratios to Hugo in the same run):",
        "",
    ]
    lines += ["| target | measured | met |", "| --- | --- | --- |"]
    for key, limit, text in TIME_TARGETS:
        med = bench.rows[key].median() if key in bench.rows else None
        if med is None or not hugo_median:
            lines.append(f"| {text} | n/a | n/a |")
        else:
            r = med / hugo_median
            lines.append(f"| {text} | {r:.2f} × | {'yes' if r <= limit else 'no'} |")
    for key, text in (("cold", "cold build"), ("article", "one-article edit")):
        peak = bench.rows[key].peak_tree_mib() if key in bench.rows else None
        if peak is not None:
            met = "yes" if peak <= MEMORY_TARGET_MIB else "no"
            lines.append(
                f"| peak memory of a {text} ≤ {MEMORY_TARGET_MIB} MiB (process tree) "
                f"| {peak:,.0f} MiB | {met} |"
            )
    size = bench.rows["cold"].size_bytes if "cold" in bench.rows else None
    if size is not None:
        met = "yes" if size / 1e6 <= OUTPUT_TARGET_MB else "no"
        lines.append(f"| output ≤ {OUTPUT_TARGET_MB} MB | {size / 1e6:,.1f} MB | {met} |")
    cold = bench.rows.get("cold")
    if cold and cold.samples:
        out = cold.samples[0].output
        summary = [ln for ln in out.splitlines() if ln.startswith("built ")]
        kinds = _warnings(out)
        lines += [
            "",
            "sitegen's own summary of the first cold build: "
            + (f"`{summary[-1]}`" if summary else "(none printed)"),
        ]
        if kinds:
            lines += ["", "Its warnings and errors, by kind:", ""]
            lines += [f"- {count} × `{kind}`" for kind, count in kinds.most_common(12)]
    for key in ("noop", "article", "template"):
        rebuild = bench.rows.get(key)
        if rebuild and rebuild.samples:
            output = rebuild.samples[0].output
            summary = [ln for ln in output.splitlines() if ln.startswith("built ")]
            if summary:
                lines.append(f"- {rebuild.label}: `{summary[-1]}`")
    return "\n".join(lines) + "\n"


def sitegen_command() -> list[str]:
    """The ``sitegen`` script of the Python running the benchmark, as an activated venv runs it.

    Not the first one on ``PATH``: a version manager's shim there (pyenv's is a shell
    script) starts another process first, 0.09 s on the benchmark machine, which is an
    eighth of a no-op build and no part of sitegen.
    """
    beside = Path(sys.executable).with_name("sitegen")
    if beside.is_file():
        return [str(beside)]
    exe = shutil.which("sitegen")
    return [exe] if exe else [sys.executable, "-m", "sitegen"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--out", type=Path, help="Markdown file (default bench/results-N.md)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sitegen-bench",
        help="where corpora and the Pelican venv are kept (default: TMPDIR/sitegen-bench)",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
    parser.add_argument("--no-pelican", action="store_true", help="skip Pelican")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="sitegen scenarios to time, comma-separated (default: all of "
        + ",".join(SCENARIOS)
        + "; each needs the ones before it)",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("--n and --runs must be at least 1")
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if not scenarios or any(s not in SCENARIOS for s in scenarios):
        parser.error(f"--scenarios: choose from {','.join(SCENARIOS)}")
    out: Path = args.out or BENCH / f"results-{args.n}.md"

    sitegen = sitegen_command()
    trash = Trash(args.cache.resolve() / "trash")
    trash.empty()  # a stopped run's leftovers, before anything is timed
    corpus = ensure_corpus(args.n, args.seed, args.cache.resolve(), trash)
    trash.empty()  # an outdated corpus
    trash.settle()
    hugo, hugo_why = (None, "skipped (--no-hugo)") if args.no_hugo else ensure_hugo()
    pelican, pel_why = (
        (None, "skipped (--no-pelican)") if args.no_pelican else ensure_pelican(args.cache)
    )
    versions = {
        "sitegen": _version([*sitegen, "--version"]),
        "hugo": _version([hugo, "version"]) if hugo else f"not available ({hugo_why})",
        "pelican": _version([str(pelican), "--version"])
        if pelican
        else f"not available ({pel_why})",
    }
    if pelican:
        versions["pelican"] = f"Pelican {versions['pelican']} (venv {pelican.parent.parent})"

    last = max(SCENARIOS.index(s) for s in scenarios)  # each needs the ones before it
    bench = Bench(corpus, args.runs, args.timeout, sitegen, trash, SCENARIOS[: last + 1])
    try:
        # The peers first: sitegen's rebuilds delete the files they replace, which would
        # slow the next tool's file creation on this machine (see Trash).
        for run in range(args.runs):
            print(f"peers, run {run + 1}/{args.runs} (N = {args.n})", file=sys.stderr)
            bench.run_hugo(hugo, hugo_why, run)
            bench.run_pelican(pelican, pel_why, run)
        for run in range(args.runs):
            print(f"sitegen, run {run + 1}/{args.runs} (N = {args.n})", file=sys.stderr)
            bench.run_sitegen(run)
    finally:
        trash.empty()

    text = report(bench, args.n, args.seed, versions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
