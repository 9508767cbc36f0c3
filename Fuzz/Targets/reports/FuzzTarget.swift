import FuzzHarness

// libFuzzer's entry points for `Scripts/fuzz.sh reports`; the work is FuzzHarness.reports (shared with the
// regression test). Built only with CONFLICTMAP_FUZZ set and -sanitize=fuzzer: libFuzzer has the main.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzHarness.prepare(.reports)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzHarness.run(.reports, FuzzHarness.data(bytes, count))
    return 0
}
