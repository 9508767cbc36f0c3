#!/usr/bin/env python3
"""Analyses a folder of reports on Apache Spark, with the same answer as `conflictmap analyze`.

    spark-submit Scripts/spark_job.py INPUT OUTPUT [--master local[*]] [options]
    python3 Scripts/spark_job.py INPUT OUTPUT --master local[2]          # pyspark installed with pip

INPUT is a folder of report files (JSON Lines, or any format `conflictmap analyze` reads), on any
file system Spark reads (a local path, hdfs://, s3a://). The job

1. lists the files under INPUT as `conflictmap analyze INPUT` does (recursively; .jsonl, .ndjson,
   .json, .txt, .html…; no hidden files), naming each as analyze would (INPUT/relative/path);
2. reads them on the executors, one record per file, packed into partitions by size;
3. pipes each partition through the binary (RDD.pipe): `conflictmap analyze --partial
   --stdin-format files -`, which reads each file exactly as analyze reads it and writes one
   partial result (one line of JSON);
4. merges the partial results in a tree, also through the binary with RDD.pipe: each round groups
   --fan-in of them into a partition piped through `conflictmap merge -`, until at most --fan-in
   are left;
5. on the driver, merges those and finalises them in one run of the binary into
   OUTPUT/analysis.json and OUTPUT/analysis.geojson (exactly what `conflictmap analyze INPUT`
   writes), keeps the merged partial result in OUTPUT/analysis.partial.jsonl (to merge with later
   batches) and draws OUTPUT/map.png from it (`conflictmap render --from`).

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
import subprocess
import sys
import tarfile
import tempfile
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
        # One record per file, read on the executors, spread over the partitions by size.
        names_bc = sc.broadcast(names)
        # Hadoop's input formats skip files whose names start with "_" (as it does "_SUCCESS"), but
        # analyze reads them: the driver reads those few itself.
        hidden = [uri for uri, _, _ in files if posixpath.basename(uri).startswith("_")]
        visible = [uri for uri, _, _ in files if not posixpath.basename(uri).startswith("_")]
        parts = []
        if visible:
            parts.append(sc.binaryFiles(",".join(visible), minPartitions=partitions))
        if hidden:
            parts.append(sc.parallelize([(uri, read_on_driver(sc, uri)) for uri in hidden], 1))
        raw = parts[0] if len(parts) == 1 else sc.union(parts)
        records = raw.map(lambda item: file_record((names_bc.value[item[0]], item[1])))
        # Each partition's files through the binary: one partial result a partition.
        level = records.pipe(shlex.join(command), checkCode=True)
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
                     .pipe(shlex.join(merge_command), checkCode=True))
            count, rounds, merge_tasks = groups, rounds + 1, merge_tasks + groups
        final = level.collect()
        timings["analyze_and_merge"] = time.time() - t
        log(f"{batches} batches analysed; {merge_tasks} merges on the executors in {rounds} rounds; "
            f"{len(final)} partial results left for the driver")
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
    if args.timings:
        with open(args.timings, "w") as f:
            json.dump({"files": len(files), "bytes": total, "batches": batches, "merge_rounds": rounds, "merges_on_executors": merge_tasks,
                       "merged_on_driver": len(final), "master": sc.master, "seconds": timings}, f, indent=1)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as error:  # Spark's errors carry the executors' tracebacks: the binary's message is at the end.
        lines = [l for l in str(error).strip().splitlines() if l.strip()]
        log("failed: " + "\n".join(lines[-3:]))
        sys.exit(1)
