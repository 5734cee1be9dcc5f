"""Turns bench/run's results into docs/benchmarks.md and a chart of them, docs/benchmarks.png.

Input: one line per measurement, "case<TAB>path<TAB>JSON" (iperf3 gives {"gbits"}, the load
tool its own JSON line). Medians over the runs go in the tables; the targets of issue 3 are
checked against them, as ratios from this one run so that the machine's noise cancels.
"""
import collections
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

MIB = 1024 * 1024
# What case 7 may hold per USP process: the buffers the path is configured with, one stream's
# worth (StreamWindow 4 MiB, tunnel write high-water 4 MiB, socket write high-water 1 MiB,
# socket reads 1 MiB; see Transport and TunnelCodecs).
CONFIGURED_BUFFERS = 10 * MIB


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} × {cpu}, Linux {platform.release()}, {java}"


def chart_label(path):
    """A path's name, short enough for the chart's axis: the cipher goes on a line of its own."""
    if path.startswith("ssh -R") and "default" in path:
        return "ssh -R\\ndefault cipher"
    return path.replace(", ", "\\n").replace(" (", "\\n(")


def load(path):
    samples = collections.defaultdict(list)  # (case, path) -> [dict]
    order = []
    for line in open(path):
        case, name, raw = line.rstrip("\n").split("\t", 2)
        if not raw.strip():
            print(f"report: case {case}, {name}: a run gave no result", file=sys.stderr)
            continue
        samples[(case, name)].append(json.loads(raw))
        if name not in order:
            order.append(name)
    return samples, order


def median(samples, case, name, key):
    values = [s[key] for s in samples.get((case, name), []) if s.get(key) is not None]
    return statistics.median(values) if values else None


def fmt(value, pattern):
    return "–" if value is None else pattern.format(value)


class Report:
    def __init__(self, samples, order):
        self.samples, self.order, self.lines, self.targets = samples, order, [], []

    def m(self, case, name, key):
        return median(self.samples, case, name, key)

    def table(self, header, rows):
        self.lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        self.lines += ["| " + " | ".join(row) + " |" for row in rows]
        self.lines.append("")

    def target(self, case, goal, measured, met):
        self.targets.append([case, goal, measured, "yes" if met else "no"])

    def ssh(self, which):
        return next((n for n in self.order if n.startswith("ssh -R") and which in n), None)

    def throughput(self):
        self.lines += ["## Cases 1 and 2: bulk throughput", "",
                       "iperf3 through each path, Gbit/s received.", ""]
        self.table(["path", "1: one stream", "2: eight streams"],
                   [[n, fmt(self.m("1", n, "gbits"), "{:.2f}"), fmt(self.m("2", n, "gbits"), "{:.2f}")]
                    for n in self.order if ("1", n) in self.samples])
        usp, default, gcm = "USP tunnelled", self.ssh("default"), self.ssh("gcm")
        for case, other, goal in (("1", default, 2.0), ("1", gcm, 1.3), ("2", gcm, 1.5)):
            ours, theirs = self.m(case, usp, "gbits"), self.m(case, other, "gbits")
            if ours and theirs:
                self.target(case, f"≥ {goal}× {other}", f"{ours / theirs:.2f}× ({ours:.2f} / {theirs:.2f} Gbit/s)",
                            ours / theirs >= goal)

    def latency(self):
        self.lines += ["## Cases 3 and 4: 64-byte round trips", "",
                       "One connection, request and answer of 64 bytes, one at a time, through an echo target. "
                       "Case 4 runs the same while one bulk stream pushes through the same path to a sink "
                       "(for ssh: the same ssh connection; for USP: the same client, whose two tunnel "
                       "connections each carry streams, and once more with a client of one tunnel connection). "
                       "Microseconds.", ""]
        rows = []
        for n in self.order:
            if ("3", n) in self.samples or ("4", n) in self.samples:
                rows.append([n] + [fmt(self.m(c, n, k), "{:.0f}") for c, k in
                                   (("3", "p50_us"), ("3", "p99_us"), ("4", "p50_us"), ("4", "p99_us"))]
                            + [fmt(self.m("4", n, "bulk_gbits"), "{:.2f}")])
        self.table(["path", "3: p50", "3: p99", "4: p50", "4: p99", "4: bulk Gbit/s"], rows)
        direct, usp = self.m("3", "direct", "p99_us"), self.m("3", "USP tunnelled", "p99_us")
        if direct is not None and usp is not None:
            added = (usp - direct) / 1000
            self.target("3", "p99 added over direct ≤ 0.25 ms", f"{added:.3f} ms", added <= 0.25)
        for n in ("USP tunnelled", "USP tunnelled, one tunnel connection"):
            p99 = self.m("4", n, "p99_us")
            if p99 is not None:
                self.target("4", f"p99 ≤ 5 ms ({n})", f"{p99 / 1000:.2f} ms", p99 <= 5000)

    def rate(self):
        self.lines += ["## Case 5: new connections per second", "",
                       "50 workers, each: connect, one 64-byte round trip, close, again.", ""]
        rows = []
        for n in self.order:
            if ("5", n) in self.samples:
                errors = sum(s.get("errors", 0) for s in self.samples[("5", n)])
                rows.append([n, fmt(self.m("5", n, "per_second"), "{:.0f}"), str(errors)])
        self.table(["path", "connections/s", "errors (all runs)"], rows)
        usp = self.m("5", "USP tunnelled", "per_second")
        ssh = [self.m("5", s, "per_second") for s in (self.ssh("default"), self.ssh("gcm")) if s]
        ssh = [v for v in ssh if v]
        if usp is not None:
            self.target("5", "≥ 5,000 per second", f"{usp:.0f}", usp >= 5000)
        if usp is not None and ssh:
            best = max(ssh)
            self.target("5", "≥ 2× ssh (the faster cipher)", f"{usp / best:.2f}× ({usp:.0f} / {best:.0f})",
                        usp / best >= 2)

    def memory(self, server_pid, client_pid):
        label = {server_pid: "server", client_pid: "client"}
        idle = self.samples.get(("6", "USP tunnelled"), [])
        if idle:
            r = idle[0]
            self.lines += ["## Case 6: idle connections through one tunnel", "",
                           f"{r['opened']} connections opened through the tunnelled deployment (one round trip each), "
                           f"held idle, then checked with a second round trip: {r['alive_after_hold']} alive, "
                           f"{r['errors']} errors{' (first: ' + r['first_error'] + ')' if r.get('first_error') else ''}. Resident memory (VmRSS) of the USP processes:", ""]
            self.table(["process", "before (KiB)", "with the connections open (KiB)", "growth per connection"],
                       [[label.get(p, p), str(r["rss_before_kb"][p]), str(r["rss_after_kb"][p]),
                         f"{(r['rss_after_kb'][p] - r['rss_before_kb'][p]) * 1024 / max(r['opened'], 1):.0f} B"]
                        for p in r["rss_before_kb"]])
            per = r["per_connection_bytes"]
            self.target("6", "≤ 20 KB per connection, server and client together, all stay up",
                        f"{per / 1000:.1f} KB, {r['alive_after_hold']} of {r['opened']} alive",
                        per <= 20000 and r["errors"] == 0 and r["alive_after_hold"] == r["opened"] > 0)
        push = [s for s in self.samples.get(("7", "USP tunnelled"), []) if "pushed_bytes" in s]
        oom = any(s.get("out_of_memory") for s in self.samples.get(("7", "USP tunnelled"), []))
        if push:
            r = push[0]
            self.lines += ["## Case 7: a fast partner, a target reading 1 MB/s", "",
                           f"The partner offered 1 GB; the path took {r['pushed_bytes'] / MIB:.1f} MiB in the run's "
                           "time (kernel socket buffers on every hop included). VmRSS sampled every second:", ""]
            self.table(["process", "first (KiB)", "max (KiB)", "last (KiB)", "growth (KiB)"],
                       [[label.get(p, p), str(v["first"]), str(v["max"]), str(v["last"]),
                         str(r["rss_growth_kb"][p])] for p, v in r["rss_kb"].items()])
            worst = max(r["rss_growth_kb"].values()) * 1024
            self.target("7", f"no growth beyond the configured buffers ({CONFIGURED_BUFFERS // MIB} MiB a process), "
                             "no OutOfMemoryError",
                        f"largest growth {worst / MIB:.1f} MiB; {'OutOfMemoryError' if oom else 'no OutOfMemoryError'}",
                        worst <= CONFIGURED_BUFFERS and not oom)

    def chart(self, png):
        """Three panels: throughput, round-trip p99, connections per second."""
        with tempfile.TemporaryDirectory() as tmp:
            def data(name, cases, key):
                rows = [n for n in self.order if any((c, n) in self.samples for c in cases)]
                with open(os.path.join(tmp, name), "w") as f:
                    for n in rows:
                        values = [self.m(c, n, key) for c in cases]
                        f.write('"%s" %s\n' % (chart_label(n),
                                               " ".join("NaN" if v is None else str(v) for v in values)))
            data("tput", ("1", "2"), "gbits")
            data("lat", ("3", "4"), "p99_us")
            data("rate", ("5",), "per_second")
            script = f"""
set terminal pngcairo size 1400,1600 font "sans,11"
set output "{png}"
set multiplot layout 3,1 title "USP benchmarks ({datetime.date.today()}, loopback, median of runs)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set grid ytics
set key outside top center horizontal
set xtics scale 0
set bmargin 4
set yrange [0:*]
set ylabel "Gbit/s"
set title "Cases 1-2: bulk throughput (higher is better)"
plot "{tmp}/tput" using 2:xtic(1) title "one stream", "" using 3 title "eight streams"
set ylabel "microseconds (log)"
set logscale y
set yrange [10:*]
set title "Cases 3-4: p99 of 64-byte round trips (lower is better)"
plot "{tmp}/lat" using 2:xtic(1) title "alone", "" using 3 title "beside a bulk stream"
unset logscale y
set yrange [0:*]
set ylabel "connections/s"
set title "Case 5: new connections per second, 50 workers (higher is better)"
plot "{tmp}/rate" using 2:xtic(1) title "connect, one round trip, close"
unset multiplot
"""
            subprocess.run(["gnuplot"], input=script, text=True, check=True)

    def render(self, runs, note):
        head = ["# Benchmarks", "",
                f"Written by `bench/run` on {datetime.date.today()}: {machine()}. Loopback only; every path "
                f"measured in the same run, runs going round the paths; median of {runs} runs per case and path. "
                f"{note}. USP is warmed up first (about 90 s of traffic: the JIT compiles the data path during "
                "the first 20-30 s). Chart: `benchmarks.png`.", "",
                "## Targets (issue 3)", "", "| case | target | measured | met |", "|---|---|---|---|"]
        head += ["| " + " | ".join(t) + " |" for t in self.targets]
        return "\n".join(head + [""] + self.lines)


def main(results, runs, server_pid, client_pid, note, md, png):
    samples, order = load(results)
    report = Report(samples, order)
    report.throughput()
    report.latency()
    report.rate()
    report.memory(server_pid, client_pid)
    report.chart(png)
    with open(md, "w") as f:
        f.write(report.render(runs, note))


if __name__ == "__main__":
    main(*sys.argv[1:8])
