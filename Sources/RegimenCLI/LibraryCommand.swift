import ArgumentParser
import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenExport
import RegimenFormat
import RegimenLibrary
import RegimenLoad
import RegimenVocabulary
import RegimenWorkspace

/// `regimen library list|search|show`: browse and search the exercises a repository's library
/// files define. The reading, filtering and ranking are `RegimenLibrary`'s; this only parses
/// arguments and prints.
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "List, search and show the exercises of the library files.",
        discussion: """
            The exercises come from the library files under the repository holding the current \
            directory (the nearest directory above it with .git), or from each --from PATH: a \
            directory (the library files in it, and those its programmes include), a library \
            file, or a programme (its own exercises and the library files it includes). Filters \
            may be repeated: an exercise matches one of the values given for a filter, and every \
            filter given. Conditions and movements are compared by meaning, as screening \
            compares them (docs/vocabulary.md).

            EXAMPLES:
              regimen library list --region hip --level beginner
              regimen library list --condition "hip replacement"
              regimen library search buttock stretch
              regimen library show clamshell

            \(ExitStatus.helpText)
            """,
        subcommands: [List.self, Search.self, Show.self],
        defaultSubcommand: List.self)

    /// Where the exercises come from, and how to print them: what every subcommand takes.
    struct Source: ParsableArguments {
        @Option(
            name: .customLong("from"),
            help: ArgumentHelp(
                "A directory, library file or programme to read exercises from (repeatable; default: the repository).",
                valueName: "path"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("Output format.", valueName: "text|json"))
        var format: OutputFormat = .text

        @Option(help: ConfigurationArguments.configHelp)
        var config: String?

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        /// The library and the vocabulary to compare words with. A path or configuration that
        /// cannot be read is a usage error (exit 2). Files with errors are named in a note, not
        /// reported in full: checking them is `regimen validate`'s job, and what could be read
        /// is still worth browsing.
        func read() throws -> (library: ExerciseLibrary, vocabulary: Vocabulary) {
            let console = Console.current
            let cwd = FileManager.default.currentDirectoryPath
            let paths = paths.isEmpty ? [RepositoryBoundary.repositoryRoot(from: cwd)] : paths
            // The same workspace as `validate`: root, configuration, limits and library paths.
            let workspace = Workspace(.init(inputs: paths, configurationPath: config))
            for problem in workspace.inputErrors {
                console.err("error: \(Visible.escaped(problem))\n")
            }
            if !workspace.inputErrors.isEmpty { throw ExitStatus.usage.exitCode }
            let configuration = workspace.configuration?.configuration
            if workspace.configuration?.diagnostics.contains(where: { $0.severity == .error }) == true {
                console.err("note: the configuration has errors (`regimen validate` shows them)\n")
            }
            let loader = workspace.loader()
            // A directory is read as `validate` walks it: less the files the configuration ignores.
            var files: [String] = []
            for path in paths {
                let absolute = Paths.join(cwd, path)
                guard let configuration, loader.fileSystem.kind(of: absolute) == .directory else {
                    files.append(path)
                    continue
                }
                let found = loader.yamlFiles(under: absolute).sorted().filter { !configuration.ignores($0) }
                files += found.isEmpty ? [path] : found
            }
            let named = Set(paths.map { Paths.join(cwd, $0) }.filter { loader.fileSystem.kind(of: $0) == .file })
            let library = ExerciseLibrary(load: loader.load(paths: files), namedFiles: named)
            let vocabulary = configuration?.vocabulary ?? .builtIn
            for problem in library.inputErrors {
                console.err("error: \(Visible.escaped(problem))\n")
            }
            if !library.inputErrors.isEmpty { throw ExitStatus.usage.exitCode }
            let broken = library.filesWithErrors
            if !broken.isEmpty {
                let named = broken.prefix(3).map { "`\(Visible.escaped($0))`" }.joined(separator: ", ")
                let more = broken.count > 3 ? " and \(broken.count - 3) more" : ""
                console.err(
                    "note: \(named)\(more) \(broken.count == 1 ? "has" : "have") errors, so some exercises may be missing or "
                        + "incomplete (`regimen validate` shows the errors)\n")
            }
            return (library, vocabulary)
        }

        /// Prints `matches`: a table, or JSON.
        func print(_ matches: [LibraryQuery.Match], scored: Bool) throws {
            let console = Console.current
            switch format {
            case .json:
                let listing = LibraryListing(exercises: matches.map { .init($0.entry, score: scored ? $0.score : nil) })
                console.out(Visible.jsonSafe(try listing.encoded()))
            case .text:
                let rows = matches.map { match in
                    let e = match.entry.exercise
                    return [
                        match.entry.id, match.entry.name, e.regions.map(\.value.rawValue).joined(separator: ", "),
                        e.kind?.value.rawValue ?? "", e.level?.value.rawValue ?? "", e.equipment.map(\.value).joined(separator: ", "),
                    ]
                }
                console.say(Table(header: ["ID", "NAME", "REGION", "KIND", "LEVEL", "EQUIPMENT"], rows: rows).text)
            }
        }
    }

    /// The filters `list` and `search` take.
    struct Filters: ParsableArguments {
        @Option(help: ArgumentHelp("Exercises working this region, such as hip or lower-leg.", valueName: "region"))
        var region: [String] = []

        @Option(help: ArgumentHelp("Exercises of this kind, such as stretch or strength.", valueName: "kind"))
        var kind: [String] = []

        @Option(help: ArgumentHelp("Exercises involving this movement, or a kind of it.", valueName: "movement"))
        var movement: [String] = []

        @Option(help: ArgumentHelp("Exercises needing this equipment (words of its name), or none.", valueName: "words"))
        var equipment: [String] = []

        @Option(help: ArgumentHelp("Exercises of this level: beginner, intermediate or advanced.", valueName: "level"))
        var level: [String] = []

        @Option(
            help: ArgumentHelp(
                "Exercises with a precaution or contraindication for a patient with this condition.", valueName: "condition"))
        var condition: [String] = []

        @Option(
            name: .customLong("not-contraindicated-for"),
            help: ArgumentHelp("Leave out exercises contraindicated for a patient with this condition.", valueName: "condition"))
        var notContraindicatedFor: [String] = []

        /// The query, with `text` as its free text.
        func query(text: String?) -> LibraryQuery {
            var query = LibraryQuery()
            query.regions = region
            query.kinds = kind
            query.movements = movement
            query.equipment = equipment
            query.levels = level
            query.conditions = condition
            query.notContraindicatedFor = notContraindicatedFor
            query.text = text
            return query
        }

        /// The matches of `query`; a usage error (exit 2) for a value no filter knows, with
        /// "did you mean"; exit 1, with the nearest exercises, when nothing matches.
        func run(_ query: LibraryQuery, source: Source, scored: Bool) throws {
            let console = Console.current
            let (library, vocabulary) = try source.read()
            let problems = query.problems(in: library, vocabulary: vocabulary)
            for problem in problems {
                console.err("error: \(Visible.escaped(problem.message))\nhelp: \(Visible.escaped(problem.help))\n")
            }
            if !problems.isEmpty { throw ExitStatus.usage.exitCode }
            let matches = query.select(from: library, vocabulary: vocabulary)
            if matches.isEmpty {
                var message = "no exercise matches"
                if let text = query.text {
                    message += " `\(Shown.visible(text))`"
                    if let near = ExerciseSuggestions.didYouMean(text, in: library.candidates) { message += "; \(near)" }
                }
                if library.entries.isEmpty { message = "no exercises found: no library file was read" }
                console.err(message + "\n")
                if source.format == .json { try source.print([], scored: scored) }
                throw ExitStatus.findings.exitCode
            }
            try source.print(matches, scored: scored)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the exercises, by id: id, name, region, kind, level and equipment.",
            discussion: """
                EXAMPLES:
                  regimen library list --region knee --kind strength
                  regimen library list --from programmes/library --equipment none
                    exercises that need no equipment
                  regimen library list --not-contraindicated-for "hip replacement"
                """)

        @OptionGroup var source: Source
        @OptionGroup(title: "Filters") var filters: Filters

        func run() throws {
            try filters.run(filters.query(text: nil), source: source, scored: false)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exercises whose id, name, purpose, steps or tips hold every word given, best first.",
            discussion: """
                Case and accents do not matter, and a word finds longer words it begins \
                (`stretch` finds `stretches`). A word in the name counts most, then the id, the \
                purpose, and the steps and tips.

                EXAMPLES:
                  regimen library search knee bend --level beginner
                  regimen library search buttock stretch --from programmes/library
                """)

        @Argument(help: ArgumentHelp("The words to look for.", valueName: "word"))
        var words: [String]

        @OptionGroup var source: Source
        @OptionGroup(title: "Filters") var filters: Filters

        func validate() throws {
            if LibraryQuery.words(words.joined(separator: " ")).isEmpty {
                throw ValidationError("give at least one word to search for")
            }
        }

        func run() throws {
            try filters.run(filters.query(text: words.joined(separator: " ")), source: source, scored: true)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One exercise: where it is defined, its tags, and its card as the text handout prints it.",
            discussion: """
                EXAMPLES:
                  regimen library show clamshell
                  regimen library show clamshell --from programmes/library --format json
                """)

        @Argument(help: ArgumentHelp("The exercise's id.", valueName: "id"))
        var id: String

        @OptionGroup var source: Source

        func run() throws {
            let console = Console.current
            let (library, vocabulary) = try source.read()
            let found = library.entries(id)
            guard !found.isEmpty else {
                let near = ExerciseSuggestions.didYouMean(id, in: library.candidates)
                console.err("error: no exercise is called `\(Shown.visible(id))`" + (near.map { "; \($0)" } ?? "") + "\n")
                throw ExitStatus.findings.exitCode
            }
            let cwd = FileManager.default.currentDirectoryPath
            let handouts = found.map { library.cards(for: $0, vocabulary: vocabulary, directory: cwd) }
            switch source.format {
            case .json:
                let listing = LibraryListing(exercises: zip(found, handouts).map { .init($0, cards: $1.cards) })
                console.out(Visible.jsonSafe(try listing.encoded()))
            case .text:
                if found.count > 1 {
                    console.err("note: `\(Shown.visible(id))` is defined in \(found.count) files; each definition is shown\n")
                }
                console.say(zip(found, handouts).map { Self.text($0, $1) }.joined(separator: "\n"))
            }
        }

        /// The exercise's facts for the clinician, then its cards as the text handout prints them.
        static func text(_ entry: ExerciseLibrary.Entry, _ handout: Handout) -> String {
            let e = entry.exercise
            var facts: [(String, String)] = [("defined in", "\(entry.file):\(entry.line)")]
            if let kind = e.kind { facts.append(("kind", kind.value.rawValue)) }
            if !e.regions.isEmpty { facts.append(("region", e.regions.map(\.value.rawValue).joined(separator: ", "))) }
            if let level = e.level { facts.append(("level", level.value.rawValue)) }
            if !e.movements.isEmpty { facts.append(("movements", e.movements.map(\.value).joined(separator: ", "))) }
            if !e.equipment.isEmpty { facts.append(("equipment", e.equipment.map(\.value).joined(separator: ", "))) }
            for precaution in e.precautions {
                facts.append((precaution.level.value.rawValue, precaution.conditions.map(\.value).joined(separator: ", ")))
            }
            if let easier = e.regressTo { facts.append(("easier", easier.value)) }
            if let harder = e.progressTo { facts.append(("harder", harder.value)) }
            let width = (facts.map(\.0.count).max() ?? 0) + 2
            // Each value on its own line, whatever it holds.
            let lines =
                ["\(entry.id): \(entry.name)"]
                + facts.map { "  " + ($0.0 + ":").padding(toLength: width, withPad: " ", startingAt: 0) + $0.1 }
            return lines.map(Visible.escaped).joined(separator: "\n") + "\n\n" + TextExporter.cards(of: handout)
        }
    }
}

extension LibraryCommand.List: NamesInputFiles {
    var inputFiles: [String] { source.paths + [source.config].compactMap { $0 } }
}

extension LibraryCommand.Search: NamesInputFiles {
    var inputFiles: [String] { source.paths + [source.config].compactMap { $0 } }
}

extension LibraryCommand.Show: NamesInputFiles {
    var inputFiles: [String] { source.paths + [source.config].compactMap { $0 } }
}
