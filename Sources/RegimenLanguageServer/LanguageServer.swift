import Foundation
import LanguageServerProtocol
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import RegimenWorkspace

/// The language server: answers an editor's requests over JSON-RPC with Regimen's checks,
/// completion, hover, definition and quick fixes.
///
/// One thread reads and frames the input (`InputQueue`); `run` handles what has arrived, all of
/// it at once, and then checks each document changed in that batch once, at its latest text.
public final class LanguageServer {
    /// The bounds on input.
    public struct Bounds: Sendable {
        /// The longest message header taken.
        public var maxHeaderBytes = 8 * 1024
        /// The longest message body taken (a document's whole text travels in one).
        public var maxBodyBytes = 32 * 1024 * 1024
        /// How much waiting input is held before the reader waits.
        public var maxQueuedBytes = 64 * 1024 * 1024

        /// The default bounds.
        public init() {}
    }

    private enum State {
        case uninitialized, running, shutDown
    }

    private let output: (Data) -> Void
    private let version: String
    private let arguments: Workspace.Arguments
    private var state = State.uninitialized
    private(set) var encoding = PositionEncoding.utf16
    private(set) var documents = Documents()
    private var checker: Checker
    private(set) var checks: [String: CheckResult] = [:]
    private(set) var published: [String: [Diagnostic]] = [:]
    private var pending: [String] = []
    private var cancelled = Set<RequestID>()
    /// The most findings published for one document.
    static let maxDiagnostics = 1_000

    /// A server writing its framed messages with `output`, calling itself `version`; its
    /// workspaces are made with `arguments` (plugin settings; the inputs are each document).
    public init(version: String, arguments: Workspace.Arguments = Workspace.Arguments(inputs: []), output: @escaping (Data) -> Void) {
        self.version = version
        self.arguments = arguments
        self.output = output
        checker = Checker(rootPath: nil, arguments: arguments)
    }

    /// Serves `input` until the client says `exit` or the input ends; the process's exit status:
    /// 0 after a `shutdown`, 1 otherwise (as the protocol asks).
    public static func serve<Source: ByteSource & Sendable>(
        input: Source, version: String, arguments: Workspace.Arguments = Workspace.Arguments(inputs: []), bounds: Bounds = Bounds(),
        output: @escaping (Data) -> Void
    ) -> Int32 {
        let queue = InputQueue(maxBytes: bounds.maxQueuedBytes)
        let reader = Thread {
            queue.fill(from: input, maxHeaderBytes: bounds.maxHeaderBytes, maxBodyBytes: bounds.maxBodyBytes)
        }
        reader.stackSize = 4 << 20
        reader.start()
        let server = LanguageServer(version: version, arguments: arguments, output: output)
        while true {
            let events = queue.takeAll()
            if let status = server.handle(events) { return status }
        }
    }

    /// Handles a batch of input; the exit status once the client is done.
    func handle(_ events: [InputEvent]) -> Int32? {
        // Requests cancelled before they are reached are answered as cancelled, not worked on.
        for case .message(.notification("$/cancelRequest", let params)) in events {
            guard let id = try? params?.decode(CancelParams.self).id else { continue }
            // Bounded: ids of requests already answered would otherwise pile up.
            if cancelled.count >= 1_000 { cancelled.removeAll() }
            cancelled.insert(id)
        }
        for event in events {
            switch event {
            case .message(.request(let id, let method, let params)):
                if cancelled.remove(id) != nil {
                    send(OutgoingMessage.error(id: id, ResponseError(.requestCancelled, "the request was cancelled")))
                    continue
                }
                // A request is answered on the documents as changed so far: their findings first.
                publishPending()
                respond(id: id, method: method, params: params)
            case .message(.notification(let method, let params)):
                if method == "exit" { return state == .shutDown ? 0 : 1 }
                notify(method: method, params: params)
            case .message(.response):
                // This server sends no requests; a stray response is dropped.
                continue
            case .invalid(let invalid):
                send(OutgoingMessage.error(id: invalid.id, invalid.error))
            case .end:
                return state == .shutDown ? 0 : 1
            }
        }
        publishPending()
        return nil
    }

    // MARK: Requests

    private func respond(id: RequestID, method: String, params: JSONValue?) {
        switch (state, method) {
        case (.uninitialized, "initialize"):
            send(OutgoingMessage.response(id: id, result: initialize(params)))
            state = .running
            return
        case (.uninitialized, _):
            send(
                OutgoingMessage.error(
                    id: id, ResponseError(.serverNotInitialized, "the server is not initialized: send `initialize` first")))
            return
        case (_, "initialize"):
            send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, "the server is already initialized")))
            return
        case (.shutDown, _):
            send(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, "the server is shutting down")))
            return
        case (.running, "shutdown"):
            state = .shutDown
            send(OutgoingMessage.response(id: id, result: .null))
            return
        default: break
        }
        let result: Result<JSONValue, ResponseError>
        switch method {
        case "textDocument/completion": result = decoded(params) { self.completion($0) }
        case "textDocument/hover": result = decoded(params) { self.hover($0) }
        case "textDocument/definition": result = decoded(params) { self.definition($0) }
        case "textDocument/codeAction": result = decoded(params) { self.codeActions($0) }
        default:
            result = .failure(ResponseError(.methodNotFound, "no method `\(method.prefix(100))`"))
        }
        switch result {
        case .success(let value): send(OutgoingMessage.response(id: id, result: value))
        case .failure(let error): send(OutgoingMessage.error(id: id, error))
        }
    }

    /// `params` decoded as `P` and answered by `body`; an invalid-params error when they do not decode.
    private func decoded<P: Decodable, R: Encodable>(_ params: JSONValue?, _ body: (P) -> R) -> Result<JSONValue, ResponseError> {
        guard let params, let typed = try? params.decode(P.self) else {
            return .failure(ResponseError(.invalidParams, "the parameters do not fit the method"))
        }
        guard let value = try? JSONValue.encoding(body(typed)) else {
            return .failure(ResponseError(.internalError, "the answer could not be encoded"))
        }
        return .success(value)
    }

    private func initialize(_ params: JSONValue?) -> JSONValue {
        let typed = try? params?.decode(InitializeParams.self)
        encoding = PositionEncoding.negotiate(typed?.capabilities?.general?.positionEncodings)
        let root =
            typed?.workspaceFolders?.first.flatMap { DocumentURI.path($0.uri) } ?? typed?.rootUri.flatMap(DocumentURI.path)
            ?? typed?.rootPath.map(Paths.normalise)
        checker = Checker(rootPath: root, arguments: arguments)
        return .object([
            "capabilities": .object([
                "positionEncoding": .string(encoding.rawValue),
                // Incremental: each change sends only the span edited (in the negotiated encoding).
                "textDocumentSync": .object(["openClose": .bool(true), "change": .integer(2), "save": .bool(true)]),
                "completionProvider": .object(["triggerCharacters": .array([.string(":"), .string(" "), .string("-")])]),
                "hoverProvider": .bool(true),
                "definitionProvider": .bool(true),
                "codeActionProvider": .object(["codeActionKinds": .array([.string("quickfix")])]),
            ]),
            "serverInfo": .object(["name": .string("regimen"), "version": .string(version)]),
        ])
    }

    // MARK: Notifications

    private func notify(method: String, params: JSONValue?) {
        // Before `initialize` and after `shutdown`, notifications are dropped (the protocol says so).
        guard state == .running else { return }
        switch method {
        case "textDocument/didOpen":
            guard let typed = try? params?.decode(DidOpenTextDocumentParams.self) else { return }
            documents.open(typed.textDocument)
            changed(typed.textDocument.uri)
        case "textDocument/didChange":
            guard let typed = try? params?.decode(DidChangeTextDocumentParams.self) else { return }
            if documents.change(
                typed.textDocument.uri, version: typed.textDocument.version, changes: typed.contentChanges, encoding: encoding)
            {
                changed(typed.textDocument.uri)
            }
        case "textDocument/didSave":
            guard let typed = try? params?.decode(TextDocumentParams.self) else { return }
            changed(typed.textDocument.uri)
        case "textDocument/didClose":
            guard let typed = try? params?.decode(TextDocumentParams.self) else { return }
            let path = documents[typed.textDocument.uri]?.path
            documents.close(typed.textDocument.uri)
            checks[typed.textDocument.uri] = nil
            // Its findings go with it; the files that included it are read from disk again.
            if published.removeValue(forKey: typed.textDocument.uri) != nil {
                send(
                    OutgoingMessage.notification(
                        method: "textDocument/publishDiagnostics", params: publishParams(uri: typed.textDocument.uri, version: nil, [])))
            }
            if let path { dependentsChanged(path) }
        case "workspace/didChangeWatchedFiles":
            guard let typed = try? params?.decode(DidChangeWatchedFilesParams.self) else { return }
            for change in typed.changes {
                if let path = DocumentURI.path(change.uri) { fileChanged(path) }
            }
        default:
            // `initialized`, `$/cancelRequest`, `$/setTrace`, settings: nothing to do.
            return
        }
    }

    /// The document at `uri` changed: it is checked again, and so is every open document that read it.
    private func changed(_ uri: String) {
        if !pending.contains(uri) { pending.append(uri) }
        if let path = documents[uri]?.path { fileChanged(path) }
    }

    /// The file at `path` changed (in the editor or on disk).
    private func fileChanged(_ path: String) {
        // A configuration, or a plugin or rule pack: the workspaces are made again.
        if Paths.name(of: path) == Configuration.fileName || path.contains("/plugins/") {
            checker.invalidate()
            for uri in documents.byURI.keys.sorted() where !pending.contains(uri) { pending.append(uri) }
            return
        }
        dependentsChanged(path)
    }

    private func dependentsChanged(_ path: String) {
        for (uri, check) in checks.sorted(by: { $0.key < $1.key }) where check.readPaths.contains(path) && !pending.contains(uri) {
            if documents[uri] != nil { pending.append(uri) }
        }
    }

    // MARK: Diagnostics

    private func publishPending() {
        let uris = pending
        pending = []
        // Documents forgotten to keep memory bounded take their checks with them.
        if checks.count > documents.byURI.count { checks = checks.filter { documents[$0.key] != nil } }
        let buffers = documents.buffers
        for uri in uris {
            guard let document = documents[uri], let path = document.path else { continue }
            var check = checker.check(path: path, buffers: buffers)
            // Mid-edit the file may not load at all: completion and hover keep the exercises
            // of the last check that found some.
            if check.exercises.isEmpty, let previous = checks[uri]?.exercises { check.exercises = previous }
            checks[uri] = check
            // Bounded: an editor lists a thousand findings no better than ten thousand.
            let own = Array(check.diagnostics.lazy.filter { check.absolute($0.range.file) == path }.prefix(Self.maxDiagnostics))
            let convert = conversion(check)
            var shown = own.map { convert.convert($0, directory: check.currentDirectory) }
            // A file that could not be read at all is said at its start.
            for problem in check.inputErrors.prefix(5) {
                shown.append(
                    LSPDiagnostic(
                        range: LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)), severity: .error,
                        code: nil, codeDescription: nil, source: "regimen", message: problem, relatedInformation: nil))
            }
            published[uri] = own
            send(
                OutgoingMessage.notification(
                    method: "textDocument/publishDiagnostics", params: publishParams(uri: uri, version: document.version, shown)))
        }
    }

    private func publishParams(uri: String, version: Int?, _ diagnostics: [LSPDiagnostic]) -> JSONValue {
        (try? JSONValue.encoding(PublishDiagnosticsParams(uri: uri, version: version, diagnostics: diagnostics))) ?? .null
    }

    func conversion(_ check: CheckResult) -> DiagnosticConversion {
        DiagnosticConversion(encoding: encoding, registry: check.registry) { [documents] path in
            if let open = documents.document(atPath: path) { return open.text }
            return check.sources[Paths.relative(path, to: check.currentDirectory)]?.text
        }
    }

    // MARK: Output

    private func send(_ message: JSONValue) {
        output(MessageFramer.frame(message))
    }
}
