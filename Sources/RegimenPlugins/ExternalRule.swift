import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// A rule in another process (`regimen-rule-NAME`): each programme goes to its standard input
/// as JSON with source positions, and its findings come back as diagnostics JSON, shown like
/// any built-in rule's. When it fails, the programme gets one RG401 finding naming it; the
/// built-in rules and the other plugins still run.
public struct ExternalRule: Rule {
    /// The executable.
    public let plugin: DiscoveredPlugin
    /// What it said about itself.
    public let pluginDescription: PluginDescription
    /// Runs it, within the limits.
    public let runner: ProcessRunner

    /// The most findings one answer may hold.
    public static let maxDiagnostics = 10_000

    /// The shape an answer must have before it is decoded: findings at most `maxDiagnostics`,
    /// 100 notes each (20 are shown), values nested at most 8 deep (an answer nests 4), 200,000 values in all
    /// and strings of at most 64 KiB (docs/plugins.md).
    public static let answerShape = JSONBounds(
        maxDepth: 8, maxValues: 200_000, maxStringBytes: 64 * 1024, maxEntries: 1_000,
        entriesByKey: ["diagnostics": (maxDiagnostics, nil), "notes": (100, nil)])

    /// Registered under its executable name, which no built-in code or rule pack code can be.
    public var descriptor: RuleDescriptor {
        RuleDescriptor(
            code: plugin.executableName, name: plugin.executableName, severity: .error,
            summary: pluginDescription.description, explanation: "A rule plugin at \(plugin.path).", triggering: [], nonTriggering: [])
    }

    /// Asks `plugin` to describe itself, and returns the rule when its description is one this
    /// Regimen can use.
    public static func load(_ plugin: DiscoveredPlugin, runner: ProcessRunner) -> Result<ExternalRule, PluginFailure> {
        Describer.describe(plugin, runner: runner).map { ExternalRule(plugin: plugin, pluginDescription: $0, runner: runner) }
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let request = RuleRequest(
            programme, patient: context.patient, options: RuleRequest.Options(sessionSizeLimit: context.options.sessionSizeLimit),
            vocabulary: context.vocabulary)
        switch run(request) {
        case .success(let diagnostics): return diagnostics
        case .failure(let failure):
            var diagnostic = failure.diagnostic(at: .wholeFile(programme.path))
            diagnostic.help = "its checks were not made on this file; " + failure.help
            return [diagnostic]
        }
    }

    /// Sends `request` and returns the findings, or why there are none.
    public func run(_ request: RuleRequest) -> Result<[Diagnostic], PluginFailure> {
        let activity = "checking `\(request.programme.file)`"
        let name = plugin.executableName
        let input: Data
        do {
            input = try PluginContract.encoder().encode(request)
        } catch {
            return .failure(PluginFailure(plugin: name, activity: activity, reason: .couldNotStart("the programme could not be encoded")))
        }
        // The answer is decoded: it is held to the answer cap, and its shape is checked before
        // any decoder builds a value from it.
        var answering = runner
        answering.limits.maxOutputBytes = min(runner.limits.maxOutputBytes, runner.limits.maxAnswerBytes)
        let outcome = answering.run(plugin.path, input: input)
        if let failure = PluginFailure.from(outcome, plugin: name, activity: activity, limits: answering.limits) {
            return .failure(failure)
        }
        switch Self.decodeAnswer(outcome.output, files: request.files, plugin: name) {
        case .success(let diagnostics):
            return .success(diagnostics)
        case .failure(.contract(let version)):
            return .failure(PluginFailure(plugin: name, activity: activity, reason: .contract(version: version)))
        case .failure(.malformed(let why)):
            return .failure(PluginFailure(plugin: name, activity: activity, reason: .malformed(why), errorTail: outcome.errorTail()))
        }
    }

    /// Why an answer is refused.
    public enum AnswerProblem: Error, Equatable {
        /// It speaks a contract version this Regimen does not.
        case contract(Int)
        /// It is not what the contract says, and why.
        case malformed(String)
    }

    /// A rule plugin's answer (its standard output) as findings about `files`, or why it is
    /// refused. Its shape is checked before any decoder builds a value from it, so that an
    /// answer of millions of values costs one pass over its bytes. The fuzzer feeds this
    /// directly (docs/fuzzing.md).
    public static func decodeAnswer(_ output: Data, files: Set<String>, plugin name: String) -> Result<[Diagnostic], AnswerProblem> {
        if let violation = answerShape.check(output) {
            return .failure(.malformed("its answer passes a bound at \(violation.line):\(violation.column): \(violation.message)"))
        }
        guard (try? JSONSerialization.jsonObject(with: output)) is [String: Any] else {
            return .failure(.malformed(output.isEmpty ? "it printed nothing" : "it did not print a JSON object"))
        }
        guard let version = PluginContract.declaredVersion(in: output) else {
            return .failure(.malformed("its answer has no whole-number `contract` version"))
        }
        guard PluginContract.supportedVersions.contains(version) else { return .failure(.contract(version)) }
        let response: RuleResponse
        do {
            response = try JSONDecoder().decode(RuleResponse.self, from: output)
        } catch {
            return .failure(.malformed(PluginFailure.describe(error)))
        }
        guard response.diagnostics.count <= maxDiagnostics else {
            return .failure(.malformed("it answered \(response.diagnostics.count) findings; at most \(maxDiagnostics) are read"))
        }
        var out: [Diagnostic] = []
        for (index, finding) in response.diagnostics.enumerated() {
            switch diagnostic(finding, files: files, plugin: name) {
            case .success(let diagnostic): out.append(diagnostic)
            case .failure(let problem): return .failure(.malformed("`diagnostics[\(index)]`: \(problem.why)"))
            }
        }
        return .success(out)
    }

    /// A plugin's finding as a Regimen diagnostic, or why it cannot be one: a code that is
    /// not the plugin's to use, an empty message, or a place outside the files of the request.
    public static func diagnostic(_ finding: PluginDiagnostic, files: Set<String>, plugin: String) -> Result<Diagnostic, Problem> {
        if let problem = RuleCodes.problem(with: finding.code) {
            return .failure(Problem(problem))
        }
        let message = finding.message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty, message.count <= 2_000 else {
            return .failure(Problem("`message` must be text of 1 to 2000 characters"))
        }
        guard let range = range(finding.file, finding.line, finding.column, finding.endLine, finding.endColumn, files: files) else {
            return .failure(
                Problem(
                    files.contains(finding.file)
                        ? "its position must be 1-based lines and columns, the end not before the start"
                        : "`file` names `\(finding.file.prefix(200))`, which is not a file in the request"))
        }
        var notes: [Diagnostic.Note] = []
        for note in (finding.notes ?? []).prefix(20) {
            var place: SourceRange?
            if let file = note.file, let line = note.line, let column = note.column {
                guard let noteRange = self.range(file, line, column, note.endLine, note.endColumn, files: files) else {
                    return .failure(Problem("a note's place is not a valid position in a file of the request"))
                }
                place = noteRange
            }
            notes.append(Diagnostic.Note(String(note.message.prefix(2_000)), at: place))
        }
        notes.append(Diagnostic.Note("reported by the rule plugin `\(plugin)`"))
        return .success(
            Diagnostic(
                code: finding.code, severity: finding.severity, message: message, range: range,
                help: finding.help.map { String($0.prefix(2_000)) }, notes: notes, origin: plugin))
    }

    private static func range(_ file: String, _ line: Int, _ column: Int, _ endLine: Int?, _ endColumn: Int?, files: Set<String>)
        -> SourceRange?
    {
        let bound = 100_000_000
        guard files.contains(file), (1...bound).contains(line), (1...bound).contains(column) else { return nil }
        let start = SourcePosition(line: line, column: column)
        let end = SourcePosition(line: endLine ?? line, column: endColumn ?? column)
        guard (1...bound).contains(end.line), (1...bound).contains(end.column), end >= start else { return nil }
        return SourceRange(file: file, start: start, end: end)
    }

    /// Why a finding was refused.
    public struct Problem: Error, Sendable {
        /// The reason, in the house style.
        public let why: String
        init(_ why: String) { self.why = why }
    }
}

/// The codes plugins and rule packs may use.
enum RuleCodes {
    /// Two to eight capital letters, then three digits (`LS001`, `CLINIC042`); `RG` codes are
    /// Regimen's own.
    static func isValidPluginCode(_ code: String) -> Bool {
        problem(with: code) == nil
    }

    /// What is wrong with `code`, or nil.
    static func problem(with code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        let letters = scalars.prefix { ("A"..."Z").contains($0) }.count
        let digits = scalars.dropFirst(letters)
        guard (2...8).contains(letters), digits.count == 3, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
            return "code `\(code.prefix(40))` should be two to eight capital letters and three digits, such as `LS001`"
        }
        if code.hasPrefix("RG") { return "code `\(code)` starts with `RG`, which Regimen keeps for its built-in rules" }
        return nil
    }
}
