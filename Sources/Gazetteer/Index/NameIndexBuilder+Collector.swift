import Foundation

extension NameIndexBuilder {

    /// Normalizes the names of a chunk of places, place by place.
    struct Collector {
        let chunk = Chunk()
        private var spelling: [PendingSpelling] = []
        /// The names and keys of the current place so far: hash, part, start of the bytes, length.
        private var placeNames: [(UInt64, Int, Int, Int)] = []
        private var placeKeys: [(UInt64, Int, Int, Int)] = []

        mutating func reserve(bytes: Int, names: Int) {
            let parts = StringMultiMap.partCount
            for p in 0..<parts {
                chunk.names[p].reserve((bytes + names * 6) / parts * 9 / 8 + 64)
                chunk.keys[p].reserve((bytes + names * 6) / parts / 3 + 64)
            }
            spelling.reserveCapacity(names / 2)
            placeNames.reserveCapacity(64)
            placeKeys.reserveCapacity(64)
        }

        /// The chunk, once its `placeCount` places are added.
        mutating func finish(placeCount: Int? = nil) -> Chunk {
            if let placeCount { chunk.placeCount = placeCount }
            swap(&chunk.spelling, &spelling)
            spelling.removeAll(keepingCapacity: true)
            return chunk
        }

        /// Collects the names of places, numbered from 0.
        mutating func collect(_ places: UnsafeBufferPointer<Place>, _ normalizer: inout NameNormalizer) {
            var bytes = 0, count = 0
            for i in places.indices {
                bytes += places[i].name.utf8.count
                count += 1 + places[i].alternateNames.count
                for n in places[i].alternateNames { bytes += n.name.utf8.count }
            }
            reserve(bytes: bytes, names: count)
            for i in places.indices { add(places[i], local: Int32(i), &normalizer) }
            chunk.placeCount = places.count
        }

        /// Adds the names of a place (numbered `local` within the chunk).
        mutating func add(_ place: Place, local: Int32, _ normalizer: inout NameNormalizer) {
            add(place.name, place: local, primary: true, &normalizer)
            for n in place.alternateNames {
                add(n.name, place: local, primary: false, &normalizer)
            }
            endPlace()
        }

        /// Ends the names of the current place.
        mutating func endPlace() {
            placeNames.removeAll(keepingCapacity: true)
            placeKeys.removeAll(keepingCapacity: true)
        }

        mutating func add(_ name: String, place: Int32, primary: Bool, _ normalizer: inout NameNormalizer) {
            if let done = name.utf8.withContiguousStorageIfAvailable({ add(utf8: $0, place: place, primary: primary, &normalizer) }) {
                return done
            }
            var copy = name
            copy.withUTF8 { add(utf8: $0, place: place, primary: primary, &normalizer) }
        }

        /// Adds a name given as (valid) UTF-8.
        mutating func add(utf8 name: UnsafeBufferPointer<UInt8>, place: Int32, primary: Bool, _ normalizer: inout NameNormalizer) {
            if let length = normalizer.normalize(name) {
                let norm = UnsafeBufferPointer(start: normalizer.buffer, count: length)
                var key: UnsafeBufferPointer<UInt8>?
                // A name with no ASCII letter or digit is all non-Latin words, which its key keeps
                // as they are: the key would be the name itself, which is not recorded.
                if Self.hasASCIIWord(norm), let n = NameKey.transliterationKey(norm, into: normalizer.keyBuffer) {
                    key = UnsafeBufferPointer(start: normalizer.keyBuffer, count: n)
                }
                add(normalized: norm, key: key, place: place, primary: primary, inert: normalizer.lastWasInert)
            } else {
                var norm = NameKey.normalizedReference(String(decoding: name, as: UTF8.self))
                if var key = NameKey.transliterationKey(norm) {
                    norm.withUTF8 { norm in
                        key.withUTF8 { add(normalized: norm, key: $0, place: place, primary: primary, inert: false) }
                    }
                } else {
                    norm.withUTF8 { add(normalized: $0, key: nil, place: place, primary: primary, inert: false) }
                }
            }
        }

        @inline(__always)
        static func hasASCIIWord(_ norm: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in norm where b > 0x20 && b < 0x80 { return true }
            return false
        }

        /// Records a normalized name of `place`, unless the place already has it, with its
        /// transliteration key and its spelling entry. `inert` tells that the name is known to
        /// be in NFC (and then so is its key: ASCII letters replace ASCII letters).
        mutating func add(normalized norm: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>?, place: Int32, primary: Bool, inert: Bool) {
            guard !norm.isEmpty else { return }
            let ascii = KeyHash.isASCII(norm)
            let hash = inert ? KeyHash.hashBytes(norm) : KeyHash.hash(norm, ascii: ascii)
            for (h, part, start, length) in placeNames where h == hash {
                if KeyHash.equal(UnsafeBufferPointer(start: chunk.names[part].base! + start, count: length), norm) { return }
            }
            let part = StringMultiMap.part(hash)
            let spellingNumber: Int? = norm.count >= 7 && ascii ? spelling.count : nil
            let start = Self.appendEntry(
                &chunk.names[part], value: Gazetteer.NameRef(place: place, isPrimary: primary).raw, inert: inert || ascii, spellingNumber, norm)
            chunk.nameCounts[part] += 1
            placeNames.append((hash, part, start, norm.count))
            if let key { addKey(key, of: norm, place: place, inert: inert) }
            if spellingNumber != nil {
                spelling.append(PendingSpelling(length: UInt32(norm.count), place: place, first: norm[0]))
            }
        }

        /// Records a transliteration key of `place`.
        mutating func addKey(_ key: UnsafeBufferPointer<UInt8>, of norm: UnsafeBufferPointer<UInt8>, place: Int32, inert: Bool) {
            guard !KeyHash.equal(key, norm) else { return }
            let hash = inert ? KeyHash.hashBytes(key) : KeyHash.hash(key)
            for (h, part, start, length) in placeKeys where h == hash {
                if KeyHash.equal(UnsafeBufferPointer(start: chunk.keys[part].base! + start, count: length), key) { return }
            }
            let part = StringMultiMap.part(hash)
            let start = Self.appendEntry(&chunk.keys[part], value: UInt32(bitPattern: place), inert: inert, nil, key)
            chunk.keyCounts[part] += 1
            placeKeys.append((hash, part, start, key.count))
        }

        /// Appends an entry to a part's stream; returns where its bytes start.
        @inline(__always)
        static func appendEntry(_ stream: inout ByteStream, value: UInt32, inert: Bool, _ spelling: Int?, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            stream.reserve(bytes.count + 18)
            let p = stream.base! + stream.count
            UnsafeMutableRawPointer(p).storeBytes(of: value.littleEndian, as: UInt32.self)
            var i = 4
            var n = bytes.count << 2 | (inert ? 2 : 0) | (spelling == nil ? 0 : 1)
            while n >= 0x80 {
                p[i] = UInt8(n & 0x7F) | 0x80
                n >>= 7
                i += 1
            }
            p[i] = UInt8(n)
            i += 1
            if let spelling {
                UnsafeMutableRawPointer(p + i).storeBytes(of: UInt32(spelling).littleEndian, as: UInt32.self)
                i += 4
            }
            if let source = bytes.baseAddress { (p + i).update(from: source, count: bytes.count) }
            stream.count += i + bytes.count
            return stream.count - bytes.count
        }
    }
}
