import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the preview could not start.
public enum PreviewServerError: Error, Equatable, CustomStringConvertible {
    /// The port is taken by another server.
    case portInUse(UInt16)
    /// Listening failed for another reason (a sentence from the system).
    case cannotListen(UInt16, String)

    /// One line for the person who ran the command.
    public var description: String {
        switch self {
        case .portInUse(let port):
            "127.0.0.1:\(port) is already in use (another preview or another server listens there); choose another port with --port N, or a free one with --port 0"
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port): \(reason)"
        }
    }
}

/// `regimen preview`'s server: renders the programme, listens on 127.0.0.1, and renders again
/// whenever a file the programme depends on is saved.
public struct PreviewServer: Sendable {
    /// What to render.
    public var request: PreviewRequest
    /// The port to listen on; 0 takes a free one.
    public var port: UInt16
    /// How often the watched files are examined.
    public var pollInterval: Duration = .milliseconds(200)

    /// The port `regimen preview` listens on when not told: fixed, so that a bookmark keeps working.
    public static let defaultPort: UInt16 = 7420

    /// A server for `request` on `port`.
    public init(request: PreviewRequest, port: UInt16) {
        self.request = request
        self.port = port
    }

    /// Renders, listens, calls `listening` with the page's address, then follows every save
    /// until the task is cancelled; then stops listening and returns.
    public func run(listening: @Sendable (String) -> Void) async throws(PreviewServerError) {
        let renderer = PreviewRenderer(request: request)
        var watched = Set<String>()
        var stamps = FileStamps.current([])
        func render() async -> PreviewRender {
            let before = FileStamps.current(Array(watched))
            let render = await Self.offThePool { renderer.render() }
            watched = Set(render.watched)
            stamps = FileStamps.carrying(before, into: FileStamps.current(render.watched))
            return render
        }
        let state = PreviewState(snapshot: PreviewSnapshot(first: await render(), programme: request.programme))

        let address: sockaddr_in
        do {
            address = try .inet(ip4: "127.0.0.1", port: port)
        } catch {
            throw .cannotListen(port, "127.0.0.1 is not an address here")
        }
        let server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 15, logger: .disabled), handler: PreviewHTTPHandler(state: state))
        let failure = Failure()
        let serving = Task {
            do { try await server.run() } catch { await failure.record(error) }
        }
        guard let bound = try await Self.listeningPort(server, failure: failure, asked: port) else {
            // Stopped (Ctrl-C) before it listened: nothing to report.
            await server.stop(timeout: 0)
            serving.cancel()
            return
        }
        await state.listening(on: bound)
        listening("http://127.0.0.1:\(bound)/")

        while !Task.isCancelled {
            do { try await Task.sleep(for: pollInterval) } catch { break }
            if FileStamps.current(Array(watched)) != stamps {
                await state.show(await render())
            }
        }
        await server.stop(timeout: 0.5)
        serving.cancel()
    }

    /// The port `server` listens on, once it does; its failure to, as an error; nil when the
    /// task is cancelled first.
    static func listeningPort(_ server: HTTPServer, failure: Failure, asked: UInt16) async throws(PreviewServerError) -> UInt16? {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await server.isListening, case .ip4(_, let port) = await server.listeningAddress {
                return port
            }
            if let error = await failure.error {
                if case .failed(_, let code, let message) = error as? SocketError {
                    throw code == EADDRINUSE ? .portInUse(asked) : .cannotListen(asked, message)
                }
                throw .cannotListen(asked, "\(error)")
            }
            do { try await Task.sleep(for: .milliseconds(5)) } catch { return nil }
        }
        throw .cannotListen(asked, "the server did not start listening within 10 seconds")
    }

    /// `work` on a thread of its own, with a main thread's stack: a render reads files and may
    /// run rule plugins, and must not hold up the threads that answer the page.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Why the server stopped, if it failed.
    actor Failure {
        private(set) var error: (any Error)?
        func record(_ error: any Error) { self.error = error }
    }
}
