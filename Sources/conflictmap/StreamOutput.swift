import Aggregator
import Foundation

/// Output written as it is made: to standard output, or to a temporary file beside the target
/// that is renamed over it once complete (whole or not at all, as `AtomicFile` writes).
final class StreamedOutput {
    private let target: String?
    private let temp: String?
    private let fd: Int32
    private var committed = false
    private var closed = false

    init(path: String?) throws {
        target = path
        guard let path else {
            temp = nil
            fd = 1
            return
        }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw CommandFailure(message: "\(path): cannot create the folder \(dir): \(error.localizedDescription)")
        }
        let name = dir + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw CommandFailure(message: "\(path): cannot write here: \(String(cString: strerror(errno))) (choose another output path or check the folder's permissions)")
        }
        temp = name
    }

    deinit { abort() }

    /// Removes the temporary file unless it was committed (the process may exit without freeing this).
    func abort() {
        guard let temp, !closed else { return }
        closed = true
        close(fd)
        if !committed { unlink(temp) }
    }

    /// The sink the aggregator writes through.
    var sink: ChunkedOutput.Sink {
        { [self] (bytes: [UInt8]) throws(AggregatorError) in try self.write(bytes) }
    }

    func write(_ bytes: [UInt8]) throws(AggregatorError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Foundation.write(fd, $0 + done, raw.count - done) } ?? 0 }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw AggregatorError(file: target ?? "standard output", reason: "writing failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    /// Flushes the file to disk and renames it into place.
    func commit() throws {
        guard let temp, let target, !committed else { return }
        guard fsync(fd) == 0 else { throw CommandFailure(message: "\(target): writing failed: \(String(cString: strerror(errno))); nothing was written") }
        guard rename(temp, target) == 0 else {
            throw CommandFailure(message: "\(target): cannot replace the file: \(String(cString: strerror(errno))); nothing was written")
        }
        committed = true
    }
}

extension ReportOptions {
    /// Reads and analyses the reports as they are read (see `Analyzer.stream`), printing a
    /// warning for each file that was skipped or repaired. With `allowEmpty`, finding no report
    /// is not an error (a batch may be empty).
    func streamReports(_ analyzer: Analyzer, allowEmpty: Bool, progress: (@Sendable (Int) -> Void)?) throws -> StreamingPartial {
        let inputs = paths.isEmpty ? [ProjectPaths.examples] : paths
        do {
            let partial = try analyzer.stream(ReportReader(standardInput: stdinFormat.value), paths: inputs,
                                              warning: { warn("warning: \($0)") }, progress: progress)
            if partial.count == 0 && !allowEmpty {
                throw CommandFailure(message: "no reports found in \(inputs.joined(separator: ", ")) (give .txt, .html, .json or .jsonl files)")
            }
            return partial
        } catch let error as AggregatorError {
            throw CommandFailure(error)
        }
    }
}
