import LanguageServerProtocol
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

// The requests about a place in a document: completion, hover, definition and quick fixes,
// each answered from the document's text and its last check.
extension LanguageServer {
    /// The document's lines, and the position's column in characters of its line.
    private func place(_ uri: String, _ position: Position) -> (lines: [Substring], column: Int)? {
        guard let document = documents[uri] else { return nil }
        let index = LineIndex(document.text)
        let lines = (0..<index.lineCount).map { index.line($0) }
        guard position.line >= 0, position.line < lines.count else { return nil }
        let at = index.index(of: position, encoding: encoding)
        let column = document.text.distance(from: index.lineStarts[position.line], to: at)
        return (lines, column)
    }

    /// `textDocument/completion`.
    func completion(_ params: TextDocumentPositionParams) -> CompletionList {
        guard let (lines, column) = place(params.textDocument.uri, params.position) else { return CompletionList(items: []) }
        let check = checks[params.textDocument.uri]
        let completion = Completion(exercises: check?.exercises ?? [], vocabulary: check?.vocabulary ?? .builtIn)
        return completion.items(lines: lines, position: params.position, characterColumn: column)
    }

    /// `textDocument/hover`.
    func hover(_ params: TextDocumentPositionParams) -> Hover? {
        guard let (lines, column) = place(params.textDocument.uri, params.position) else { return nil }
        let check = checks[params.textDocument.uri]
        let hovers = Hovers(exercises: check?.exercises ?? [], registry: check?.registry ?? .builtIn, limits: .default)
        guard let found = hovers.hover(lines: lines, line: params.position.line, characterColumn: column) else { return nil }
        let line = lines[params.position.line]
        let start = line.index(line.startIndex, offsetBy: found.columns.lowerBound, limitedBy: line.endIndex) ?? line.endIndex
        let end = line.index(line.startIndex, offsetBy: found.columns.upperBound, limitedBy: line.endIndex) ?? line.endIndex
        let index = LineIndex(documents[params.textDocument.uri]?.text ?? "")
        let range = LSPRange(start: index.position(of: start, encoding: encoding), end: index.position(of: end, encoding: encoding))
        return Hover(contents: .markdown(found.markdown), range: range)
    }

    /// `textDocument/definition`: the exercise a `use:`, `progress-to:` or `regress-to:` names.
    func definition(_ params: TextDocumentPositionParams) -> [Location] {
        guard let (lines, column) = place(params.textDocument.uri, params.position), let check = checks[params.textDocument.uri] else {
            return []
        }
        let context = YAMLContext.at(lines: lines, line: params.position.line, column: column)
        let line = Array(lines[params.position.line])
        let flowKey = FlowContext.at(line, from: YAMLContext.Line(lines[params.position.line]).keyColumn, column: column)?.key
        guard case .value(let key) = context.slot, ["use", "progress-to", "regress-to"].contains(flowKey ?? key) else { return [] }
        guard let word = Hovers.word(in: line, at: column) else { return [] }
        let id = String(line[word])
        guard let exercise = check.exercises.first(where: { $0.id.value == id }) else { return [] }
        let path = check.absolute(exercise.id.range.file)
        let range = conversion(check).lspRange(exercise.id.range, directory: check.currentDirectory)
        return [Location(uri: DocumentURI.uri(path), range: range)]
    }

    /// `textDocument/codeAction`: the fixes of the findings in the span.
    func codeActions(_ params: CodeActionParams) -> [CodeAction] {
        let uri = params.textDocument.uri
        guard let check = checks[uri], let diagnostics = published[uri] else { return [] }
        let convert = conversion(check)
        var actions: [CodeAction] = []
        for diagnostic in diagnostics {
            guard let fix = diagnostic.fix else { continue }
            let shown = convert.convert(diagnostic, directory: check.currentDirectory)
            guard shown.range.overlaps(params.range) else { continue }
            let target = DocumentURI.uri(check.absolute(fix.range.file))
            let edit = TextEdit(range: convert.lspRange(fix.range, directory: check.currentDirectory), newText: fix.replacement)
            actions.append(CodeAction(title: fix.title, diagnostics: [shown], edit: WorkspaceEdit(changes: [target: [edit]])))
        }
        return actions
    }
}
