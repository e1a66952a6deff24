"""``--executor ray`` with 1 and 2 actors against ``--jobs 1`` and ``--jobs 2``, same input.

Writes the same generated Weibo-style posts as ``bench_jobs.py`` into ``--files`` JSONL files
(one Ray shard each) and runs the built-in ``weibo-zh-tw`` pipeline over them four ways, side by
side in one run: ``localize run --jobs 1`` and ``--jobs 2`` (the real command), and
``run_ray`` with 1 and 2 actors on a local Ray (``ray.init(num_cpus=2)``, started once; its
start-up is printed apart). Prints posts/s of each, the peak memory of a Ray actor, and a model
of a million posts on a cluster: the measured per-actor rate and memory times actors per node.
With ``--mt`` it also loads a full-size translation model (6+6 layers, d=512, 32k vocabulary,
int8: the shape of Argos's zh->en package, random weights) in a fresh process and prints the
memory it adds per actor.

    .venv/bin/python benchmarks/bench_ray.py [--posts 20000] [--files 8] [--mt]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_jobs import PIPELINE, write_posts

from localize.exec import PipelineSpec
from localize.exec.ray import run_ray

MILLION = 1_000_000


def split_posts(work: Path, posts: int, files: int) -> list[Path]:
    """``posts`` posts (unique ids) over ``files`` JSONL files."""
    lines = write_posts(work / "all.jsonl", posts).read_text(encoding="utf-8").splitlines(True)
    per_file = -(-len(lines) // files)
    paths = []
    for i in range(files):
        path = work / "in" / f"part-{i:03d}.jsonl"
        path.parent.mkdir(exist_ok=True)
        path.write_text("".join(lines[i * per_file : (i + 1) * per_file]), encoding="utf-8")
        paths.append(path)
    return paths


def timed_jobs(paths: list[Path], out: Path, jobs: int) -> float:
    cmd = [sys.executable, "-m", "localize", "run", str(PIPELINE), *map(str, paths)]
    start = time.perf_counter()
    subprocess.run([*cmd, "-o", str(out), "-q", "--jobs", str(jobs)], check=True)
    return time.perf_counter() - start


def mt_actor_memory(work: Path) -> float:
    """MB that loading a full-size int8 model adds to a fresh process."""
    from bench_mt import build_package

    folder = build_package(work).with_suffix("")  # the package folder beside its archive
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from localize.mt.engine import Engine\n"
        "from localize.mt.packages import PackageInfo\n"
        "folder = Path(sys.argv[1])\n"
        "meta = json.loads((folder / 'metadata.json').read_text())\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "engine = Engine(PackageInfo(folder, meta), threads=1)\n"
        "engine.translate(['今天天气很好。我们去多伦多。'] * 8)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=8, help="input files = Ray shards")
    parser.add_argument("--cores-per-node", type=int, default=16, help="for the model")
    parser.add_argument("--mt", action="store_true", help="also measure an MT model's memory")
    args = parser.parse_args()
    import ray

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        paths = split_posts(work, args.posts, args.files)
        print(f"weibo-zh-tw, {args.posts:,} posts in {args.files} files; 2 cores, shared")
        print(f"load average: {os.getloadavg()[0]:.2f}")
        timed_jobs(paths[:1], work / "warm.jsonl", 1)  # glossary parse cache, file cache
        rates: dict[str, float] = {}
        for jobs in (1, 2):
            seconds = timed_jobs(paths, work / f"jobs-{jobs}.jsonl", jobs)
            rates[f"--jobs {jobs}"] = args.posts / seconds
        start = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        ray_start = time.perf_counter() - start
        spec = PipelineSpec(PIPELINE)
        peak, busy = 0.0, 0.0
        for actors in (1, 2):
            start = time.perf_counter()
            run = run_ray(spec, [str(p) for p in paths], work / f"ray-{actors}", jobs=actors)
            seconds = time.perf_counter() - start
            assert run.posts == args.posts and not run.missing
            rates[f"ray, {actors} actor{'s' if actors > 1 else ''}"] = args.posts / seconds
            peak = max(peak, *(s.actor_peak_rss_mb for s in run.shards))
            if actors == 1:
                busy = sum(s.seconds for s in run.shards)  # the actor's time on shards
        ray.shutdown()
        print(f"Ray start-up (ray.init, once): {ray_start:.1f} s, not counted below")
        for name, rate in rates.items():
            print(f"  {name:<16} {rate:7.0f} posts/s  ({rate / rates['--jobs 1']:.2f}x --jobs 1)")
        print(f"  peak memory of a Ray actor: {peak:.0f} MB")
        mt = mt_actor_memory(work) if args.mt else None
        if mt is not None:
            print(f"  a full-size int8 MT model adds {mt:.0f} MB to a process")

    per_actor = args.posts / busy  # steady rate: start-up and scheduling left out
    scaling = rates["ray, 2 actors"] / rates["ray, 1 actor"] / 2
    cores = args.cores_per_node
    node_rate = per_actor * cores * scaling
    memory = cores * (peak + (mt or 0))
    print(f"\nmodel for {MILLION:,} posts (this pipeline; one actor per core, {cores}-core nodes):")
    print(
        f"  per actor {per_actor:.0f} posts/s (measured: its time on shards); 2 actors on 2 cores"
        f" ran at {scaling:.0%} of twice 1 actor here, assumed for {cores} actors per node"
    )
    for nodes in (1, 4, 16):
        minutes = MILLION / (node_rate * nodes) / 60
        print(f"  {nodes:>2} node(s): ~{minutes:5.1f} min")
    mt_note = f" + {mt:.0f} MB MT model" if mt is not None else " (+ the MT model: see --mt)"
    print(f"  memory per node: {cores} x {peak:.0f} MB{mt_note} = ~{memory / 1024:.1f} GB")


if __name__ == "__main__":
    main()
