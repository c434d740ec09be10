import FlyingFox
import Foundation

/// Answers the preview's three addresses and nothing else: `/` (the page), `/state` (JSON for
/// scripts and tests) and `/updates?after=N` (the page's long poll). No file is ever served by
/// its path, so nothing outside the programme's repository (or inside it) can be fetched.
///
/// Every request must name this server in its `Host` header (`127.0.0.1:PORT` or
/// `localhost:PORT`), which a page on another site reaching it through DNS rebinding cannot;
/// only GET is answered.
public struct PreviewHTTPHandler: HTTPHandler {
    /// Where the snapshot comes from.
    public let state: PreviewState
    /// The longest a long poll waits, in seconds: well inside FlyingFox's request timeout.
    public var longPollSeconds: Double = 10

    /// A handler answering from `state`.
    public init(state: PreviewState) {
        self.state = state
    }

    /// The response to `request`.
    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let port = await state.port, Self.isAllowed(host: request.headers[.host], port: port) else {
            return Self.plain(.misdirectedRequest, "refused: this preview answers only to 127.0.0.1 and localhost with its own port\n")
        }
        guard request.method == .GET else {
            var response = Self.plain(.methodNotAllowed, "only GET is answered here\n")
            response.headers[HTTPHeader("Allow")] = "GET"
            return response
        }
        switch request.path {
        case "/":
            let page = PreviewPage(snapshot: await state.snapshot)
            return Self.response(.ok, type: "text/html; charset=utf-8", body: Data(page.html.utf8), policy: page.contentSecurityPolicy)
        case "/state":
            return Self.response(.ok, type: "application/json", body: await state.snapshot.stateJSON)
        case "/updates":
            // A missing or unreadable `after` asks for the current snapshot at once.
            let after = request.query["after"].flatMap { Int($0) } ?? -1
            let snapshot = await state.snapshot(after: after, timeout: longPollSeconds)
            return Self.response(.ok, type: "application/json", body: PreviewPage(snapshot: snapshot).updateJSON)
        default:
            return Self.plain(.notFound, "not found: this preview serves only its page\n")
        }
    }

    /// Whether `host` (a `Host` header) names this server: `127.0.0.1:PORT` or `localhost:PORT`,
    /// in any case.
    public static func isAllowed(host: String?, port: UInt16) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    /// A short text response (an error), with the same headers as every other.
    static func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        response(status, type: "text/plain; charset=utf-8", body: Data(text.utf8))
    }

    /// A response with the headers every answer carries: a policy that allows nothing unless
    /// given one, no sniffing, no referrer, no caching, no framing.
    static func response(
        _ status: HTTPStatusCode, type: String, body: Data,
        policy: String = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        headers[HTTPHeader("Content-Security-Policy")] = policy
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        headers[HTTPHeader("Referrer-Policy")] = "no-referrer"
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Frame-Options")] = "DENY"
        headers[HTTPHeader("Cross-Origin-Resource-Policy")] = "same-origin"
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }
}
