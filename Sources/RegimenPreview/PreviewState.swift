import Foundation

/// The snapshot the server answers from, replaced by the watcher after each render, and the
/// port the server listens on (known only once it does, for `--port 0`).
public actor PreviewState {
    /// The current snapshot.
    public private(set) var snapshot: PreviewSnapshot
    /// The port listened on; nil until the server listens, and every request is refused until then.
    public private(set) var port: UInt16?

    /// A state showing `snapshot`.
    public init(snapshot: PreviewSnapshot) {
        self.snapshot = snapshot
    }

    /// Shows `render` from now on, as the next generation.
    public func show(_ render: PreviewRender) {
        snapshot = snapshot.next(render)
    }

    /// Records the port the server listens on.
    public func listening(on port: UInt16) {
        self.port = port
    }

    /// The snapshot once it is newer than `generation`, or the current one after `timeout`
    /// seconds (a long poll: the page's script asks again at once). Checked every 40 ms: cheap,
    /// and well inside the second a saved file has to reach the page.
    public func snapshot(after generation: Int, timeout: Double) async -> PreviewSnapshot {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1_000))
        while snapshot.generation <= generation, ContinuousClock.now < deadline {
            do {
                try await Task.sleep(for: .milliseconds(40))
            } catch {
                break
            }
        }
        return snapshot
    }
}
