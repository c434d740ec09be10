import Dispatch
import Foundation

/// SIGINT and SIGTERM for `regimen preview`, turned into cancelling the server's task (or, before it exists,
/// into cancelling it as soon as it does); a second signal ends the process at once.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var task: Task<Void, Never>?

    /// Takes SIGINT and SIGTERM from their default action (ending the process at once), so
    /// that the server is stopped and the process exits 0; returns the sources to cancel.
    func installHandlers() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in request() }
            source.resume()
            return source
        }
    }

    /// The server's task: cancelled at once if a stop was already requested.
    func attach(_ task: Task<Void, Never>) {
        let cancel = lock.withLock {
            self.task = task
            return requested
        }
        if cancel { task.cancel() }
    }

    private func request() {
        let (again, task) = lock.withLock {
            defer { requested = true }
            return (requested, self.task)
        }
        if again { Foundation.exit(ExitStatus.clean.rawValue) }
        task?.cancel()
    }
}
