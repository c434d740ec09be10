import Foundation
import LanguageServerProtocol
@testable import RegimenLanguageServer
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import Testing

/// The language server in this process: a session is a list of messages in, the messages out
/// and the exit status.
enum LSPSession {
    static func frame(_ json: String) -> [UInt8] { Array("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8) }

    static func request(_ id: Int, _ method: String, _ params: String = "{}") -> [UInt8] {
        frame(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
    }

    static func notification(_ method: String, _ params: String = "{}") -> [UInt8] {
        frame(#"{"jsonrpc":"2.0","method":"\#(method)","params":\#(params)}"#)
    }

    /// Opens `text` as p.yaml in a repository with the neck library, asks for the code actions
    /// on 0-based `line` (characters 0 to `end`) as request 2, and shuts down: the messages, and
    /// the repository's path (removed by then; its URIs still name the file).
    static func codeActions(for text: String, line: Int, end: Int) throws -> (messages: [JSONValue], root: String) {
        let root = try repository(["p.yaml": text, "library/neck.yaml": library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (messages, _) = run(
            initialize(root: root) + open(root + "/p.yaml", text)
                + request(
                    2, "textDocument/codeAction",
                    #"{"textDocument":{"uri":"file://\#(root)/p.yaml"},"range":{"start":{"line":\#(line),"character":0},"end":{"line":\#(line),"character":\#(end)}},"context":{"diagnostics":[]}}"#
                )
                + request(3, "shutdown") + notification("exit"))
        return (messages, root)
    }

    static func initialize(root: String = "/tmp", encodings: String = #"["utf-16"]"#) -> [UInt8] {
        request(
            1, "initialize",
            #"{"processId":null,"rootUri":"file://\#(root)","capabilities":{"general":{"positionEncodings":\#(encodings)}}}"#)
    }

    static func jsonString(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    static func open(_ path: String, _ text: String, version: Int = 1) -> [UInt8] {
        notification(
            "textDocument/didOpen",
            #"{"textDocument":{"uri":"file://\#(path)","languageId":"yaml","version":\#(version),"text":\#(jsonString(text))}}"#)
    }

    static func change(_ path: String, _ text: String, version: Int) -> [UInt8] {
        notification(
            "textDocument/didChange",
            #"{"textDocument":{"uri":"file://\#(path)","version":\#(version)},"contentChanges":[{"text":\#(jsonString(text))}]}"#)
    }

    /// Runs the server over `input`; the messages it wrote, decoded, and its exit status.
    static func run(_ input: [UInt8], bounds: LanguageServer.Bounds = LanguageServer.Bounds()) -> (messages: [JSONValue], status: Int32) {
        final class Sink: @unchecked Sendable {
            var data = Data()
        }
        let sink = Sink()
        let status = LanguageServer.serve(input: MemorySource(input, chunk: 997), version: "test", bounds: bounds) { sink.data.append($0) }
        var reader = MessageReader(MemorySource(Array(sink.data)))
        var messages: [JSONValue] = []
        while case .message(let body) = reader.next() {
            if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) { messages.append(value) }
        }
        return (messages, status)
    }

    static func response(_ messages: [JSONValue], id: Int) -> JSONValue? { messages.first { $0["id"] == .integer(id) } }

    static func diagnostics(_ messages: [JSONValue]) -> [JSONValue] {
        messages.filter { $0["method"] == .string("textDocument/publishDiagnostics") }
    }

    /// A git repository holding `files` (relative paths to text); removed by the caller.
    static func repository(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-lsp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: Paths.directory(of: full), withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return DiskFileSystem().resolve(root) ?? root
    }

    static let programme = """
        regimen: 1
        id: neck
        title: Neck
        red-flags: [Sudden severe headache]
        library: [library/neck.yaml]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: chin-tuck
                dose: { reps: 10, hold: 5s }
        """

    static let library = """
        regimen-library: 1
        exercises:
          chin-tuck:
            name: Chin tuck
            purpose: Strengthens the deep neck muscles
            steps: [Draw your chin straight back, Hold, then relax]
        """
}

/// The lifecycle and the protocol's errors, as a client meets them.
@Suite struct LanguageServerLifecycleTests {
    @Test func aRequestBeforeInitializeIsRefused() {
        let (messages, status) = LSPSession.run(LSPSession.request(7, "textDocument/hover") + LSPSession.notification("exit"))
        #expect(LSPSession.response(messages, id: 7)?["error"]?["code"] == .integer(-32002))
        #expect(status == 1)
    }

    @Test func shutdownThenExitIsZeroAndExitAloneIsOne() {
        let clean = LSPSession.run(
            LSPSession.initialize() + LSPSession.notification("initialized") + LSPSession.request(2, "shutdown", "null")
                + LSPSession.notification("exit"))
        #expect(LSPSession.response(clean.messages, id: 1)?["result"]?["capabilities"]?["hoverProvider"] == .bool(true))
        #expect(LSPSession.response(clean.messages, id: 2)?["result"] == .null)
        #expect(clean.status == 0)
        #expect(LSPSession.run(LSPSession.initialize() + LSPSession.notification("exit")).status == 1)
        // The input ending without `exit`: as the protocol says for a lost client.
        #expect(LSPSession.run(LSPSession.initialize()).status == 1)
    }

    @Test func unknownRequestsAreMethodNotFoundAndNotificationsAreIgnored() {
        let (messages, _) = LSPSession.run(
            LSPSession.initialize() + LSPSession.notification("custom/thing") + LSPSession.notification("$/cancelRequest", #"{"id":99}"#)
                + LSPSession.request(3, "workspace/symbol", #"{"query":""}"#) + LSPSession.notification("exit"))
        #expect(LSPSession.response(messages, id: 3)?["error"]?["code"] == .integer(-32601))
        #expect(messages.count == 2, "a notification got an answer: \(messages)")
    }

    @Test func aCancelledRequestIsAnsweredAsCancelled() {
        let (messages, _) = LSPSession.run(
            LSPSession.initialize() + LSPSession.notification("$/cancelRequest", #"{"id":4}"#)
                + LSPSession.request(
                    4, "textDocument/hover", #"{"textDocument":{"uri":"file:///x.yaml"},"position":{"line":0,"character":0}}"#)
                + LSPSession.notification("exit"))
        #expect(LSPSession.response(messages, id: 4)?["error"]?["code"] == .integer(-32800))
    }

    @Test func malformedInputIsAnsweredAndTheSessionGoesOn() {
        var bounds = LanguageServer.Bounds()
        bounds.maxBodyBytes = 4096
        let (messages, status) = LSPSession.run(
            LSPSession.initialize() + LSPSession.frame("{not json") + LSPSession.frame(String(repeating: " ", count: 10_000))
                + LSPSession.frame(#"{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"nothing":1}}"#)
                + LSPSession.request(9, "shutdown", "null") + LSPSession.notification("exit"), bounds: bounds)
        let errors = messages.compactMap { $0["error"]?["code"] }
        #expect(errors == [.integer(-32700), .integer(-32600), .integer(-32602)])
        #expect(LSPSession.response(messages, id: 9)?["result"] == .null)
        #expect(status == 0)
    }

    @Test func utf8PositionsAreUsedWhenTheClientOffersThem() {
        let (messages, _) = LSPSession.run(LSPSession.initialize(encodings: #"["utf-8","utf-16"]"#) + LSPSession.notification("exit"))
        #expect(LSPSession.response(messages, id: 1)?["result"]?["capabilities"]?["positionEncoding"] == .string("utf-8"))
    }
}

/// What an editor shows, from a session in this process over a repository on disk.
@Suite struct LanguageServerFeatureTests {
    @Test func diagnosticsArePlacedInUTF16UnitsOnNonASCIILines() throws {
        // Before the misspelt key, "é" is one UTF-16 unit and "😀" two (and one scalar each):
        // `purpos` starts at UTF-16 unit 40, the 40th scalar.
        let text = LSPSession.programme.replacingOccurrences(
            of: "      - use: chin-tuck\n        dose: { reps: 10, hold: 5s }", with: "      - { use: chin-tuck, notes: \"é😀\", purpos: x }"
        )
        let root = try LSPSession.repository(["p.yaml": text, "library/neck.yaml": LSPSession.library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", text) + LSPSession.request(2, "shutdown")
                + LSPSession.notification("exit"))
        let published = try #require(LSPSession.diagnostics(messages).first)
        let first = try #require(published["params"]?["diagnostics"]?.arrayValue?.first)
        #expect(first["code"] == .string("RG102"))
        #expect(first["range"]?["start"] == .object(["line": .integer(9), "character": .integer(40)]))
        #expect(first["range"]?["end"] == .object(["line": .integer(9), "character": .integer(46)]))
        #expect(first["source"] == .string("regimen"))
        #expect(first["message"]?.stringValue?.contains("help: did you mean `purpose`?") == true)
        #expect(first["codeDescription"]?["href"]?.stringValue?.hasSuffix("docs/rules.md#rg102-unknown-key") == true)
    }

    @Test func anUnsavedLibraryBufferIsCheckedAndItsProgrammesAgain() throws {
        let root = try LSPSession.repository(["p.yaml": LSPSession.programme, "library/neck.yaml": LSPSession.library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let renamed = LSPSession.library.replacingOccurrences(of: "chin-tuck:", with: "chin-tucks:")
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", LSPSession.programme)
                + LSPSession.open(root + "/library/neck.yaml", LSPSession.library)
                + LSPSession.change(root + "/library/neck.yaml", renamed, version: 2)
                + LSPSession.request(2, "shutdown") + LSPSession.notification("exit"))
        let forProgramme = LSPSession.diagnostics(messages).filter { $0["params"]?["uri"] == .string("file://\(root)/p.yaml") }
        let codes = forProgramme.last?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"] }
        #expect(codes == [.string("RG201")], "the library's unsaved text names `chin-tucks`")
    }

    @Test func aFloodOfChangesIsCheckedOnceAtItsLatestVersion() throws {
        let root = try LSPSession.repository(["p.yaml": LSPSession.programme, "library/neck.yaml": LSPSession.library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        final class Sink: @unchecked Sendable {
            var data = Data()
        }
        let sink = Sink()
        let server = LanguageServer(version: "test") { sink.data.append($0) }
        func events(_ bytes: [UInt8]) -> [InputEvent] {
            var reader = MessageReader(MemorySource(bytes))
            var out: [InputEvent] = []
            while case .message(let body) = reader.next(), case .success(let message) = Message.parse(body) {
                out.append(.message(message))
            }
            return out
        }
        _ = server.handle(events(LSPSession.initialize(root: root)))
        // What the reader thread hands over at once when changes come faster than checks.
        var burst = LSPSession.open(root + "/p.yaml", LSPSession.programme)
        for version in 2...200 {
            burst += LSPSession.change(root + "/p.yaml", LSPSession.programme + "\n# edit \(version)\n", version: version)
        }
        _ = server.handle(events(burst))
        var reader = MessageReader(MemorySource(Array(sink.data)))
        var versions: [JSONValue] = []
        while case .message(let body) = reader.next() {
            let message = try JSONDecoder().decode(JSONValue.self, from: Data(body))
            if message["method"] == .string("textDocument/publishDiagnostics"), let version = message["params"]?["version"] {
                versions.append(version)
            }
        }
        #expect(versions == [.integer(200)])
    }

    @Test func aDocumentOverTheLoadersLimitIsAFindingNotACrash() throws {
        let root = try LSPSession.repository([".regimen.yml": "regimen-config: 1\nlimits: { max-file-bytes: 2000 }\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let huge = LSPSession.programme + "\nnotes: " + String(repeating: "long ", count: 1000) + "\n"
        let (messages, status) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", huge) + LSPSession.request(2, "shutdown", "null")
                + LSPSession.notification("exit"))
        let codes = LSPSession.diagnostics(messages).first?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
        #expect(codes?.contains("RG004") == true, "\(String(describing: codes))")
        #expect(status == 0)
    }

    @Test func theConfigurationsPreviewPatientScreensTheProgramme() throws {
        let profile = "regimen-patient: 1\nconditions: [osteoporosis]\n"
        let programme = LSPSession.library.replacingOccurrences(
            of: "steps:", with: "precautions: [{ when: osteoporosis, level: contraindicated, why: Not with fragile bones }]\n    steps:")
        let root = try LSPSession.repository([
            ".regimen.yml": "regimen-config: 1\npreview: { patient: patients/p.yaml }\n", "patients/p.yaml": profile,
            "p.yaml": LSPSession.programme, "library/neck.yaml": programme,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", LSPSession.programme) + LSPSession.request(2, "shutdown")
                + LSPSession.notification("exit"))
        let codes = LSPSession.diagnostics(messages).first?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
        #expect(codes?.contains("RG301") == true, "\(String(describing: codes))")
    }
}

/// Where the cursor is, from indentation alone.
@Suite struct YAMLContextTests {
    static func context(_ text: String) -> YAMLContext {
        // `|` marks the cursor.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("|") } ?? 0
        let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].firstIndex(of: "|") ?? lines[line].endIndex)
        let clean = lines.map { Substring($0.replacingOccurrences(of: "|", with: "")) }
        return YAMLContext.at(lines: clean, line: line, column: column)
    }

    @Test(
        arguments: [
            ("regimen: 1\nti|", [], YAMLContext.Slot.key),
            ("phases:\n  - id: a\n    weeks: 1-2\n    items:\n      - use: |", ["phases", "items"], .value(key: "use")),
            ("phases:\n  - id: a\n    items:\n      - use: x\n        dose:\n          h|", ["phases", "items", "dose"], .key),
            ("phases:\n  - id: a\n    items:\n      - use: x\n        |", ["phases", "items"], .key),
            ("phases:\n  - id: a\n    items:\n      - use: x\n        dose: { hold: |", ["phases", "items"], .value(key: "dose")),
            ("exercises:\n  bird-dog:\n    movements:\n      - lumb|", ["exercises", "bird-dog"], .value(key: "movements")),
            ("exercises:\n  bird-dog:\n    name: B\n    |", ["exercises", "bird-dog"], .key),
            ("phases:\n- id: a\n  items:\n  - use: |", ["phases", "items"], .value(key: "use")),
        ] as [(String, [String], YAMLContext.Slot)])
    func theKeysAboveTheCursorAreFound(text: String, path: [String], slot: YAMLContext.Slot) {
        let found = Self.context(text)
        #expect(found.path == path)
        #expect(found.slot == slot)
    }

    @Test func completionOffersKeysIdsWordsAndForms() {
        let exercise = Exercise(
            id: Text("bird-dog", at: .wholeFile("l.yaml")), name: Text("Bird dog", at: .wholeFile("l.yaml")), range: .wholeFile("l.yaml"))
        let completion = Completion(exercises: [exercise], vocabulary: .builtIn)
        func labels(_ text: String) -> [String] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.count - 1
            let column = lines[line].count
            return completion.items(lines: lines, position: Position(line: line, character: column), characterColumn: column).items.map(
                \.label)
        }
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: ") == ["bird-dog"])
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose:\n          ").contains("hold"))
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose:\n          side: ").contains("affected"))
        #expect(
            labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose:\n          hold: ").contains("1 min 30 s"))
        #expect(labels("regimen: 1\ncondition: [sciat").contains("sciatica"))
        #expect(labels("regimen-library: 1\nexercises:\n  x:\n    movements:\n      - lumbar-f").contains("lumbar-flexion"))
    }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// Hover, completion and quick fixes on the shapes the samples use: flow mappings for doses.
@Suite struct LanguageServerHoverTests {
    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    static let exercise: Exercise = {
        var exercise = Exercise(
            id: Text("chin-tuck", at: .wholeFile("library/neck.yaml")), name: Text("Chin tuck", at: .wholeFile("library/neck.yaml")),
            range: .wholeFile("library/neck.yaml"))
        exercise.purpose = Text("Strengthens the [deep] neck muscles", at: .wholeFile("library/neck.yaml"))
        return exercise
    }()

    static func hover(_ text: String) -> String? {
        let lines = lines(text.replacingOccurrences(of: "|", with: ""))
        let marked = Self.lines(text)
        guard let line = marked.firstIndex(where: { $0.contains("|") }), let bar = marked[line].firstIndex(of: "|") else { return nil }
        let hovers = Hovers(exercises: [exercise], registry: .builtIn, limits: .default)
        return hovers.hover(lines: lines, line: line, characterColumn: marked[line].distance(from: marked[line].startIndex, to: bar))?
            .markdown
    }

    @Test(arguments: [
        (
            "regimen: 1\nphases:\n  - id: a\n    weeks: 1-2\n    items:\n      - use: x\n        dose: { sets: 3, hold: 1 mi|n 30 s }",
            "`1 min 30 s` reads on the handout as: **1 minute 30 seconds**"
        ),
        ("regimen: 1\nphases:\n  - id: a\n    weeks: 1-|2", "`1-2` reads on the handout as: **Weeks 1 to 2**"),
        ("regimen: 1\nphases:\n  - id: a\n    sessions: 2 per| day", "`2 per day` reads on the handout as: **twice a day**"),
        (
            "regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose:\n          load: 5 k|g",
            "`5 kg` reads on the handout as: **with a 5 kg weight**"
        ),
    ])
    func aQuantityShowsHowItReadsOnTheHandout(text: String, expected: String) {
        #expect(Self.hover(text) == expected)
    }

    @Test func aQuantityThatCannotBeReadSaysWhichFormsAre() {
        let shown = Self.hover("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose: { hold: 3|0 }")
        #expect(shown?.hasPrefix("Regimen cannot read `30` as a time for `hold`.\n\nAccepted forms: `30s`") == true)
    }

    @Test func anExerciseIdShowsItsCardWithItsTextEscaped() throws {
        let card = try #require(Self.hover("regimen: 1\nphases:\n  - id: a\n    items:\n      - { use: chin-t|uck, dose: { reps: 3 } }"))
        #expect(card.hasPrefix("**Chin tuck** (`chin-tuck`)\n\nStrengthens the \\[deep\\] neck muscles"))
        #expect(card.hasSuffix("Defined in `library/neck.yaml`, line 1"))
    }

    @Test func aRuleCodeShowsItsExplanation() {
        #expect(Self.hover("regimen: 1  # regimen: ignore RG2|01")?.contains("RG201 unknown-exercise (error)") == true)
    }

    @Test func completionInsideAFlowMappingOffersItsKeysAndValues() {
        let completion = Completion(exercises: [Self.exercise], vocabulary: .builtIn)
        func labels(_ text: String) -> [String] {
            let lines = Self.lines(text)
            let column = lines[lines.count - 1].count
            return completion.items(lines: lines, position: Position(line: lines.count - 1, character: column), characterColumn: column)
                .items
                .map(\.label)
        }
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose: { sets: 3, ho").contains("hold"))
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - use: x\n        dose: { sets: 3, side: ").contains("affected"))
        #expect(labels("regimen: 1\nphases:\n  - id: a\n    items:\n      - { use: ") == ["chin-tuck"])
    }

    @Test func aLoadWithoutItsUnitHasAQuickFix() throws {
        let text = LSPSession.programme.replacingOccurrences(of: "dose: { reps: 10, hold: 5s }", with: "dose: { reps: 10, load: 5 }")
        let (messages, root) = try LSPSession.codeActions(for: text, line: 10, end: 40)
        let action = try #require(LSPSession.response(messages, id: 2)?["result"]?.arrayValue?.first)
        #expect(action["title"] == .string("Add the unit: `5 kg`"))
        let edit = try #require(action["edit"]?["changes"]?["file://\(root)/p.yaml"]?.arrayValue?.first)
        #expect(edit["newText"] == .string("5 kg"))
        #expect(edit["range"]?["start"] == .object(["line": .integer(10), "character": .integer(32)]))
    }
}

/// A YAML mistake in the editor: explained at the line to change, with the fix as a quick fix.
@Suite struct LanguageServerSyntaxTests {
    @Test func anItemWithoutUseIsExplainedAtTheItemAndFixedByTheQuickFix() throws {
        let text = LSPSession.programme.replacingOccurrences(of: "      - use: chin-tuck\n", with: "      - chin-tuck\n")
        let (messages, root) = try LSPSession.codeActions(for: text, line: 9, end: 20)
        let published = try #require(LSPSession.diagnostics(messages).last)
        let finding = try #require(published["params"]?["diagnostics"]?.arrayValue?.first)
        #expect(finding["code"] == .string("RG001"))
        let message = try #require(finding["message"]?.stringValue)
        #expect(message.hasPrefix("this item has no `use:`, so `dose:` below it has nothing to belong to\nhelp: write `- use: chin-tuck`"))
        // On the item's line (0-based 9), not on `dose:` below it, where the YAML parser stopped.
        #expect(finding["range"]?["start"] == .object(["line": .integer(9), "character": .integer(8)]))
        let action = try #require(LSPSession.response(messages, id: 2)?["result"]?.arrayValue?.first)
        #expect(action["title"] == .string("add `use:`"))
        let edit = try #require(action["edit"]?["changes"]?["file://\(root)/p.yaml"]?.arrayValue?.first)
        #expect(edit["newText"] == .string("use: chin-tuck"))
    }
}

/// `.regimen.yml` in the editor: its own findings, and every open programme checked again under it.
@Suite struct LanguageServerConfigurationTests {
    @Test func theConfigurationIsCheckedAndChangingItRechecksTheProgrammes() throws {
        let root = try LSPSession.repository([
            ".regimen.yml": "regimen-config: 1\n", "p.yaml": LSPSession.programme, "library/neck.yaml": LSPSession.library,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        // RG103 (a missing key) turned off in the editor's unsaved configuration, with a slip in it.
        let configuration = "regimen-config: 1\nrulez: {}\nrules: { RG209: off }\n"
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", LSPSession.programme)
                + LSPSession.request(
                    2, "textDocument/hover", #"{"textDocument":{"uri":"file://\#(root)/p.yaml"},"position":{"line":0,"character":0}}"#)
                + LSPSession.open(root + "/.regimen.yml", configuration)
                + LSPSession.request(
                    3, "textDocument/codeAction",
                    #"{"textDocument":{"uri":"file://\#(root)/.regimen.yml"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":3}},"context":{"diagnostics":[]}}"#
                ) + LSPSession.request(4, "shutdown") + LSPSession.notification("exit"))
        let published = LSPSession.diagnostics(messages)
        let forConfiguration = try #require(published.last { $0["params"]?["uri"] == .string("file://\(root)/.regimen.yml") })
        let finding = try #require(forConfiguration["params"]?["diagnostics"]?.arrayValue?.first)
        #expect(finding["code"] == .string("RG501"))
        #expect(finding["range"]?["start"] == .object(["line": .integer(1), "character": .integer(0)]))
        // The programme was checked again when its configuration changed.
        #expect(published.filter { $0["params"]?["uri"] == .string("file://\(root)/p.yaml") }.count == 2)
        let action = try #require(LSPSession.response(messages, id: 3)?["result"]?.arrayValue?.first)
        #expect(action["title"] == .string("Replace with `rules`"))
    }
}

/// Incremental changes, in the encoding agreed, land where the editor meant them.
@Suite struct LanguageServerIncrementalTests {
    @Test(arguments: [("utf-16", 54), ("utf-8", 55)])
    func aSpanEditedAfterNonASCIITextIsTheOneReplaced(encoding: String, character: Int) throws {
        // "é" is one UTF-16 unit and two bytes: `hodl` starts at unit 54, byte 55.
        let text = LSPSession.programme.replacingOccurrences(
            of: "      - use: chin-tuck\n        dose: { reps: 10, hold: 5s }",
            with: "      - { notes: é, use: chin-tuck, dose: { reps: 10, hodl: 5s } }")
        let root = try LSPSession.repository(["p.yaml": text, "library/neck.yaml": LSPSession.library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let change = LSPSession.notification(
            "textDocument/didChange",
            #"{"textDocument":{"uri":"file://\#(root)/p.yaml","version":2},"contentChanges":[{"range":{"start":{"line":9,"character":\#(character)},"end":{"line":9,"character":\#(character + 4)}},"text":"hold"}]}"#
        )
        let (messages, _) = LSPSession.run(
            LSPSession.initialize(root: root, encodings: #"["\#(encoding)"]"#) + LSPSession.open(root + "/p.yaml", text)
                + LSPSession.request(
                    2, "textDocument/hover", #"{"textDocument":{"uri":"file:///none"},"position":{"line":0,"character":0}}"#)
                + change + LSPSession.request(3, "shutdown") + LSPSession.notification("exit"))
        let published = LSPSession.diagnostics(messages)
        let before = published.first?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"] }
        let after = published.last?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"] }
        #expect(before?.contains(.string("RG102")) == true)
        #expect(after?.contains(.string("RG102")) == false, "\(String(describing: published.last))")
        #expect(published.last?["params"]?["version"] == .integer(2))
    }
}

/// A hostile document: answered, bounded, never a crash.
@Suite struct LanguageServerBoundsTests {
    @Test func thousandsOfFindingsArePublishedUpToTheBound() throws {
        let keys = (1...5_000).map { "unknown-\($0): é" }.joined(separator: "\n")
        let text = LSPSession.programme + "\n" + keys + "\n"
        let root = try LSPSession.repository(["p.yaml": text, "library/neck.yaml": LSPSession.library])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (messages, status) = LSPSession.run(
            LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", text) + LSPSession.request(2, "shutdown")
                + LSPSession.notification("exit"))
        let published = try #require(LSPSession.diagnostics(messages).first?["params"]?["diagnostics"]?.arrayValue)
        #expect(published.count == LanguageServer.maxDiagnostics)
        #expect(published.last?["range"]?["start"]?["line"] == .integer(10 + LanguageServer.maxDiagnostics))
        #expect(status == 0)
    }

    @Test func binaryGarbageIsAnsweredAndTheServerGoesOn() {
        var garbage: [UInt8] = []
        var seed: UInt64 = 42
        for _ in 0..<20_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            garbage.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        let (messages, status) = LSPSession.run(
            LSPSession.initialize() + garbage + Array("\r\n\r\n".utf8) + LSPSession.request(2, "shutdown") + LSPSession.notification("exit")
        )
        #expect(LSPSession.response(messages, id: 1) != nil)
        // Whatever the garbage swallowed, the server answered or ended cleanly, without crashing.
        #expect(status == 0 || status == 1)
    }
}

extension LanguageServerConfigurationTests {
    @Test func aConfigurationChangedOnDiskIsReadAgain() throws {
        let programme = LSPSession.programme.replacingOccurrences(of: "- use: chin-tuck", with: "- use: chin-tuk")
        let root = try LSPSession.repository([
            ".regimen.yml": "regimen-config: 1\n", "p.yaml": programme, "library/neck.yaml": LSPSession.library,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        final class Sink: @unchecked Sendable {
            var data = Data()
        }
        let sink = Sink()
        let server = LanguageServer(version: "test") { sink.data.append($0) }
        func send(_ bytes: [UInt8]) {
            var reader = MessageReader(MemorySource(bytes))
            var events: [InputEvent] = []
            while case .message(let body) = reader.next(), case .success(let message) = Message.parse(body) {
                events.append(.message(message))
            }
            _ = server.handle(events)
        }
        send(LSPSession.initialize(root: root) + LSPSession.open(root + "/p.yaml", programme))
        // Another program turns RG201 off; the next change is checked under the new configuration.
        try "regimen-config: 1\nrules: { RG201: off }\n".write(toFile: root + "/.regimen.yml", atomically: true, encoding: .utf8)
        send(LSPSession.change(root + "/p.yaml", programme + "\n", version: 2))
        var reader = MessageReader(MemorySource(Array(sink.data)))
        var codes: [[JSONValue]] = []
        while case .message(let body) = reader.next() {
            let message = try JSONDecoder().decode(JSONValue.self, from: Data(body))
            if message["method"] == .string("textDocument/publishDiagnostics") {
                codes.append(message["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["code"] } ?? [])
            }
        }
        #expect(codes == [[.string("RG201")], []])
    }
}
