import Foundation

/// Lines of bytes (split at `\n`, which never occurs inside a UTF-8 sequence), read from a file
/// descriptor a megabyte at a time, or from bytes in memory. No size limit: a line is as long as
/// it is, and only the line being read is held.
final class ByteLineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var atEnd = false
    /// What the input is called in errors.
    let name: String
    /// How many bytes have been read so far.
    private(set) var bytesRead = 0
    static let chunk = 1 << 20

    /// Reads the file at `path`.
    init(path: String) throws(AggregatorError) {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw AggregatorError(file: path, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        ownsDescriptor = true
        name = path
    }

    /// Reads an open descriptor (standard input: 0), which it does not close.
    init(descriptor: Int32, name: String) {
        fd = descriptor
        ownsDescriptor = false
        self.name = name
    }

    /// Reads bytes already in memory.
    init(bytes: [UInt8], name: String) {
        fd = -1
        ownsDescriptor = false
        buffer = bytes
        atEnd = true
        bytesRead = bytes.count
        self.name = name
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The next line without its `\n`, or `nil` at the end. A last line without `\n` is returned;
    /// the empty remainder after a final `\n` is not.
    func next() throws(AggregatorError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = start
                return line
            }
            try fill()
        }
    }

    /// Reads the rest of the input whole (for formats that are not read line by line).
    func rest() throws(AggregatorError) -> [UInt8] {
        while !atEnd { try fill() }
        let out = Array(buffer[start...])
        start = buffer.count
        scanned = start
        return out
    }

    /// Appends the next chunk of the input, dropping the lines already returned.
    private func fill() throws(AggregatorError) {
        if start > 0 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        let old = buffer.count
        buffer.reserveCapacity(old + Self.chunk)
        buffer.append(contentsOf: repeatElement(0, count: Self.chunk))
        var n = 0
        repeat {
            n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + old, Self.chunk)
            }
        } while n < 0 && errno == EINTR
        if n < 0 {
            let message = String(cString: strerror(errno))
            buffer.removeLast(Self.chunk)
            throw AggregatorError(file: name, reason: "reading failed after \(bytesRead) bytes: \(message)")
        }
        buffer.removeLast(Self.chunk - n)
        bytesRead += n
        if n == 0 { atEnd = true }
    }
}

/// Copies standard input to a temporary file as it arrives, so that it can be read twice (the
/// check for mis-decoded text looks at the whole input before its first report is read) without
/// being held in memory.
enum StandardInputSpool {
    /// The temporary file's path; the caller removes it.
    static func spool(from descriptor: Int32 = 0) throws(AggregatorError) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conflictmap-stdin-\(getpid())-\(UUID().uuidString)").path
        let out = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard out >= 0 else {
            throw AggregatorError(file: "standard input", reason: "cannot make a temporary file at \(path): \(String(cString: strerror(errno)))",
                                  hint: "set TMPDIR to a folder that can be written")
        }
        defer { close(out) }
        var chunk = [UInt8](repeating: 0, count: ByteLineReader.chunk)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { read(descriptor, $0, raw.count) } ?? 0 }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                unlink(path)
                throw AggregatorError(file: "standard input", reason: "reading failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return path }
            var written = 0
            while written < n {
                let w = chunk.withUnsafeBytes { raw in raw.baseAddress.map { write(out, $0 + written, n - written) } ?? 0 }
                if w < 0 && errno == EINTR { continue }
                if w <= 0 {
                    let message = String(cString: strerror(errno))
                    unlink(path)
                    throw AggregatorError(file: "standard input", reason: "cannot copy to a temporary file: \(message)",
                                          hint: "set TMPDIR to a folder with room")
                }
                written += w
            }
        }
    }
}
