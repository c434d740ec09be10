import ArgumentParser
import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenFormat
import RegimenVocabulary
import RegimenWorkspace

/// `regimen vocabulary list|search|show`: the conditions and movement tags Regimen knows.
struct VocabularyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "List, search and show the conditions and movement tags Regimen knows.",
        discussion: """
            Conditions and movements are compared by meaning: each word names one entry (by its \
            id, or a synonym or abbreviation), and a rule written for an entry reaches every \
            entry below it. The built-in vocabulary is compiled into Regimen; a clinic adds to \
            it with files that `.regimen.yml` names under `vocabulary:` (docs/vocabulary.md). \
            These commands read the nearest `.regimen.yml` above the current directory (or \
            --config), so the clinic's entries are listed too.

            EXAMPLES:
              regimen vocabulary search hip replacement
              regimen vocabulary show THR
                what an abbreviation stands for, and what it is a kind of
              regimen vocabulary list --kind movement --format json

            \(ExitStatus.helpText)
            """,
        subcommands: [List.self, Search.self, Show.self],
        defaultSubcommand: List.self)

    /// What every subcommand takes.
    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Only conditions, or only movements.", valueName: "condition|movement"))
        var kind: TermKind?

        @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Read this configuration file instead of the nearest `.regimen.yml`.", valueName: "file"))
        var config: String?

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        /// The built-in vocabulary with the configuration's additions; exit 1 after printing
        /// the findings when the clinic's files have errors, exit 2 when the file cannot be read.
        func vocabulary() throws -> Vocabulary {
            let console = Console.current
            let workspace = try PluginOptions.none.workspace(inputs: ["."], root: nil, config: config, rulePlugins: .whenConfigurationNamesThem)
            guard let loaded = workspace.configuration else { return .builtIn }
            if let problem = loaded.inputError {
                console.err("error: \(Visible.escaped(problem))\n")
                throw ExitStatus.usage.exitCode
            }
            var sources = SourceMap()
            if let source = loaded.source { sources.add(source) }
            for source in loaded.vocabularySources { sources.add(source) }
            if !loaded.diagnostics.isEmpty {
                console.err(TextRenderer(colour: false).render(loaded.diagnostics, sources: sources) + "\n")
            }
            if loaded.diagnostics.contains(where: { $0.severity == .error }) { throw ExitStatus.findings.exitCode }
            return loaded.configuration.vocabulary ?? .builtIn
        }

        /// Prints `terms`: a table, or JSON.
        func print(_ terms: [Vocabulary.Term]) throws {
            let console = Console.current
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                console.out(Visible.jsonSafe(String(decoding: try encoder.encode(terms), as: UTF8.self)) + "\n")
            case .text:
                let rows = terms.map { [$0.kind.rawValue, $0.id, $0.label, $0.icd10cm ?? "", $0.synonyms.joined(separator: ", ")] }
                console.say(Table(header: ["KIND", "ID", "LABEL", "ICD-10-CM", "SYNONYMS"], rows: rows).text)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every entry, conditions first.",
            discussion: """
                EXAMPLES:
                  regimen vocabulary list --kind condition
                  regimen vocabulary list --format json --config clinic/.regimen.yml
                    with the entries of the vocabulary files that configuration names
                """)

        @OptionGroup var options: Options

        func run() throws {
            let vocabulary = try options.vocabulary()
            let kinds = options.kind.map { [$0] } ?? TermKind.allCases
            try options.print(kinds.flatMap { vocabulary.terms($0) })
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Entries whose id, labels, synonyms or codes contain every word given.",
            discussion: """
                EXAMPLES:
                  regimen vocabulary search knee replacement
                  regimen vocabulary search osteoporosis --kind condition
                """)

        @Argument(help: ArgumentHelp("The words to look for.", valueName: "word"))
        var words: [String]

        @OptionGroup var options: Options

        func run() throws {
            let vocabulary = try options.vocabulary()
            let query = words.joined(separator: " ")
            let found = vocabulary.search(query, kind: options.kind)
            if found.isEmpty, options.format == .text {
                let near = (options.kind.map { [$0] } ?? TermKind.allCases).compactMap { vocabulary.didYouMean(query, $0) }
                Console.current.err("no entry matches `\(Shown.visible(query))`" + (near.first.map { "; \($0)" } ?? "") + "\n")
                throw ExitStatus.findings.exitCode
            }
            try options.print(found)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One entry in full: what a word means, and what it is a kind of.",
            discussion: """
                EXAMPLES:
                  regimen vocabulary show "total hip arthroplasty"
                  regimen vocabulary show THA --format json
                """)

        @Argument(help: ArgumentHelp("An id, synonym or abbreviation.", valueName: "word"))
        var word: String

        @OptionGroup var options: Options

        func run() throws {
            let vocabulary = try options.vocabulary()
            let kinds = options.kind.map { [$0] } ?? TermKind.allCases
            let found = kinds.compactMap { vocabulary.term(word, $0) }
            guard !found.isEmpty else {
                let near = kinds.compactMap { vocabulary.didYouMean(word, $0) }
                Console.current.err(
                    "error: no condition or movement is called `\(Shown.visible(word))`" + (near.first.map { "; \($0)" } ?? "") + "\n")
                throw ExitStatus.findings.exitCode
            }
            if options.format == .json { return try options.print(found) }
            for term in found {
                var lines = [
                    "\(term.id) (\(term.kind.rawValue))",
                    "  label:          \(term.label)",
                    "  patient label:  \(term.patientLabel)",
                ]
                if !term.synonyms.isEmpty { lines.append("  synonyms:       " + term.synonyms.joined(separator: ", ")) }
                let above = vocabulary.ancestors(of: term.id, term.kind)
                if !above.isEmpty { lines.append("  a kind of:      " + above.joined(separator: ", ")) }
                let below = vocabulary.terms(term.kind).filter { $0.id != term.id && vocabulary.covers(term.id, $0.id, term.kind) }
                if !below.isEmpty { lines.append("  kinds of it:    " + below.map(\.id).joined(separator: ", ")) }
                if let code = term.icd10cm { lines.append("  ICD-10-CM:      \(code)") }
                if let code = term.snomedCT { lines.append("  SNOMED CT:      \(code)") }
                lines.append("  defined:        \(term.source)")
                // Each value on its own line, whatever it holds.
                Console.current.say(lines.map(Visible.escaped).joined(separator: "\n") + "\n")
            }
        }
    }
}

extension TermKind: ExpressibleByArgument {}

/// Text from the command line, for messages.
enum Shown {
    /// The first 200 characters of `text`, with hidden characters shown as `Visible` shows them.
    static func visible(_ text: String) -> String {
        Visible.escaped(String(String.UnicodeScalarView(text.unicodeScalars.prefix(200))))
    }
}
