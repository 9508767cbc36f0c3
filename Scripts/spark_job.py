#!/usr/bin/env python3
"""Analyses a folder of reports on Apache Spark, with the same answer as `conflictmap analyze`.

    spark-submit Scripts/spark_job.py INPUT OUTPUT [--master local[*]] [options]
    python3 Scripts/spark_job.py INPUT OUTPUT --master local[2]          # pyspark installed with pip

INPUT is a folder of report files (JSON Lines, or any format `conflictmap analyze` reads), on any
file system Spark reads (a local path, hdfs://, s3a://). The job

1. lists the files under INPUT as `conflictmap analyze INPUT` does (recursively; .jsonl, .ndjson,
   .json, .txt, .html…; no hidden files), naming each as analyze would (INPUT/relative/path);
2. reads them on the executors, one record per file, packed into partitions by size;
3. pipes each partition through the binary: `conflictmap analyze --partial --stdin-format files
   -`, which reads each file exactly as analyze reads it and writes one partial result (one line
   of JSON);
4. merges the partial results in a tree, also through the binary: each round groups --fan-in of
   them into a partition piped through `conflictmap merge -`, until at most --fan-in are left;
5. on the driver, merges those and finalises them in one run of the binary into
   OUTPUT/analysis.json and OUTPUT/analysis.geojson (exactly what `conflictmap analyze INPUT`
   writes), keeps the merged partial result in OUTPUT/analysis.partial.jsonl (to merge with later
   batches) and draws OUTPUT/map.png from it (`conflictmap render --from`).

A batch the binary fails on (it exits non-zero or is killed: by a report it traps on, or, with
--cpu-limit, one it takes too long over) does not fail the job. The driver splits the batch (into
up to 8 parts, or one a core) and analyses the parts, again and again, down to the file and then, in
JSON Lines, to the line that fails alone; it names each such report in its log (`spark_job: left out
…`), leaves it out (a line as if it were blank, so that the other lines keep their numbers and ids),
and finishes with the answer `conflictmap analyze` gives without it. When the binary fails on an
empty batch too, or more than --max-left-out reports fail, the job fails instead. Nothing is run
twice when no batch fails.

On a laptop the binary and the data are used where they are. On a cluster, --ship sends the binary
and the gazetteer and actor profiles to the executors (SparkContext.addFile and addArchive); see
the README's "Spark" section. Timings go to standard error and, with --timings FILE, to a JSON file.
"""
import argparse
import base64
import json
import os
import posixpath
import shlex
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The file types `conflictmap analyze` reads from a folder (ReportReader.readableExtensions).
READABLE = {"txt", "text", "md", "html", "htm", "json", "jsonl", "ndjson"}


def log(message):
    print(f"spark_job: {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="the folder of reports (a path or a Hadoop URI)")
    ap.add_argument("output", help="the local folder to write analysis.json, analysis.geojson, map.png into")
    ap.add_argument("--master", help="Spark master, e.g. local[2] or local[*] (default: as spark-submit says, else local[*])")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "conflictmap"),
                    help="the conflictmap executable (default: .build/release/conflictmap)")
    ap.add_argument("--gazetteer", default=os.path.join(ROOT, "Gazetteer"), help="the gazetteer folder (default: Gazetteer/)")
    ap.add_argument("--actors", default=os.path.join(ROOT, "Actors"), help="the actor profiles folder (default: Actors/)")
    ap.add_argument("--date", help="passed to conflictmap analyze --date")
    ap.add_argument("--region", help="passed to conflictmap analyze --region")
    ap.add_argument("--partitions", type=int, help="how many batches to analyse (default: Spark's default parallelism)")
    ap.add_argument("--fan-in", type=int, default=8,
                    help="how many partial results one merge reads (default 8): batches are merged on the executors, in "
                         "rounds, until at most this many are left, which the driver merges and finalises")
    ap.add_argument("--ship", action="store_true",
                    help="send the binary, the gazetteer and the actor profiles to the executors (for a cluster)")
    ap.add_argument("--max-left-out", type=int, default=100, metavar="N",
                    help="a batch the binary fails on is split until the reports it fails on are found, which are left out "
                         "and named; when more than N are, the job fails instead (default 100; 0: any failing batch fails the job)")
    ap.add_argument("--cpu-limit", type=int, metavar="SECONDS",
                    help="stop a run of conflictmap analyze after this much CPU time (RLIMIT_CPU): its batch then counts as "
                         "failed, so that a report that takes the binary too long is found and left out like one it fails on "
                         "(default: no limit)")
    ap.add_argument("--no-map", action="store_true", help="do not draw OUTPUT/map.png")
    ap.add_argument("--timings", help="also write the phases' timings (seconds) and the input size as JSON to this file")
    return ap.parse_args(argv)


def list_reports(sc, root):
    """The report files under root, as (URI, size, path as `conflictmap analyze root` names it)."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    base = jvm.org.apache.hadoop.fs.Path(root)
    fs = base.getFileSystem(conf)
    qualified = fs.makeQualified(base)
    if not fs.exists(qualified):
        raise SystemExit(f"spark_job: {root}: no such folder")
    prefix = qualified.toString().rstrip("/") + "/"
    if not fs.getFileStatus(qualified).isDirectory():
        # A single file: analyze names it as given.
        return [(qualified.toString(), fs.getFileStatus(qualified).getLen(), root)]
    found = []
    files = fs.listFiles(qualified, True)
    while files.hasNext():
        status = files.next()
        uri = status.getPath().toString()
        name = status.getPath().getName()
        if name.startswith(".") or "." not in name or name.rsplit(".", 1)[1].lower() not in READABLE:
            continue
        if not uri.startswith(prefix):
            raise SystemExit(f"spark_job: {uri} is not under {prefix}")
        relative = uri[len(prefix):]
        found.append((uri, status.getLen(), posixpath.join(root, relative)))
    found.sort(key=lambda f: f[2])
    return found


def read_on_driver(sc, uri):
    """A file's bytes, read on the driver through Hadoop's file system API."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    stream = path.getFileSystem(sc._jsc.hadoopConfiguration()).open(path)
    try:
        return bytes(jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
    finally:
        stream.close()


def file_record(item):
    """One file as a line for `conflictmap analyze --stdin-format files`."""
    path, data = item
    try:
        record = {"path": path, "text": bytes(data).decode("utf-8")}
    except UnicodeDecodeError:
        record = {"path": path, "base64": base64.b64encode(bytes(data)).decode("ascii")}
    return json.dumps(record, ensure_ascii=False)


def run_piped(command, lines, cpu_limit=None):
    """Runs command with lines (strings) on its standard input, one a line, as RDD.pipe does, and
    returns (exit code, standard output, standard error). Standard error is passed on to this
    process's (the executor's log) as well. With cpu_limit, the command is stopped (SIGXCPU) after
    that many seconds of CPU time."""
    limit = None
    if cpu_limit:
        import resource

        def limit():  # (and no core dump when it is stopped)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, preexec_fn=limit)
        failure = []

        def feed():
            try:
                for line in lines:
                    process.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # the binary stopped reading: its exit code says why
            except BaseException as error:  # reading the input failed: the binary must not finish on part of it
                failure.append(error)
                process.kill()
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        out = process.stdout.read()
        code = process.wait()
        writer.join()
        if failure:
            raise failure[0]
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    if message:
        sys.stderr.write(message)
        sys.stderr.flush()
    return code, out, message


def why_failed(code, stderr):
    """How the binary failed, in a line: its exit code or signal and its error message."""
    if code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
    else:
        how = f"exited with code {code}"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error:" in line.lower()]
    others = [line for line in lines if "warning:" not in line.lower()] if code > 0 else []
    message = (errors or others or [""])[-1]
    if len(message) > 300:
        message = message[:300] + "…"
    return f"conflictmap {how}" + (f": {message}" if message else "")


def partial_lines(out):
    return [line for line in out.decode("utf-8").split("\n") if line.strip()]


def candidate_lines(record):
    """For a file record (a line for --stdin-format files) of a JSON Lines file, the numbers of its
    non-blank lines, which analyze reads as one report each; None when it reads the file as a whole
    (not JSON, one JSON value, or a single line)."""
    item = json.loads(record)
    if posixpath.splitext(item["path"])[1].lower().lstrip(".") not in ("json", "jsonl", "ndjson"):
        return None
    data = item["text"].encode("utf-8") if "text" in item else base64.b64decode(item["base64"])
    lines = data.split(b"\n")
    numbers = [n + 1 for n, line in enumerate(lines) if line.strip(b" \t\r\n\xef\xbb\xbf")]
    if len(numbers) < 2 or lines[numbers[0] - 1].lstrip(b" \t\r\xef\xbb\xbf").startswith(b"["):
        return None
    return numbers


def blank_lines(data, keep=None, drop=None):
    """A JSON Lines file's bytes with the lines not in keep (or those in drop) made blank: the others
    keep their numbers, hence their ids. With keep, a blank line before the first kept one becomes
    `{}` (a line analyze skips with a warning) when that line starts with `[`, so that analyze still
    reads the file line by line rather than as one JSON array."""
    lines = data.split(b"\n")
    for n in range(len(lines)):
        if (keep is not None and n + 1 not in keep) or (drop is not None and n + 1 in drop):
            lines[n] = b""
    if keep:
        first = min(keep)
        if lines[first - 1].lstrip(b" \t\r\xef\xbb\xbf").startswith(b"["):
            lines[0] = b"{}"
    return b"\n".join(lines)


def analyze_batch(command, cpu_limit=None):
    """The task that analyses a batch: (URI, file record) pairs in, its partial result out; or, when
    the binary fails, a dict saying so (its files and why), for the driver to split the batch."""
    def run(index, items):
        files = []
        last = []

        def records():
            for uri, record in items:
                files.append(uri)
                last[:] = [record]
                yield record
        code, out, err = run_piped(command, records(), cpu_limit)
        if code == 0:
            yield from partial_lines(out)
        else:
            # The lines of a batch of one JSON Lines file, for the driver to split it by line.
            why = why_failed(code, err)
            if cpu_limit and code in (-signal.SIGXCPU, -signal.SIGKILL):
                why += f" (after --cpu-limit {cpu_limit} s of CPU time)"
            yield {"failed": index, "files": files, "why": why,
                   "lines": candidate_lines(last[0]) if len(files) == 1 else None}
    return run


def merge_partition(command):
    """The task that merges a partition's partial results with the binary; the failures of batches
    pass through. A partition with no partial result (all its batches failed) runs nothing."""
    def run(items):
        failures = []
        items = iter(items)
        first = None
        for item in items:
            if isinstance(item, str):
                first = item
                break
            failures.append(item)
        if first is not None:
            def partials():
                yield first
                for item in items:
                    if isinstance(item, str):
                        yield item
                    else:
                        failures.append(item)
            code, out, err = run_piped(command, partials())
            if code != 0:
                raise RuntimeError(f"{shlex.join(command)}: {why_failed(code, err)}")
            yield from partial_lines(out)
        yield from failures
    return run


def read_files(sc, uris, partitions):
    """(URI, bytes) for the given files, read on the executors; files whose names start with "_",
    which Hadoop's input formats skip, are read by the driver."""
    hidden = [uri for uri in uris if posixpath.basename(uri).startswith("_")]
    visible = [uri for uri in uris if not posixpath.basename(uri).startswith("_")]
    parts = []
    if visible:
        parts.append(sc.binaryFiles(",".join(visible), minPartitions=partitions))
    if hidden:
        parts.append(sc.parallelize([(uri, read_on_driver(sc, uri)) for uri in hidden], 1))
    return parts[0] if len(parts) == 1 else sc.union(parts)


def run_units(sc, units, command, names, cpu_limit=None):
    """Analyses each unit as one batch, all in one Spark job, and returns for each (in order) either
    (True, its partial result's lines) or (False, the failure's dict). A unit is a list of pieces
    (URI, keep, drop): a file whole, or with the lines not in keep, or those in drop, made blank.
    An empty unit runs the binary on no reports."""
    plan = {}
    for index, pieces in enumerate(units):
        for uri, keep, drop in pieces:
            plan.setdefault(uri, []).append((index, keep, drop))
    plan_bc = sc.broadcast(plan)
    names_bc = sc.broadcast(names)

    def spread(item):
        uri, data = item
        for index, keep, drop in plan_bc.value[uri]:
            body = bytes(data) if keep is None and drop is None else blank_lines(bytes(data), keep, drop)
            yield index, (uri, file_record((names_bc.value[uri], body)))

    def run(index, items):
        ordered = sorted((pair for _, pair in items), key=lambda pair: names_bc.value[pair[0]])
        yield from ((index, result) for result in analyze_batch(command, cpu_limit)(index, ordered))

    if plan:
        keyed = read_files(sc, sorted(plan), len(units)).flatMap(spread)
    else:
        keyed = sc.parallelize([], 1)
    results = keyed.partitionBy(len(units), lambda index: index).mapPartitionsWithIndex(run).collect()
    out = [(True, []) for _ in units]
    for index, result in results:
        if isinstance(result, str):
            out[index][1].append(result)
        else:
            out[index] = (False, result)
    return out


class TooManyFailures(Exception):
    pass


def split(items, ways):
    """items in at most `ways` runs of nearly equal length, in order."""
    n = min(ways, len(items))
    return [items[i * len(items) // n:(i + 1) * len(items) // n] for i in range(n)]


def isolate(sc, failures, command, names, max_left_out, cpu_limit=None, ways=8):
    """Splits the failed batches into `ways` parts, again and again, until the files, and the lines
    of JSON Lines files, that the binary fails on alone are found. Each round is one Spark job, the
    parts its tasks; the first also runs the binary on an empty batch, which fails only when the
    binary or its data is at fault. A JSON Lines file is split by line (the others made blank) only
    to find the failing lines: it is then analysed once more without them (what is kept of it).

    Returns (the partial results of the rest, what was left out as (URI, line or None, why), how
    many rounds)."""
    # Failed groups still to split: (URIs, the lines of a JSON Lines file or None, why it failed).
    pending = [(f["files"], f["lines"], None, f["why"]) for f in failures]
    left_out = []        # (URI, line or None, why)
    failing_lines = {}   # URI -> {line: why}, for the files searched line by line
    open_units = {}      # URI -> how many groups of its lines are not yet settled
    good = []
    rounds = 0
    cleaned = []

    def settle(uri):
        open_units[uri] -= 1
        if open_units[uri] == 0:
            cleaned.append(uri)

    def lower_bound():  # failing groups are disjoint, each holds a report the binary fails on
        return len(pending) + len(left_out) + sum(len(lines) for lines in failing_lines.values())

    while pending or cleaned:
        if lower_bound() > max_left_out:
            raise TooManyFailures(f"at least {lower_bound()} reports fail, more than --max-left-out {max_left_out}")
        units, roles = [], []
        for uris, lines, keep, why in pending:
            if len(uris) > 1:                           # several files: split them
                for part in split(uris, ways):
                    units.append([(uri, None, None) for uri in part])
                    roles.append(("files", part))
            elif lines and len(lines) > 1:              # one JSON Lines file, or some of its lines: split them
                uri = uris[0]
                if keep is None:
                    failing_lines[uri], open_units[uri] = {}, 1
                parts = split(lines, ways)
                open_units[uri] += len(parts) - 1
                for part in parts:
                    units.append([(uri, frozenset(part), None)])
                    roles.append(("lines", uris, part))
            elif keep is not None:                      # one line: found
                failing_lines[uris[0]][lines[0]] = why
                settle(uris[0])
            else:                                       # one file read whole: found
                left_out.append((uris[0], None, why))
        for uri in cleaned:
            units.append([(uri, None, frozenset(failing_lines[uri]))])
            roles.append(("cleaned", [uri]))
        cleaned = []
        if rounds == 0:
            units.append([])
            roles.append(("empty",))
        if not units:
            break
        rounds += 1
        pending = []
        started = time.time()
        results = run_units(sc, units, command, names, cpu_limit)
        log(f"split round {rounds}: {len(units)} part{'' if len(units) == 1 else 's'} analysed in {time.time() - started:.1f} s, "
            f"{sum(1 for ok, _ in results if not ok)} failed")
        for (ok, result), role in zip(results, roles):
            kind = role[0]
            if kind == "empty":
                if not ok:
                    raise TooManyFailures("the binary fails on an empty batch too, so the binary or its data is at fault, "
                                          f"not a report: {result['why']}")
            elif kind == "lines":
                if ok:
                    settle(role[1][0])                  # (its partial result is not kept: see "cleaned")
                else:
                    pending.append((role[1], role[2], True, result["why"]))
            elif ok:
                good.extend(result)
            elif kind == "cleaned":
                uri = role[1][0]
                left_out.append((uri, None, f"{result['why']} (without its lines that fail alone, too)" if failing_lines[uri]
                                 else f"{result['why']} (though none of its lines fails alone)"))
                del failing_lines[uri]
            else:
                part = role[1]
                pending.append((part, result["lines"] if len(part) == 1 else None, None, result["why"]))
    if lower_bound() > max_left_out:
        raise TooManyFailures(f"{lower_bound()} reports fail, more than --max-left-out {max_left_out}")
    for uri, lines in failing_lines.items():
        left_out.extend((uri, line, why) for line, why in sorted(lines.items()))
    return good, left_out, rounds


def describe(sc, names, uri, line, why):
    """A report left out: its file, and in JSON Lines its line, id (its "id", else FILE#LINE, as
    analyze names it) and how it starts; and why."""
    item = {"file": names[uri], "line": line, "why": why}
    if line is not None:
        text = read_on_driver(sc, uri).split(b"\n")[line - 1].decode("utf-8", "replace").strip()
        try:
            value = json.loads(text)
            report = value.get("id") if isinstance(value, dict) else None
        except ValueError:
            report = None
        item["report"] = str(report) if report is not None else f"{posixpath.splitext(posixpath.basename(names[uri]))[0]}#{line}"
        item["starts"] = text[:60] + ("…" if len(text) > 60 else "")
    return item


def where(item):
    return item["file"] if item["line"] is None else f"{item['file']}, line {item['line']} (report {item['report']})"


def run_binary(arguments, data=None):
    """Runs the binary, failing with its message (standard error) when it fails."""
    done = subprocess.run(arguments, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(arguments)} failed ({done.returncode}): {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def main(argv):
    args = parse_args(argv)
    started = time.time()
    timings = {}
    for path, what in ((args.binary, "binary"), (args.gazetteer, "gazetteer"), (args.actors, "actor profiles")):
        if not os.path.exists(path):
            raise SystemExit(f"spark_job: {path}: no such {what} (build with: swift build -c release)")
    binary = os.path.abspath(args.binary)
    gazetteer = os.path.abspath(args.gazetteer)
    actors = os.path.abspath(args.actors)

    # The executors' Python must be the driver's (the one pyspark is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("conflictmap").set("spark.ui.showConsoleProgress", "false")
    # Files are packed into partitions by their size alone (Spark otherwise counts 4 MB for opening
    # each file, which puts a folder of small files into one partition whatever minPartitions says).
    conf = conf.setIfMissing("spark.files.openCostInBytes", "0").setIfMissing("spark.ui.enabled", "false")
    if args.master:
        conf = conf.setMaster(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Not started by spark-submit (which passes its --master on), so on this machine.
        conf = conf.setMaster("local[*]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    timings["start_spark"] = time.time() - started

    try:
        t = time.time()
        if args.ship:
            # The executors get the binary and a tarball of the gazetteer's place files and the
            # actor profiles in their working folder.
            sc.addFile(binary)
            bundle = os.path.join(tempfile.mkdtemp(prefix="conflictmap-"), "conflictmap-data.tgz")
            with tarfile.open(bundle, "w:gz") as tar:
                for name in sorted(os.listdir(gazetteer)):
                    if name.endswith(".geojson"):
                        tar.add(os.path.join(gazetteer, name), arcname=f"Gazetteer/{name}")
                tar.add(actors, arcname="Actors")
            sc.addArchive(bundle)
            remote = "./" + os.path.basename(binary)
            data = "./conflictmap-data.tgz"
            command = [remote, "analyze", "--partial", "--stdin-format", "files",
                       "--gazetteer", f"{data}/Gazetteer", "--actors", f"{data}/Actors"]
            merge_command = [remote, "merge", "-"]
        else:
            command = [binary, "analyze", "--partial", "--stdin-format", "files", "--gazetteer", gazetteer, "--actors", actors]
            merge_command = [binary, "merge", "-"]
        # One task has spark.task.cpus cores: the binary uses that many threads.
        command += ["--threads", sc.getConf().get("spark.task.cpus", "1")]
        if args.date:
            command += ["--date", args.date]
        if args.region:
            command += ["--region", args.region]
        command.append("-")

        files = list_reports(sc, args.input)
        if not files:
            raise SystemExit(f"spark_job: no reports in {args.input} (give .jsonl, .json, .txt or .html files)")
        total = sum(size for _, size, _ in files)
        partitions = args.partitions or sc.defaultParallelism
        partitions = max(1, min(partitions, len(files)))
        log(f"{len(files)} files, {total / 1e6:.1f} MB, about {partitions} partitions on {sc.master}")
        names = {uri: path for uri, _, path in files}
        timings["list"] = time.time() - t

        t = time.time()
        # One record per file, read on the executors, spread over the partitions by size. (Hadoop's
        # input formats skip files whose names start with "_", as it does "_SUCCESS", but analyze
        # reads them: the driver reads those few itself.)
        names_bc = sc.broadcast(names)
        raw = read_files(sc, [uri for uri, _, _ in files], partitions)
        records = raw.map(lambda item: (item[0], file_record((names_bc.value[item[0]], item[1]))))
        # Each partition's files through the binary: one partial result a partition (or, when the
        # binary fails, what failed, which the merges pass on to the driver).
        level = records.mapPartitionsWithIndex(analyze_batch(command, args.cpu_limit))
        batches = level.getNumPartitions()
        # A tree of merges: each round merges groups of fan-in partial results (partition i into
        # group i // fan-in), with the binary, on the executors.
        fan_in = max(2, args.fan_in)
        count, rounds, merge_tasks = batches, 0, 0
        while count > fan_in:
            groups = -(-count // fan_in)
            level = (level.mapPartitionsWithIndex(lambda i, lines: ((i // fan_in, line) for line in lines))
                     .partitionBy(groups, lambda group: group)
                     .values()
                     .mapPartitions(merge_partition(merge_command)))
            count, rounds, merge_tasks = groups, rounds + 1, merge_tasks + groups
        collected = level.collect()
        final = [item for item in collected if isinstance(item, str)]
        failures = sorted((item for item in collected if isinstance(item, dict)), key=lambda f: f["failed"])
        timings["analyze_and_merge"] = time.time() - t
        log(f"{batches} batches analysed; {merge_tasks} merges on the executors in {rounds} rounds; "
            f"{len(final)} partial results left for the driver")

        # Batches the binary failed on: split until what it fails on is found, and left out.
        left_out, split_rounds = [], 0
        if failures:
            t = time.time()
            for f in failures:
                shown = ", ".join(names[uri] for uri in f["files"][:3]) + (", …" if len(f["files"]) > 3 else "")
                log(f"batch {f['failed']} ({len(f['files'])} files: {shown}) failed: {f['why']}")
            if any(not f["files"] for f in failures):
                raise TooManyFailures(f"the binary fails on an empty batch, so the binary or its data is at fault, not a report: "
                                      f"{next(f['why'] for f in failures if not f['files'])}")
            if len(failures) > args.max_left_out:
                raise TooManyFailures(f"{len(failures)} batch{'' if len(failures) == 1 else 'es'} failed, "
                                      f"more than --max-left-out {args.max_left_out}: {failures[0]['why']}")
            log(f"splitting {'it' if len(failures) == 1 else 'them'} to find the reports the binary fails on…")
            good, found, split_rounds = isolate(sc, failures, command, names, args.max_left_out, args.cpu_limit,
                                                max(8, sc.defaultParallelism))
            final += good
            for uri, line, why in found:
                item = describe(sc, names, uri, line, why)
                left_out.append(item)
                log(f"left out {where(item)}" + (" (the whole file)" if line is None else f", which starts {item['starts']}")
                    + f": {why}")
            timings["split_failed_batches"] = time.time() - t
            log(f"split the failed batches in {split_rounds} rounds in {timings['split_failed_batches']:.1f} s; "
                f"{len(good)} more partial results for the driver")
            if not final:
                raise TooManyFailures("no report is left to analyse")
    finally:
        sc.stop()

    t = time.time()
    os.makedirs(args.output, exist_ok=True)
    # The last merge and the finalising in one run of the binary.
    partial_path = os.path.join(args.output, "analysis.partial.jsonl")
    run_binary([binary, "merge", "--finalize", "--format", "json", "--format", "geojson", "--out", os.path.join(args.output, "analysis"),
                "--partial-out", partial_path, "-"], "".join(line + "\n" for line in final).encode("utf-8"))
    timings["finalize"] = time.time() - t
    if not args.no_map:
        t = time.time()
        # (From the final analysis just written, not the partial result, which would be merged and finalised again.)
        run_binary([binary, "render", "--from", os.path.join(args.output, "analysis.json"), "--gazetteer", gazetteer, "--actors", actors,
                    "--out", os.path.join(args.output, "map.png")])
        timings["render"] = time.time() - t
    timings["total"] = time.time() - started
    log(f"wrote {args.output}/analysis.json, analysis.geojson{'' if args.no_map else ', map.png'} in {timings['total']:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in timings.items() if k != 'total')})")
    if left_out:
        log(f"left out {len(left_out)} report{'' if len(left_out) == 1 else 's'} the binary fails on: "
            + "; ".join(where(item) for item in left_out))
    if args.timings:
        with open(args.timings, "w") as f:
            json.dump({"files": len(files), "bytes": total, "batches": batches, "merge_rounds": rounds, "merges_on_executors": merge_tasks,
                       "merged_on_driver": len(final), "failed_batches": len(failures), "split_rounds": split_rounds,
                       "left_out": left_out, "master": sc.master, "seconds": timings}, f, indent=1)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as error:  # Spark's errors carry the executors' tracebacks: the binary's message is at the end.
        lines = [l for l in str(error).strip().splitlines() if l.strip()]
        raised = [l.split(": ", 1)[1] for l in lines if l.startswith("RuntimeError: ")]
        log("failed: " + (raised[-1] if raised else "\n".join(lines[-3:])))
        sys.exit(1)
