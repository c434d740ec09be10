import Foundation
import LanguageServerProtocol
import Testing

/// The JSON-RPC framing and the protocol types, on their own.
@Suite struct MessageFramingTests {
    static func frame(_ body: String) -> [UInt8] { Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8) }

    static func frames(_ bytes: [UInt8], chunk: Int = .max, maxBody: Int = 1024, maxHeader: Int = 256) -> [Frame] {
        var reader = MessageReader(MemorySource(bytes, chunk: chunk), maxHeaderBytes: maxHeader, maxBodyBytes: maxBody)
        var out: [Frame] = []
        while true {
            let frame = reader.next()
            out.append(frame)
            if frame == .end || out.count > 100 { return out }
        }
    }

    @Test(arguments: [1, 2, 7, 4096])
    func messagesAreReadWhateverTheReadsSplitThem(chunk: Int) {
        let bytes = Self.frame(#"{"a":1}"#) + Self.frame(#"{"b":"é"}"#)
        #expect(Self.frames(bytes, chunk: chunk) == [.message(Array(#"{"a":1}"#.utf8)), .message(Array(#"{"b":"é"}"#.utf8)), .end])
    }

    @Test func otherHeadersAndAnyCaseAreTaken() {
        let body = "{}"
        let bytes = Array("content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: 2\r\n\r\n\(body)".utf8)
        #expect(Self.frames(bytes) == [.message(Array(body.utf8)), .end])
    }

    @Test func aBodyOverTheLimitIsSkippedAndTheNextMessageRead() {
        let big = String(repeating: "x", count: 5000)
        let bytes = Self.frame(big) + Self.frame("{}")
        #expect(Self.frames(bytes) == [.invalid(.bodyTooLarge(length: 5000, limit: 1024)), .message(Array("{}".utf8)), .end])
    }

    @Test func anOverlongHeaderIsSkipped() {
        let bytes = Array(("X-Junk: " + String(repeating: "y", count: 1000) + "\r\n\r\n").utf8) + Self.frame("{}")
        #expect(Self.frames(bytes) == [.invalid(.headerTooLong(limit: 256)), .message(Array("{}".utf8)), .end])
    }

    @Test(arguments: [
        ("Content-Length: abc\r\n\r\n", FramingError.missingContentLength),
        ("Content-Length: -5\r\n\r\n", .missingContentLength),
        ("Content-Length: 99999999999999999999999\r\n\r\n", .missingContentLength),
        ("Content-Type: json\r\n\r\n", .missingContentLength),
        ("no colon here\r\n\r\n", .malformedHeader),
    ])
    func aHeaderWithoutALengthIsReported(header: String, error: FramingError) {
        #expect(Self.frames(Array(header.utf8)).first == .invalid(error))
    }

    @Test func inputEndingInsideABodyIsReported() {
        #expect(Self.frames(Array("Content-Length: 10\r\n\r\n{}".utf8)) == [.invalid(.truncatedBody), .end])
    }

    @Test func framingWritesTheLengthInBytes() {
        let framed = MessageFramer.frame(Data(#"{"é":1}"#.utf8))
        #expect(String(decoding: framed, as: UTF8.self) == "Content-Length: 8\r\n\r\n{\"é\":1}")
    }
}

@Suite struct JSONRPCTests {
    static func parse(_ text: String) -> Result<Message, InvalidMessage> { Message.parse(Array(text.utf8)) }

    @Test func requestsNotificationsAndResponsesAreTold() throws {
        #expect(
            try Self.parse(#"{"jsonrpc":"2.0","id":3,"method":"hover","params":{}}"#).get()
                == .request(id: .number(3), method: "hover", params: .object([:])))
        #expect(try Self.parse(#"{"jsonrpc":"2.0","id":"x","method":"a"}"#).get() == .request(id: .string("x"), method: "a", params: nil))
        #expect(
            try Self.parse(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).get()
                == .notification(method: "initialized", params: .object([:])))
        #expect(try Self.parse(#"{"jsonrpc":"2.0","id":1,"result":null}"#).get() == .response(id: .number(1), result: .null, error: nil))
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"#, -32700, false),
        ("[1,2]", -32600, false),
        (#"{"id":4,"method":"a"}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":5,"method":7}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":6,"method":"a","params":3}"#, -32600, true),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"a"}"#, -32600, false),
        (String(repeating: "[", count: 100_000), -32700, false),
    ])
    func invalidMessagesGetTheRightError(text: String, code: Int, keepsID: Bool) {
        guard case .failure(let invalid) = Self.parse(text) else {
            Issue.record("\(text.prefix(40)) was taken")
            return
        }
        #expect(invalid.error.code == code)
        #expect((invalid.id != nil) == keepsID)
    }

    @Test func errorResponsesHaveANullIDWhenTheRequestsWasUnknown() throws {
        let framed = MessageFramer.frame(OutgoingMessage.error(id: nil, ResponseError(.parseError, "bad")))
        #expect(
            String(decoding: framed, as: UTF8.self).hasSuffix(#"{"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"}"#))
    }

    @Test func typesRoundTripWithTheSpecificationsNames() throws {
        let diagnostic = LSPDiagnostic(
            range: LSPRange(start: Position(line: 1, character: 2), end: Position(line: 1, character: 5)), severity: .warning,
            code: "RG104",
            codeDescription: CodeDescription(href: "https://x/rules.md#rg104"), source: "regimen", message: "m",
            relatedInformation: [
                DiagnosticRelatedInformation(
                    location: Location(
                        uri: "file:///a.yaml", range: LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 1))
                    ),
                    message: "here")
            ])
        let json = try JSONValue.encoding(diagnostic)
        #expect(json["range"]?["start"]?["character"] == .integer(2))
        #expect(json["severity"] == .integer(2))
        #expect(json["codeDescription"]?["href"] == .string("https://x/rules.md#rg104"))
        #expect(json["relatedInformation"] != nil)
        #expect(try json.decode(LSPDiagnostic.self) == diagnostic)
    }

    @Test func utf8IsUsedWhenOfferedElseUTF16() {
        #expect(PositionEncoding.negotiate(["utf-32", "utf-8", "utf-16"]) == .utf8)
        #expect(PositionEncoding.negotiate(["utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(nil) == .utf16)
    }
}

@Suite struct LineIndexTests {
    // "é" is one UTF-16 unit and two bytes; "😀" two UTF-16 units and four bytes.
    static let text = "a: é😀x\r\nb\rc\n"

    @Test(arguments: [
        (PositionEncoding.utf16, 6, "x"), (.utf8, 9, "x"), (.utf32, 5, "x"), (.utf16, 3, "é"), (.utf8, 3, "é"), (.utf16, 4, "😀"),
    ])
    func charactersAreCountedInTheEncoding(encoding: PositionEncoding, character: Int, expected: Character) {
        let lines = LineIndex(Self.text)
        let index = lines.index(of: Position(line: 0, character: character), encoding: encoding)
        #expect(Self.text[index] == expected)
        #expect(lines.position(of: index, encoding: encoding) == Position(line: 0, character: character))
    }

    @Test func linesEndAtLFCRLFAndCR() {
        let lines = LineIndex(Self.text)
        #expect(lines.lineCount == 4)
        #expect((0..<4).map { String(lines.line($0)) } == ["a: é😀x", "b", "c", ""])
    }

    @Test func positionsPastALineOrInsideAPairAreClamped() {
        let lines = LineIndex(Self.text)
        #expect(
            lines.position(of: lines.index(of: Position(line: 1, character: 99), encoding: .utf16), encoding: .utf16)
                == Position(line: 1, character: 1))
        // Half of the emoji's surrogate pair: the emoji's start.
        #expect(Self.text[lines.index(of: Position(line: 0, character: 4), encoding: .utf16)] == "😀")
        #expect(lines.index(of: Position(line: 40, character: 0), encoding: .utf16) == Self.text.endIndex)
    }

    @Test func incrementalChangesApplyInTheEncoding() {
        let change = TextDocumentContentChangeEvent(
            range: LSPRange(start: Position(line: 0, character: 3), end: Position(line: 0, character: 6)), text: "ok")
        #expect(LineIndex.applying(change, to: Self.text, encoding: .utf16) == "a: okx\r\nb\rc\n")
        #expect(LineIndex.applying(TextDocumentContentChangeEvent(text: "new"), to: Self.text, encoding: .utf16) == "new")
    }
}
