import FuzzHarness

// libFuzzer's entry points for `Scripts/fuzz.sh partial`; the work is FuzzHarness.partial (shared with the
// regression test). Built only with CONFLICTMAP_FUZZ set and -sanitize=fuzzer: libFuzzer has the main.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzHarness.prepare(.partial)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzHarness.run(.partial, FuzzHarness.data(bytes, count))
    return 0
}
