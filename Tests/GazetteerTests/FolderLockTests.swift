import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

/// One gazetteer, one lock: edits of different files of one folder are serialised, so the checks
/// that read the other files (ids unique, parents present) cannot be raced.
///
/// `CONFLICTMAP_RACE_TRIALS` sets how many trials the process races run (default 15);
/// `CONFLICTMAP_TEST_BINARY` runs them against another build of `conflictmap` (to measure an old one).
@Suite("One lock for the whole gazetteer folder")
struct FolderLockTests {
    static let environment = ProcessInfo.processInfo.environment
    static let trials = environment["CONFLICTMAP_RACE_TRIALS"].flatMap { Int($0) } ?? 15
    static let binary = environment["CONFLICTMAP_TEST_BINARY"] ?? Fixtures.builtExecutable("conflictmap")

    /// A place file with the given feature lines.
    static func placeFile(_ features: [String]) -> String {
        ([#"{"type":"FeatureCollection","features":["#] + [features.joined(separator: ",\n")].filter { !$0.isEmpty } + ["]}"])
            .joined(separator: "\n") + "\n"
    }

    static func feature(_ id: String, _ kind: String, parent: String?) -> String {
        let parentKey = parent.map { #","parent":"\#($0)""# } ?? ""
        return #"{"type":"Feature","id":"\#(id)","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"\#(id)","kind":"\#(kind)"\#(parentKey),"country":"AF"}}"#
    }

    /// A scratch gazetteer of two files: `a.geojson` with `af` and its province `af/p`, and an empty `b.geojson`.
    func twoFiles() throws -> String {
        let dir = try Fixtures.temporaryFolder("folder-lock")
        try Self.placeFile([Self.feature("af", "country", parent: nil), Self.feature("af/p", "province", parent: "af")])
            .write(toFile: dir + "/a.geojson", atomically: true, encoding: .utf8)
        try Self.placeFile([]).write(toFile: dir + "/b.geojson", atomically: true, encoding: .utf8)
        return dir
    }

    /// Starts `conflictmap` with the arguments (without the index cache, output discarded).
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = Self.environment
        environment["CONFLICTMAP_INDEX_CACHE"] = "off"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs two commands at once; how many succeeded.
    func race(_ first: [String], _ second: [String]) throws -> Int {
        let processes = [try start(first), try start(second)]
        for p in processes { p.waitUntilExit() }
        return processes.filter { $0.terminationStatus == 0 }.count
    }

    static func add(_ dir: String, id: String, parent: String, file: String) -> [String] {
        ["gazetteer", "add", "--gazetteer", dir, "--id", id, "--name", "Place \(id)", "--kind", "town",
         "--lat", "35", "--lon", "69", "--parent", parent, "--file", dir + "/" + file]
    }

    /// The ids in every place file of a folder.
    func ids(in dir: String) throws -> [String] {
        try GazetteerEditor(directory: dir).placeFiles().flatMap { try Gazetteer.loadPlaces(file: $0) }.map(\.id)
    }

    @Test("Two processes adding one id to two files of a folder: exactly one succeeds, in every trial")
    func crossFileDuplicate() throws {
        var failures = 0
        for _ in 0..<Self.trials {
            let dir = try twoFiles()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let successes = try race(Self.add(dir, id: "af/dup", parent: "af", file: "a.geojson"),
                                     Self.add(dir, id: "af/dup", parent: "af", file: "b.geojson"))
            let copies = try ids(in: dir).filter { $0 == "af/dup" }.count
            if successes != 1 || copies != 1 || !GazetteerValidator.validate(path: dir).errors.isEmpty { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(Self.trials) trials did not end with exactly one 'af/dup'")
    }

    /// `add` without `--file`: into the user layer.
    static func addToUserLayer(_ dir: String, id: String, parent: String) -> [String] {
        ["gazetteer", "add", "--gazetteer", dir, "--id", id, "--name", "Place \(id)", "--kind", "town",
         "--lat", "35", "--lon", "69", "--parent", parent]
    }

    @Test("Two processes adding one id to the user layer, or one to it and one to a built file: exactly one succeeds, in every trial")
    func userLayerDuplicate() throws {
        var failures = 0
        for trial in 0..<Self.trials {
            let dir = try twoFiles()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let other = trial % 2 == 0 ? Self.addToUserLayer(dir, id: "af/dup", parent: "af") : Self.add(dir, id: "af/dup", parent: "af", file: "b.geojson")
            let successes = try race(Self.addToUserLayer(dir, id: "af/dup", parent: "af"), other)
            let inUser = try UserLayerFile.read(dir + "/user.geojson").filter { $0.id == "af/dup" }.count
            let inBuilt = try ["a.geojson", "b.geojson"].flatMap { try Gazetteer.loadPlaces(file: dir + "/" + $0) }.filter { $0.id == "af/dup" }.count
            if successes != 1 || inUser + inBuilt != 1 || !GazetteerValidator.validate(path: dir).errors.isEmpty { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(Self.trials) trials did not end with exactly one 'af/dup'")
    }

    @Test("Removing a place while another process adds its child to another file: exactly one succeeds, in every trial")
    func crossFileParent() throws {
        var failures = 0
        for _ in 0..<Self.trials {
            let dir = try twoFiles()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let successes = try race(["gazetteer", "remove", "af/p", "--gazetteer", dir],
                                     Self.add(dir, id: "af/p/kid", parent: "af/p", file: "b.geojson"))
            let present = Set(try ids(in: dir))
            let whole = present.contains("af/p") ? present.contains("af/p/kid") : !present.contains("af/p/kid")
            if successes != 1 || !whole || !GazetteerValidator.validate(path: dir).errors.isEmpty { failures += 1 }
        }
        #expect(failures == 0, "\(failures) of \(Self.trials) trials left a missing parent or refused both")
    }

    @Test("Threads of one process adding one id to two files: exactly one succeeds")
    func crossFileThreads() throws {
        let dir = try twoFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let editor = GazetteerEditor(directory: dir)
        for n in 0..<20 {
            let place = Place(id: "af/t\(n)", name: "T \(n)", kind: .town, parent: "af", coordinate: Coordinate(latitude: 35, longitude: 69))
            let files = [dir + "/a.geojson", dir + "/b.geojson"]
            let successes = Counter()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if (try? editor.add(place, to: files[i % 2])) != nil { successes.increment() }
            }
            #expect(successes.value == 1)
        }
        #expect(try ids(in: dir).count == 22)
        #expect(GazetteerValidator.validate(path: dir).errors.isEmpty)
    }

    @Test("An edit waits while another holds the folder's lock, also for a gazetteer given as one file")
    func waitsForTheFolderLock() throws {
        let dir = try twoFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fd = open(dir + "/" + GazetteerEditor.lockName, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        var arguments = Self.add(dir, id: "af/late", parent: "af", file: "b.geojson")
        arguments[3] = dir + "/a.geojson"  // --gazetteer FILE
        let process = try start(arguments)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the edit did not wait for the lock")
        #expect(try !ids(in: dir).contains("af/late"))
        flock(fd, LOCK_UN)
        close(fd)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try ids(in: dir).contains("af/late"))

        // In the library, a single-file gazetteer is that file, locked through its folder.
        let single = GazetteerEditor(directory: dir + "/b.geojson")
        #expect(single.folder == dir)
        #expect(single.placeFiles() == [dir + "/b.geojson"])
        try single.add(Place(id: "zz", name: "Zed", kind: .country, coordinate: Coordinate(latitude: 1, longitude: 2)))
        #expect(try Gazetteer.loadPlaces(file: dir + "/b.geojson").contains { $0.id == "zz" })
        // A file outside that gazetteer keeps its places, and its ids count.
        try single.add(Place(id: "zz/y", name: "Why", kind: .town, parent: "zz", coordinate: Coordinate(latitude: 1, longitude: 2)), to: dir + "/a.geojson")
        #expect(try Gazetteer.loadPlaces(file: dir + "/a.geojson").map(\.id) == ["af", "af/p", "zz/y"])
        #expect(throws: GazetteerError.self) {
            try single.add(Place(id: "af/p", name: "Again", kind: .town, coordinate: Coordinate(latitude: 1, longitude: 2)), to: dir + "/a.geojson")
        }
    }

    /// The id of a process that has ended.
    func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("The next edit removes temporary files that killed writers left, and keeps a live writer's")
    func abandonedTemporaryFiles() throws {
        let dir = try twoFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dead = try endedProcessID(), live = getpid()
        let minutesAgo = { (m: Double) in Date(timeIntervalSinceNow: -60 * m) }
        let files: [(name: String, modified: Date?, removed: Bool)] = [
            (".a.geojson.\(dead).11.tmp", nil, true),  // a killed editor's: its process is gone
            (".b.geojson.\(live).12.tmp", nil, false),  // a live writer's
            (".b.geojson.\(live).13.tmp", minutesAgo(60), true),  // unchanged for an hour: the id was reused
            ("..index-cache.\(dead).14.tmp", minutesAgo(2), true),  // an unfinished cache of a process that is gone
            ("..index-cache.\(dead).15.tmp", nil, false),  // just written: perhaps by a process this one cannot see
            ("..b.geojson.index-cache.\(dead).16.tmp", minutesAgo(2), true),
            (".render.svg.\(dead).17.tmp", minutesAgo(60), false),  // not a gazetteer file's
            ("notes.tmp", minutesAgo(60), false),
        ]
        for f in files {
            #expect(FileManager.default.createFile(atPath: dir + "/" + f.name, contents: Data("partial".utf8)))
            if let modified = f.modified {
                try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: dir + "/" + f.name)
            }
        }
        try GazetteerEditor(directory: dir).update(id: "af/p") { (p: inout Place) throws(GazetteerError) in p.source = "test" }
        for f in files {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + f.name) == !f.removed, "\(f.name)")
        }
        #expect(AtomicFile.temporaryFileOwner(".a.geojson.123.456.tmp")?.target == "a.geojson")
        #expect(AtomicFile.temporaryFileOwner(".a.geojson.123.456.tmp")?.pid == 123)
        #expect(AtomicFile.temporaryFileOwner(".a.geojson.tmp") == nil)
        #expect(AtomicFile.temporaryFileOwner("..123.456.tmp") == nil)
    }

    @Test("Malformed ids are refused with the reason, and every shipped id is well formed")
    func malformedIDs() throws {
        let dir = try twoFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.geojson"))
        let editor = GazetteerEditor(directory: dir)
        let reasons = [
            "af//x": "empty part", "/abs": "starts with '/'", "af/": "ends with '/'", "": "is empty", "Af/x": "character 'A'",
            "af/-x": "part '-x'", "af/x_": "part 'x_'", "af/x y": "character ' '", "af/../x": "character '.'",
            "af/é": "character 'é'", "af/x\n": "character '\\n'", String(repeating: "a", count: 201): "longer than 200",
        ]
        for (id, reason) in reasons {
            let place = Place(id: id, name: "X", kind: .town, parent: "af", coordinate: Coordinate(latitude: 35, longitude: 69))
            let error = #expect(throws: GazetteerError.self) { try editor.add(place) }
            #expect(error?.reason.contains(reason) == true, "\(id.debugDescription): \(error?.description ?? "accepted")")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.geojson")) == before)
        for id in ["af", "af/p/kid-2", "af/x_y", "ua/kyiv-city", "r1/00001", String(repeating: "a", count: 200)] {
            #expect(GazetteerValidator.idProblem(id) == nil, "\(id)")
        }
        let malformed = Fixtures.gazetteer.places.filter { GazetteerValidator.idProblem($0.id) != nil }
        #expect(Fixtures.gazetteer.places.count > 70_000)
        #expect(malformed.isEmpty, "\(malformed.prefix(3).map(\.id))")

        let run = try Fixtures.conflictmap(["gazetteer", "add", "--gazetteer", dir, "--id", "af//x", "--name", "X", "--kind", "town",
                                            "--lat", "35", "--lon", "69", "--parent", "af"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--id 'af//x' has an empty part"))
        try Self.placeFile([Self.feature("af//x", "town", parent: "af")]).write(toFile: dir + "/b.geojson", atomically: true, encoding: .utf8)
        #expect(GazetteerValidator.validate(path: dir).errors.map(\.description).contains { $0.contains("b.geojson:2: id 'af//x' has an empty part") })
    }
}

/// A count that threads may add to.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
