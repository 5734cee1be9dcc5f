"""Turns bench/run's results (case, path, Gbit/s per run) into docs/benchmarks.md."""
import collections
import datetime
import platform
import statistics
import subprocess
import sys

CASES = {"1": "one bulk stream (Gbit/s)", "2": "eight parallel bulk streams (Gbit/s)"}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    import os
    return f"{os.cpu_count()} × {cpu}, Linux {platform.release()}, {java}"


def main(path, runs, seconds):
    medians = collections.OrderedDict()
    samples = collections.defaultdict(list)
    for line in open(path):
        case, name, value = line.rstrip("\n").split("\t")
        samples[(case, name)].append(float(value))
    for (case, name), values in samples.items():
        medians.setdefault(name, {})[case] = statistics.median(values)

    out = ["# Benchmarks", "",
           f"Written by `bench/run` on {datetime.date.today()}: {machine()}. Loopback only; iperf3, "
           f"{seconds} s per run, median of {runs} runs; every path measured in the same run.", "",
           "| path | " + " | ".join(CASES[c] for c in CASES) + " |",
           "|---|" + "---|" * len(CASES)]
    for name, by_case in medians.items():
        out.append(f"| {name} | " + " | ".join(f"{by_case.get(c, float('nan')):.2f}" for c in CASES) + " |")
    usp = medians.get("USP tunnelled", {})
    ssh_default = next((v for k, v in medians.items() if k.startswith("ssh -R") and "default" in k), {})
    ssh_gcm = medians.get("ssh -R (aes128-gcm)", {})
    out += ["", "## Targets (issue 3)", "",
            "| case | target | measured | met |", "|---|---|---|---|"]

    def row(case, label, ours, theirs, goal):
        if not ours or not theirs:
            return
        ratio = ours / theirs
        out.append(f"| {case} | ≥ {goal}× {label} | {ratio:.2f}× | {'yes' if ratio >= goal else 'no'} |")

    row("1", "ssh default cipher", usp.get("1"), ssh_default.get("1"), 2.0)
    row("1", "ssh aes128-gcm", usp.get("1"), ssh_gcm.get("1"), 1.3)
    row("2", "ssh aes128-gcm", usp.get("2"), ssh_gcm.get("2"), 1.5)
    out += ["", "Cases 3–7 (latency, head-of-line, connection rate, idle connections, slow reader) are not "
            "measured yet: they need the Java load tool issue 3 asks for.", ""]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
