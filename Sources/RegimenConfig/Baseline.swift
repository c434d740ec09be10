import Foundation
import RegimenDiagnostics
import RegimenLoad

/// The findings a repository has accepted for now, so that CI fails only on new ones.
///
/// Each entry names a finding by its code, its file (relative to the repository root) and a
/// fingerprint of the code, the message, the text of the line the finding starts on (trimmed)
/// and how many identical findings came before it in that file. Line numbers are left out, so an
/// entry still matches after lines are added or removed elsewhere in the file; it stops matching
/// when the finding's own line, or its message, changes.
public struct Baseline: Codable, Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Codable, Sendable, Hashable {
        /// The rule code, such as `RG209`.
        public var code: String
        /// The file, relative to the repository root.
        public var file: String
        /// See `Baseline`; 16 hex digits.
        public var fingerprint: String
        /// The message when the baseline was written, for people reading the file; not matched.
        public var message: String?

        /// An entry.
        public init(code: String, file: String, fingerprint: String, message: String? = nil) {
            self.code = code
            self.file = file
            self.fingerprint = fingerprint
            self.message = message
        }

        var key: Key { Key(code: code, file: file, fingerprint: fingerprint) }
    }

    struct Key: Hashable {
        let code: String
        let file: String
        let fingerprint: String
    }

    /// The baseline format's version.
    public static let currentVersion = 1

    /// The format version of this baseline.
    public var version: Int
    /// The accepted findings, sorted by file, code and fingerprint.
    public var entries: [Entry]

    /// A baseline of `entries`.
    public init(entries: [Entry]) {
        self.version = Self.currentVersion
        self.entries = entries.sorted { ($0.file, $0.code, $0.fingerprint) < ($1.file, $1.code, $1.fingerprint) }
    }

    /// The baseline of `diagnostics`, whose files are shown relative to `currentDirectory` and
    /// are recorded relative to `root` (both absolute).
    public static func make(
        diagnostics: [Diagnostic], sources: SourceMap, root: String, currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Baseline {
        let keyed = keys(diagnostics, sources: sources, root: root, currentDirectory: currentDirectory)
        return Baseline(
            entries: zip(diagnostics, keyed).map { diagnostic, key in
                Entry(code: key.code, file: key.file, fingerprint: key.fingerprint, message: diagnostic.message)
            })
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline: the same findings give the same bytes.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }

    /// Why a baseline file could not be used.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        /// What is wrong, in the house style.
        public var description: String

        /// An error saying `description`.
        public init(description: String) {
            self.description = description
        }
    }

    /// The baseline in `data`.
    public static func decode(_ data: Data) throws(DecodingError) -> Baseline {
        struct Header: Decodable { var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw DecodingError(description: "not a Regimen baseline: expected a JSON object with `version` and `entries`")
        }
        guard header.version == currentVersion else {
            throw DecodingError(
                description:
                    "baseline version \(header.version.map(String.init) ?? "(none)") is not supported; this Regimen reads version \(currentVersion): write the baseline again with `--write-baseline`"
            )
        }
        do {
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw DecodingError(description: "not a Regimen baseline: each entry needs `code`, `file` and `fingerprint`")
        }
    }

    /// What filtering by a baseline did.
    public struct Outcome: Sendable, Equatable {
        /// The findings not in the baseline, in the order given.
        public var kept: [Diagnostic]
        /// How many findings the baseline accepted.
        public var suppressedCount: Int
        /// How many entries matched no finding: fixed, or changed beyond recognition.
        public var staleCount: Int

        /// A sentence for the end of a report, or nil when the baseline changed nothing:
        /// "5 findings are in the baseline; 2 baseline entries are no longer found (write the baseline again to drop them)".
        public var summary: String? {
            guard suppressedCount > 0 || staleCount > 0 else { return nil }
            var parts: [String] = []
            if suppressedCount > 0 {
                parts.append(suppressedCount == 1 ? "1 finding is in the baseline" : "\(suppressedCount) findings are in the baseline")
            }
            if staleCount > 0 {
                parts.append(
                    (staleCount == 1 ? "1 baseline entry is" : "\(staleCount) baseline entries are")
                        + " no longer found (write the baseline again to drop them)")
            }
            return parts.joined(separator: "; ")
        }
    }

    /// `diagnostics` without the ones this baseline accepts, with counts of those and of entries
    /// that matched nothing. Files are shown relative to `currentDirectory`, and recorded
    /// relative to `root`.
    public func filter(
        _ diagnostics: [Diagnostic], sources: SourceMap, root: String, currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Outcome {
        var remaining: [Key: Int] = [:]
        for entry in entries { remaining[entry.key, default: 0] += 1 }
        var kept: [Diagnostic] = []
        var suppressed = 0
        let keyed = Self.keys(diagnostics, sources: sources, root: root, currentDirectory: currentDirectory)
        for (diagnostic, key) in zip(diagnostics, keyed) {
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                suppressed += 1
            } else {
                kept.append(diagnostic)
            }
        }
        return Outcome(kept: kept, suppressedCount: suppressed, staleCount: remaining.values.reduce(0, +))
    }

    /// The key of each diagnostic, in the order given.
    static func keys(_ diagnostics: [Diagnostic], sources: SourceMap, root: String, currentDirectory: String) -> [Key] {
        // Occurrences are counted in presentation order, so the count does not depend on the
        // order the caller passes findings in.
        let order = diagnostics.indices.sorted { Diagnostic.presentationOrder(diagnostics[$0], diagnostics[$1]) }
        var seen: [String: Int] = [:]
        var keys = [Key?](repeating: nil, count: diagnostics.count)
        for index in order {
            let diagnostic = diagnostics[index]
            let range = diagnostic.range
            let absolute = Paths.join(currentDirectory, range.file)
            let file = Paths.isInside(absolute, root) && absolute != root ? Paths.relative(absolute, to: root) : absolute
            // A finding about a whole file sits at 1:1 with no width; line 1's text is not its own.
            let isWholeFile = range.start == .start && range.end == .start
            let line = isWholeFile ? "" : (sources[range.file]?.line(range.start.line) ?? "").trimmingCharacters(in: .whitespaces)
            let identity = [diagnostic.code, diagnostic.message, line].joined(separator: "\u{1F}")
            let occurrence = seen[file + "\u{1E}" + identity, default: 0]
            seen[file + "\u{1E}" + identity] = occurrence + 1
            keys[index] = Key(code: diagnostic.code, file: file, fingerprint: Self.fingerprint(identity + "\u{1F}\(occurrence)"))
        }
        return keys.map { $0 ?? Key(code: "", file: "", fingerprint: "") }
    }

    /// 64-bit FNV-1a of `text`'s UTF-8, as 16 hex digits: stable across runs and platforms
    /// (unlike `Hasher`), and plenty to tell one file's findings apart. Not a security measure.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
