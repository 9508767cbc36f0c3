import Foundation

/// A value made on first use, or given, and shared by the copies of what holds it: the file of
/// each place (only errors, warnings and statistics need it) and the gazetteer's fingerprint.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var make: (@Sendable () -> Value)?

    init(_ value: Value) { stored = value }
    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make!()
        stored = made
        make = nil
        return made
    }
}

/// The file of each place, by id.
typealias FileTable = Lazy<[String: String]>
