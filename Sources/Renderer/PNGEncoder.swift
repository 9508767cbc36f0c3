import CCairo
import CZlib
import Foundation

/// Encodes a Cairo image surface as PNG with zlib directly: the Sub filter and fast compression,
/// several times faster than Cairo's own writer for a map, with files of similar size.
enum PNGEncoder {
    /// PNG bytes for an ARGB32 surface. An opaque map is written as RGB; a transparent one as
    /// RGBA with alpha un-premultiplied.
    static func encode(_ surface: CairoSurface, transparent: Bool) throws(RendererError) -> Data {
        let image = try compressedScanlines(surface, transparent: transparent)
        var png = Data(signature)
        chunk(&png, "IHDR", header(width: image.width, height: image.height, transparent: transparent))
        chunk(&png, "IDAT", image.data)
        chunk(&png, "IEND", [])
        return png
    }

    /// An animated PNG (APNG): one frame per surface, all of the first one's size, each shown for
    /// `delay` seconds, looping. Readers without APNG show the first frame.
    static func animated(_ images: [Image], delay: Double, transparent: Bool) throws(RendererError) -> Data {
        guard let first = images.first else { throw RendererError(reason: "an animation needs at least one frame") }
        guard images.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            throw RendererError(reason: "the animation's frames differ in size")
        }
        var png = Data(signature)
        chunk(&png, "IHDR", header(width: first.width, height: first.height, transparent: transparent))
        chunk(&png, "acTL", bigEndian(UInt32(images.count)) + bigEndian(0))  // frames; loop for ever
        let delayHundredths = UInt16(delay.isFinite ? min(65_535, max(1, (delay * 100).rounded())) : 100)
        var sequence: UInt32 = 0
        for (i, image) in images.enumerated() {
            var control = bigEndian(sequence) + bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height))
            control += bigEndian(0) + bigEndian(0)  // x and y offsets
            control += [UInt8(delayHundredths >> 8), UInt8(delayHundredths & 0xFF), 0, 100]  // delay: n/100 s
            control += [0, 0]  // dispose: none; blend: source
            chunk(&png, "fcTL", control)
            sequence += 1
            if i == 0 {
                chunk(&png, "IDAT", image.data)
            } else {
                chunk(&png, "fdAT", bigEndian(sequence) + image.data)
                sequence += 1
            }
        }
        chunk(&png, "IEND", [])
        return png
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    /// IHDR's body: 8 bits per channel; RGBA or RGB; deflate; adaptive filters; no interlace.
    static func header(width: Int, height: Int, transparent: Bool) -> [UInt8] {
        bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, transparent ? 6 : 2, 0, 0, 0]
    }

    /// Appends one chunk: length, type, body and CRC.
    static func chunk(_ png: inout Data, _ type: String, _ body: [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.append(contentsOf: bigEndian(UInt32(body.count)))
        png.append(contentsOf: typeBytes)
        png.append(contentsOf: body)
        var crc = crc32(0, typeBytes, 4)
        body.withUnsafeBufferPointer { b in if let p = b.baseAddress { crc = crc32(crc, p, uInt(b.count)) } }
        png.append(contentsOf: bigEndian(UInt32(crc)))
    }

    /// The surface's rows, Sub-filtered and deflated, as IDAT (or fdAT) carries them.
    /// An image's size and its deflated, filtered rows.
    typealias Image = (width: Int, height: Int, data: [UInt8])

    static func compressedScanlines(_ surface: CairoSurface, transparent: Bool) throws(RendererError) -> Image {
        cairo_surface_flush(surface.pointer)
        let width = Int(cairo_image_surface_get_width(surface.pointer))
        let height = Int(cairo_image_surface_get_height(surface.pointer))
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        guard let base = cairo_image_surface_get_data(surface.pointer) else {
            throw RendererError(reason: "the image surface has no pixel data")
        }
        let channels = transparent ? 4 : 3
        let rowBytes = width * channels
        // Filtered scanlines: a filter-type byte, then the row.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        raw.withUnsafeMutableBufferPointer { out in
            var current = [UInt8](repeating: 0, count: rowBytes)
            for y in 0..<height {
                let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                current.withUnsafeMutableBufferPointer { cur in
                    for x in 0..<width {
                        let v = row[x]
                        var a = UInt32(v >> 24), r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF
                        if transparent {
                            if a != 0 && a != 255 {
                                r = min(255, (r * 255 + a / 2) / a)
                                g = min(255, (g * 255 + a / 2) / a)
                                b = min(255, (b * 255 + a / 2) / a)
                            }
                            cur[x * 4] = UInt8(r); cur[x * 4 + 1] = UInt8(g); cur[x * 4 + 2] = UInt8(b); cur[x * 4 + 3] = UInt8(a)
                        } else {
                            a = 255
                            cur[x * 3] = UInt8(r); cur[x * 3 + 1] = UInt8(g); cur[x * 3 + 2] = UInt8(b)
                        }
                    }
                    // Sub filter: each byte minus the byte one pixel to the left.
                    let o = y * (rowBytes + 1)
                    out[o] = 1
                    for i in 0..<rowBytes {
                        out[o + 1 + i] = i >= channels ? cur[i] &- cur[i - channels] : cur[i]
                    }
                }
            }
        }
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = compress2(&compressed, &compressedLength, raw, uLong(raw.count), 1)
        guard status == Z_OK else { throw RendererError(reason: "zlib failed to compress the image (status \(status))") }

        return (width, height, Array(compressed[0..<Int(compressedLength)]))
    }
}
