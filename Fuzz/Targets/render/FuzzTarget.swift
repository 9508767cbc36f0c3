import CLibFuzzer
import FuzzHarness

// The libFuzzer target `Scripts/fuzz.sh render`: the work is FuzzHarness.render, which the regression test
// shares. Built only with CONFLICTMAP_FUZZ set and -sanitize=fuzzer (Package.swift).

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzHarness.prepare(.render)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    // One input in four is drawn (FuzzHarness.render); the map model is built for every one.
    FuzzHarness.render(FuzzHarness.data(bytes, count), drawOneIn: 4)
    return 0
}

/// SwiftPM links an executable with `main` defined as `<module>_main`: this one runs libFuzzer's driver.
@_cdecl("fuzz_render_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in fuzzTestOneInput(bytes, count) }
}
