import Foundation

/// Runs `body` for 0..<n on two threads, the calling one (even indices) and a helper started for
/// the purpose (odd indices), and collects the results in order.
///
/// The split is fixed rather than dynamic, and the helper ends before this returns, so that the
/// same work always allocates from the same malloc arena (glibc hands an ended thread's arena to
/// the next thread): memory that one load frees is then reused by the next, instead of piling up
/// in whichever arena a pool thread happened to use.
func parallelMap<T>(_ n: Int, _ body: @escaping (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: n)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = UnsafeSendable(buffer)
        guard n > 1 else {
            if n == 1 { out.value[0] = body(0) }
            return
        }
        runOnHelperThread({
            for i in stride(from: 1, to: n, by: 2) { out.value[i] = body(i) }
        }, while: {
            for i in stride(from: 0, to: n, by: 2) { out.value[i] = body(i) }
        })
    }
    return results.map { $0! }
}

private final class HelperJob {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Runs `job` on a new thread while `main` runs on this one, and waits for the thread to end.
func runOnHelperThread(_ job: @escaping () -> Void, while main: () -> Void) {
    let context = Unmanaged.passRetained(HelperJob(job)).toOpaque()
    #if os(Linux)
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<HelperJob>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    #else
    var thread: pthread_t?
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<HelperJob>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }, context)
    #endif
    guard started == 0 else {
        // No thread to be had: do both here.
        Unmanaged<HelperJob>.fromOpaque(context).takeRetainedValue().run()
        main()
        return
    }
    main()
    #if os(Linux)
    pthread_join(thread, nil)
    #else
    pthread_join(thread!, nil)
    #endif
}

/// A value handed to concurrently running code that touches disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
