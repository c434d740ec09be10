import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// The codes of the findings about plugins themselves. They are reported by the plugin host,
/// not by a rule over a programme, so their examples are plugins and rule packs: see
/// docs/plugins.md, where a test keeps this list and the page in step.
public enum PluginCode {
    /// A plugin crashed, exited non-zero, timed out, wrote too much, answered malformed JSON,
    /// or speaks another contract version.
    public static let failed = "RG401"
    /// A rule pack has a mistake of its own.
    public static let invalidRulePack = "RG402"

    /// Each code, with its name and summary, as docs/plugins.md lists them.
    public static let all: [(code: String, name: String, summary: String)] = [
        (
            failed, "plugin-failed",
            "a plugin crashed, exited non-zero, timed out, wrote too much, answered malformed JSON, or speaks another contract version"
        ),
        (invalidRulePack, "invalid-rule-pack", "a rule pack has a mistake of its own: its entries with mistakes are not used"),
    ]

    /// Whether `diagnostic` is about a plugin rather than a programme: a run with one exits 3.
    public static func isPluginProblem(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.code == failed || diagnostic.code == invalidRulePack
    }
}

/// Why a plugin run failed, in words for the person who has to fix it.
public struct PluginFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// A signal ended it.
        case crashed(signal: Int32)
        /// It exited with a status other than 0.
        case exited(status: Int32)
        /// It ran past the timeout (seconds).
        case timedOut(seconds: Double)
        /// It wrote more than the limit (bytes) on standard output.
        case outputTooLarge(limit: Int)
        /// Its answer is not what the contract says (why).
        case malformed(String)
        /// It speaks another contract version (the one it declared, if any).
        case contract(version: Int)
        /// It could not be started (why).
        case couldNotStart(String)
    }

    /// The plugin's executable name (`regimen-export-ics`) or rule pack name.
    public var plugin: String
    /// What it was doing: "describing itself", "exporting", "checking this programme".
    public var activity: String
    /// What went wrong.
    public var reason: Reason
    /// The end of what it wrote on standard error.
    public var errorTail: String?

    /// A failure of `plugin` while `activity`.
    public init(plugin: String, activity: String, reason: Reason, errorTail: String? = nil) {
        self.plugin = plugin
        self.activity = activity
        self.reason = reason
        self.errorTail = errorTail
    }

    /// One line, in the house style.
    public var message: String {
        let who = "plugin `\(plugin)`"
        switch reason {
        case .crashed(let signal):
            return "\(who) crashed (\(ProcessRunner.signalName(signal))) while \(activity)"
        case .exited(let status):
            return "\(who) failed while \(activity): it exited with status \(status)"
        case .timedOut(let seconds):
            return "\(who) timed out while \(activity): no answer within \(Self.seconds(seconds)), so it was stopped"
        case .outputTooLarge(let limit):
            return "\(who) wrote more than \(Self.bytes(limit)) while \(activity), so it was stopped"
        case .malformed(let why):
            return "\(who) answered malformed output while \(activity): \(why)"
        case .contract(let version):
            return "\(who) speaks plugin contract version \(version); this Regimen speaks version "
                + PluginContract.supportedVersions.sorted().map(String.init).joined(separator: ", ")
        case .couldNotStart(let why):
            return "\(who) could not be started: \(why)"
        }
    }

    /// What to do about it.
    public var help: String {
        switch reason {
        case .timedOut:
            return "if it is just slow, allow it longer with `--plugin-timeout SECONDS`; otherwise fix or remove it"
        case .outputTooLarge:
            return "a plugin's answer is capped so that a runaway plugin cannot exhaust memory; fix or remove it"
        case .malformed:
            return "docs/plugins.md describes the answer; `regimen plugins check` tries every plugin"
        case .contract:
            return "update the plugin, or remove it; docs/plugins.md describes each contract version"
        case .couldNotStart:
            return "check that it is executable and that its `#!` line names an interpreter that is installed"
        case .crashed, .exited:
            return errorTail == nil
                ? "it wrote nothing on standard error; run it by hand, or `regimen plugins check`"
                : "see what it wrote on standard error (below); `regimen plugins check` tries every plugin"
        }
    }

    /// Its standard error as a note, when it wrote any.
    public var notes: [Diagnostic.Note] {
        guard let errorTail else { return [] }
        let lines = errorTail.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        return [Diagnostic.Note("it wrote on standard error: " + lines.joined(separator: " / "))]
    }

    public var description: String { message }

    /// The diagnostic for this failure, at `range`.
    public func diagnostic(at range: SourceRange) -> Diagnostic {
        Diagnostic(code: PluginCode.failed, severity: .error, message: message, range: range, help: help, notes: notes, origin: plugin)
    }

    /// The failure an outcome shows, if it shows one: anything but a clean exit.
    static func from(_ outcome: ProcessOutcome, plugin: String, activity: String, limits: ProcessLimits) -> PluginFailure? {
        let reason: Reason
        switch outcome.ending {
        case .exited(0): return nil
        case .exited(let status): reason = .exited(status: status)
        case .signalled(let signal): reason = .crashed(signal: signal)
        case .timedOut: reason = .timedOut(seconds: limits.timeout)
        case .outputTooLarge: reason = .outputTooLarge(limit: limits.maxOutputBytes)
        case .couldNotStart(let why): reason = .couldNotStart(why)
        }
        return PluginFailure(plugin: plugin, activity: activity, reason: reason, errorTail: outcome.errorTail())
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() && value < 1e9 ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func bytes(_ value: Int) -> String {
        if value >= 1 << 20, value % (1 << 20) == 0 { return "\(value >> 20) MiB" }
        if value >= 1 << 10, value % (1 << 10) == 0 { return "\(value >> 10) KiB" }
        return "\(value) bytes"
    }

    /// Why a JSON document did not decode, briefly.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "`" + keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + "`"
        }
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "a bad value at \(path(context))"
        case DecodingError.keyNotFound(let key, let context):
            return "`\(key.stringValue)` is missing" + (context.codingPath.isEmpty ? "" : " in \(path(context))")
        case DecodingError.typeMismatch(let type, let context):
            return "\(path(context)) should be \(Self.typeName(type))"
        case DecodingError.valueNotFound(let type, let context):
            return "\(path(context)) should be \(Self.typeName(type)), not null"
        default:
            return "not valid JSON"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int32.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}

/// Runs `--describe` and checks the answer: the contract version first, then the fields.
enum Describer {
    static func describe(_ plugin: DiscoveredPlugin, runner: ProcessRunner) -> Result<PluginDescription, PluginFailure> {
        let activity = "describing itself (--describe)"
        // A description is a few hundred bytes: a megabyte is plenty.
        var describing = runner
        describing.limits.maxOutputBytes = min(runner.limits.maxOutputBytes, 1 << 20)
        let outcome = describing.run(plugin.path, arguments: ["--describe"])
        if let failure = PluginFailure.from(outcome, plugin: plugin.executableName, activity: activity, limits: describing.limits) {
            return .failure(failure)
        }
        func malformed(_ why: String) -> Result<PluginDescription, PluginFailure> {
            .failure(
                PluginFailure(plugin: plugin.executableName, activity: activity, reason: .malformed(why), errorTail: outcome.errorTail()))
        }
        if let violation = ExternalRule.answerShape.check(outcome.output) {
            return malformed("its description passes a bound at \(violation.line):\(violation.column): \(violation.message)")
        }
        guard (try? JSONSerialization.jsonObject(with: outcome.output)) is [String: Any] else {
            return malformed(outcome.output.isEmpty ? "it printed nothing" : "it did not print a JSON object")
        }
        guard let version = PluginContract.declaredVersion(in: outcome.output) else {
            return malformed("its description has no whole-number `contract` version")
        }
        guard PluginContract.supportedVersions.contains(version) else {
            return .failure(PluginFailure(plugin: plugin.executableName, activity: activity, reason: .contract(version: version)))
        }
        let description: PluginDescription
        do {
            description = try JSONDecoder().decode(PluginDescription.self, from: outcome.output)
        } catch {
            return malformed("its description: " + PluginFailure.describe(error))
        }
        guard description.name == plugin.name else {
            return malformed("it calls itself `\(description.name.prefix(80))`, but its file is named for `\(plugin.name)`")
        }
        guard description.kind == plugin.kind else {
            return malformed(
                "it says it is a `\(description.kind.rawValue)` plugin, but its file is named as a `\(plugin.kind.rawValue)` plugin")
        }
        let text = description.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 500 else {
            return malformed("its `description` should be one line of text (at most 500 characters)")
        }
        if plugin.kind == .exporter {
            guard let formats = description.formats, formats.contains(plugin.name), formats.count <= 64 else {
                return malformed("an exporter's `formats` must list its own name, `\(plugin.name)`")
            }
            guard let fileExtension = description.fileExtension, !fileExtension.isEmpty, fileExtension.count <= 16,
                fileExtension.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            else {
                return malformed("an exporter's `fileExtension` must be a short lower-case extension without the dot, such as `md`")
            }
        }
        return .success(description)
    }
}
