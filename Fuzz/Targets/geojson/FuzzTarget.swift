import FuzzHarness

// libFuzzer's entry points for `Scripts/fuzz.sh geojson`; the work is FuzzHarness.geojson (shared with the
// regression test). Built only with CONFLICTMAP_FUZZ set and -sanitize=fuzzer: libFuzzer has the main.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzHarness.prepare(.geojson)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzHarness.run(.geojson, FuzzHarness.data(bytes, count))
    return 0
}
