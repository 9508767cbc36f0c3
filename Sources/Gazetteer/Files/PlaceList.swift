import Foundation
import Geo

/// The places of a gazetteer, in load order.
///
/// A gazetteer built from places holds them in an array. One loaded through the index cache
/// (see ``IndexCache``) reads each place from its line in the gazetteer file the first time it is
/// asked for, so that a run that touches a few hundred places does not decode seventy thousand.
public struct PlaceList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Place])
        case lines(PlaceLines)
        case layered(LayeredPlaces)
    }

    let storage: Storage
    public let endIndex: Int
    public var startIndex: Int { 0 }

    init(_ places: [Place]) {
        storage = .array(places)
        endIndex = places.count
    }

    init(lines: PlaceLines) {
        storage = .lines(lines)
        endIndex = lines.count
    }

    init(layered: LayeredPlaces) {
        storage = .layered(layered)
        endIndex = layered.count
    }

    public subscript(i: Int) -> Place {
        switch storage {
        case .array(let places): return places[i]
        case .lines(let lines): return lines.place(i)
        case .layered(let layered): return layered.place(i)
        }
    }
}

/// The places of a built gazetteer with a user layer over it: the built places, each replaced by
/// the layer's version where it has one, then the layer's new places.
final class LayeredPlaces: Sendable {
    let built: PlaceList
    let user: UserLayer

    init(built: PlaceList, user: UserLayer) {
        self.built = built
        self.user = user
    }

    var count: Int { built.count + user.added.count }

    func place(_ i: Int) -> Place { user.place(i) ?? built[i] }
}

/// Places read on demand from their lines in memory-mapped gazetteer files, kept once read.
final class PlaceLines: @unchecked Sendable {
    struct File {
        let path: String
        let base: UnsafeRawPointer
        let size: Int
        /// The index of the file's first place.
        let firstPlace: Int
    }

    let files: [File]
    /// Where each place's line starts in its file, and how long it is (without the comma): read
    /// from the index cache, so checked against the file's size at each use.
    private let starts: FlatArray<UInt64>
    private let lengths: FlatArray<UInt32>
    private let lock = NSLock()
    private var read: [Int32: Place] = [:]
    /// How many places are kept once read: enough for any analysis; a walk over every place
    /// (statistics, edits) reads them again rather than holding them all.
    static let keep = 16_384

    var count: Int { starts.count }

    init(files: [File], starts: FlatArray<UInt64>, lengths: FlatArray<UInt32>) {
        self.files = files
        self.starts = starts
        self.lengths = lengths
    }

    deinit {
        for f in files where f.size > 0 { munmap(UnsafeMutableRawPointer(mutating: f.base), f.size) }
    }

    /// The file that place `i` is in.
    func file(of i: Int) -> File {
        var k = files.count - 1
        while k > 0, files[k].firstPlace > i { k -= 1 }
        return files[k]
    }

    /// The bytes of place `i`'s line, or `nil` when the saved range does not lie in its file.
    func line(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let start = starts.at(i), let length = lengths.at(i) else { return nil }
        let f = file(of: i)
        guard start <= UInt64(f.size), UInt64(length) <= UInt64(f.size) - start else { return nil }
        return UnsafeBufferPointer(start: f.base.assumingMemoryBound(to: UInt8.self) + Int(start), count: Int(length))
    }

    func place(_ i: Int) -> Place {
        lock.lock()
        let kept = read[Int32(i)]
        lock.unlock()
        if let kept { return kept }
        // Parsed outside the lock, so that threads resolving names do not wait on each other.
        let place = line(i).flatMap { line in
            var reader = FastPlaceReader()
            return reader.read(line) ?? (try? GazetteerFile.generalPlace(line, path: file(of: i).path, line: 0))
        }
            // The file was checked unchanged when the cache was opened; should it have been
            // rewritten in place since (or the cache damaged), the place reads as a stand-in
            // rather than stopping the run.
            ?? Place(id: "unreadable-\(i)", name: "(unreadable gazetteer line)", kind: .region, coordinate: Coordinate(latitude: 0, longitude: 0))
        lock.lock()
        if read.count < Self.keep { read[Int32(i)] = place }
        lock.unlock()
        return place
    }
}
