#!/usr/bin/env python3
"""PostgreSQL server CPU per request for the ours-postgres peer, measured from outside the suite.

Runs the suite as bench/run.sh does (build the jar first: mvn -B -o -q -Pbench -pl bench -am package -DskipTests)
for ours-postgres, read and write, and samples every 50 ms the CPU (utime + stime, /proc/<pid>/stat fields 14 and
15, plus the postmaster's cutime + cstime for children that exited) of the PostgreSQL this run started: the postmaster
listening on the port given to the suite's PostgresBackend child, and every child of that postmaster. The window of
each wrk process is recorded; the second wrk of a scenario is its measured window, whose PostgreSQL CPU is divided by
the requests wrk's log reports.

    python3 bench/pg-cpu.py                    # the suite's default window
    python3 bench/pg-cpu.py --duration 20      # options go on to the suite
    BENCH_JAR=/tmp/before.jar python3 bench/pg-cpu.py   # another build of the bench
"""
import os, re, subprocess, sys, time, json, pathlib

bench = pathlib.Path(__file__).resolve().parent
work = bench / "target" / "pg-cpu-work"
# BENCH_JAR: another build of the bench, to compare a change with what came before it
jar = pathlib.Path(os.environ.get("BENCH_JAR", bench / "target" / "vertx-sessions-bench.jar"))
if not jar.exists():
    sys.exit("[pg-cpu] build the bench jar first: mvn -B -o -q -Pbench -pl bench -am package -DskipTests")
hz = os.sysconf("SC_CLK_TCK")
subprocess.run(["rm", "-rf", str(work)], check=True)
work.mkdir(parents=True)
log = open(work / "suite.log", "w")
suite = subprocess.Popen(["java", "-Xmx1g", "-cp", str(jar), "io.github.vertxsessions.bench.load.Suite",
                          "--out", str(work / "RESULTS.md"), "--work", str(work), "--peers", "ours-postgres",
                          "--scenarios", "read,write", "--no-micro"] + sys.argv[1:], stdout=log, stderr=log)


def processes():
    """pid -> (ppid, comm, stat fields after the command name, args)"""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
            args = open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        rest = stat[stat.rindex(")") + 2:].split()
        found[int(entry)] = (int(rest[1]), comm, rest, args)
    return found


PSQL = next(iter(sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql"))), None)
STATS = ("SELECT d.xact_commit, sum(t.n_tup_upd), sum(t.n_tup_hot_upd), sum(t.n_tup_ins), sum(t.idx_scan), "
         "sum(t.seq_scan) FROM pg_stat_database d, pg_stat_user_tables t WHERE d.datname = 'postgres' "
         "GROUP BY d.xact_commit")


def statistics(port):
    """The server's counters: transactions (one per statement in autocommit), row updates, HOT ones, inserts,
    index and sequential scans; None without psql."""
    if PSQL is None or port is None:
        return None
    out = subprocess.run([str(PSQL), "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-At", "-F", " ", "-c", STATS],
                         capture_output=True, text=True).stdout.split()
    return [int(x) for x in out] if out else None


def sample():
    procs = processes()
    wrk = next((p for p, v in procs.items() if v[0] == suite.pid and v[1] == "wrk"), None)
    port = next((v[3].split()[-1] for v in procs.values()
                 if v[0] == suite.pid and "PostgresBackend" in v[3]), None)
    global backend_port
    backend_port = port
    if port is None:
        return wrk, None
    master = next((p for p, v in procs.items() if v[1] == "postgres" and re.search(rf"-p {port}\b", v[3])), None)
    if master is None:
        return wrk, None
    # rest[11], rest[12]: utime, stime (fields 14, 15); rest[13], rest[14]: cutime, cstime of waited-for children
    rest = procs[master][2]
    ticks = int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])
    ticks += sum(int(v[2][11]) + int(v[2][12]) for v in procs.values() if v[0] == master)
    return wrk, ticks


backend_port = None
counters, counted = [], None
windows, current, start, last = [], None, None, None
while suite.poll() is None:
    wrk, ticks = sample()
    if wrk != current:
        # a wrk ended (its CPU ends at the last sample taken while it ran) and/or another began
        if current is not None:
            windows.append((start, last))
            counters.append((counted, statistics(backend_port)))
        current, start = wrk, ticks
        counted = statistics(backend_port) if wrk is not None else None
    if ticks is not None:
        last = ticks
    time.sleep(0.05)
print(f"suite exit {suite.returncode}; wrk windows (ticks): {windows}")
# in order: read's warm-up and measured run, then write's
measured = windows[1::2]
for scenario, (begin, end), (before, after) in zip(["read", "write"], measured, counters[1::2]):
    text = (next(work.rglob(f"ours-postgres-{scenario}-wrk.log"))).read_text()
    result = json.loads(text[text.index("WRK_RESULT") + 11:].splitlines()[0])
    n, us = result["requests"], result["durationMicros"]
    cpu = (end - begin) / hz
    print(f"{scenario}: {n} requests, {n * 1e6 / us:.0f} req/s, PostgreSQL CPU {cpu:.2f} s, "
          f"{cpu * 1e6 / n:.1f} us per request")
    if before and after:
        d = [(a - b) / n for a, b in zip(after, before)]
        print(f"  per request: {d[0]:.2f} statements (transactions), {d[1]:.2f} row updates ({d[2]:.2f} HOT), "
              f"{d[3]:.2f} inserts, {d[4]:.2f} index scans, {d[5]:.2f} sequential scans")
