import Foundation
@testable import RegimenCLI
import Testing

/// What users read from the command line itself: every command's help (clean text, with
/// examples that use only commands and options that exist), and the messages for the commonest
/// slips (a misspelt command, an unknown export format, an output directory that is not there).
@Suite struct CommandLineTextTests {
    /// The words of every command under `regimen` (`[]` for `regimen` itself, then `["init"]`…
    /// `["plugins", "list"]`…), each before its subcommands: a walk through
    /// `configuration.subcommands` from `RegimenCommand`, naming each as ArgumentParser matches it.
    static let commandPaths: [[String]] = {
        var paths: [[String]] = [[]]
        var pending = RegimenCommand.configuration.subcommands.map { (parent: [String](), command: $0) }
        while !pending.isEmpty {
            let (parent, command) = pending.removeFirst()
            let path = parent + [command._commandName]
            paths.append(path)
            pending.append(contentsOf: command.configuration.subcommands.map { (parent: path, command: $0) })
        }
        return paths
    }()

    /// A sample programme of the repository's.
    static let sample = Harness.repositoryRoot.appendingPathComponent("programmes/neck-pain.yaml").path

    /// A new, empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The command lines of `help`'s EXAMPLES: section (its lines that start `  regimen `, up to
    /// the first empty line), as their words after `regimen`.
    static func examples(in help: String) -> [[String]] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "EXAMPLES:") else { return [] }
        let prefix = "  regimen "
        return lines[(start + 1)...].prefix(while: { !$0.isEmpty }).filter { $0.hasPrefix(prefix) }.map { line in
            line.dropFirst(prefix.count).split(separator: " ").map(String.init)
        }
    }

    // MARK: help

    /// Reports name a command as it is typed (`library list`), not by its Swift type (`List`).
    @Test func reportsNameNestedCommandsAsTyped() {
        #expect(RegimenCommand.commandPath(to: LibraryCommand.List.self) == "library list")
        #expect(CrashReport.command(in: ["library", "search", "knee"]) == "library search")
    }

    @Test func everyCommandsHelpIsCleanAndHasExamples() {
        // The walk reaches the nested commands, so the checks below cannot pass on nothing.
        #expect(Self.commandPaths.count >= 20, "\(Self.commandPaths)")
        let nested = [["validate"], ["import"], ["plugins", "list"], ["plugins", "check"], ["translate", "extract"], ["library", "search"]]
        for expected in nested {
            #expect(Self.commandPaths.contains(expected), "\(expected) not found under `regimen`")
        }
        for path in Self.commandPaths {
            let shown = (["regimen"] + path).joined(separator: " ")
            let help = CLITests.run(path + ["--help"])
            #expect(help.status == 0, "\(shown) --help")
            #expect(help.err.isEmpty, "\(shown) --help: \(help.err)")
            // A `\\(` in a multi-line literal prints the interpolation as it is written.
            #expect(!help.out.contains("\\("), "\(shown) --help:\n\(help.out)")
            // A `\\` at the end of a line prints a backslash instead of joining the lines.
            let continued = help.out.split(separator: "\n").filter { $0.hasSuffix("\\") }
            #expect(continued.isEmpty, "\(shown) --help: lines ending in a backslash: \(continued)")
            if path.isEmpty {
                Self.checkTour(help.out)
            } else {
                #expect(help.out.contains("\nEXAMPLES:\n"), "\(shown) --help has no EXAMPLES: section:\n\(help.out)")
                #expect(!Self.examples(in: help.out).isEmpty, "\(shown) --help: no `  regimen …` line under EXAMPLES:")
                // `regimen help …` prints the same page.
                let viaHelp = CLITests.run(["help"] + path)
                #expect(viaHelp.status == 0, "regimen help \(path.joined(separator: " "))")
                #expect(viaHelp.out == help.out, "regimen help \(path.joined(separator: " "))")
            }
        }
    }

    /// `regimen --help`: the whole toolkit, its commands grouped by task, the main flow's
    /// examples, and the exit codes at the end of the text.
    static func checkTour(_ help: String) {
        for word in ["compile", "export", "handout"] {
            #expect(help.contains(word), "regimen --help does not mention \(word)")
        }
        let tour = help.components(separatedBy: "\nUSAGE:").first ?? ""
        let headings = [
            "WRITING PROGRAMMES:", "CHECKING THEM:", "MAKING PLANS AND HANDOUTS:", "EXTENDING REGIMEN:", "EXAMPLES:", "EXIT CODES:",
        ]
        for heading in headings {
            #expect(tour.contains("\n\(heading)\n"), "regimen --help: no \(heading)")
        }
        // Every command is in one of the groups.
        for path in Self.commandPaths where path.count == 1 {
            #expect(tour.contains("\n  \(path[0]) "), "regimen --help: `\(path[0])` is not in the tour")
        }
        let exampleCommands = Self.examples(in: help).map { $0.first ?? "" }
        for command in ["init", "validate", "compile", "export"] {
            #expect(exampleCommands.contains(command), "regimen --help: no example of `regimen \(command)`")
        }
        let text = tour.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasSuffix("70 internal error (a bug in Regimen: please report it)"), "regimen --help: the exit codes are not last")
    }

    @Test func examplesUseOnlyCommandsAndOptionsThatExist() {
        var pages: [String: String] = [:]
        for path in Self.commandPaths {
            pages[path.joined(separator: " ")] = CLITests.run(path + ["--help"]).out
        }
        for (page, help) in pages {
            for example in Self.examples(in: help) {
                let line = "`regimen \(example.joined(separator: " "))` in `regimen \(page) --help`"
                // The command is the longest run of leading words that names one.
                var command: [String] = []
                for length in stride(from: example.count, through: 1, by: -1) {
                    let words = Array(example.prefix(length))
                    if pages[words.joined(separator: " ")] != nil {
                        command = words
                        break
                    }
                }
                guard let target = pages[command.joined(separator: " ")], !command.isEmpty else {
                    Issue.record("\(line) names no command")
                    continue
                }
                for word in example.dropFirst(command.count) where word.hasPrefix("-") {
                    let option = String(word.prefix(while: { $0 != "=" }))
                    // Listed as `  --format <format>`, `-o, --output <file>` or `[--strict-language]`.
                    let known = [" ", ",", "]"].contains(where: { target.contains(option + $0) })
                    #expect(known, "\(line): `regimen \(command.joined(separator: " "))` takes no \(option)")
                }
            }
        }
    }

    // MARK: messages

    @Test func aMisspeltCommandIsUnknownWithTheClosestOne() {
        let misspelt = CLITests.run(["valdate", "x.yaml"])
        #expect(misspelt.status == 2)
        #expect(misspelt.out.isEmpty)
        #expect(misspelt.err.contains("error: unknown command `valdate`"), "\(misspelt.err)")
        #expect(misspelt.err.contains("did you mean `validate`?"), "\(misspelt.err)")
        #expect(misspelt.err.contains("help: `regimen --help` lists the commands"), "\(misspelt.err)")

        let nested = CLITests.run(["plugins", "lst"])
        #expect(nested.status == 2)
        #expect(nested.err.contains("error: unknown command `plugins lst`; did you mean `plugins list`?"), "\(nested.err)")
        #expect(nested.err.contains("help: `regimen plugins --help` lists the commands"), "\(nested.err)")

        // Under a command with a default subcommand too (`regimen library` lists).
        let underDefault = CLITests.run(["library", "serch", "knee"])
        #expect(underDefault.status == 2)
        #expect(underDefault.err.contains("did you mean `library search`?"), "\(underDefault.err)")

        let nothingClose = CLITests.run(["frobnicate"])
        #expect(nothingClose.status == 2)
        #expect(nothingClose.err.contains("error: unknown command `frobnicate`"), "\(nothingClose.err)")
        #expect(!nothingClose.err.contains("did you mean"), "\(nothingClose.err)")

        // Other usage errors are ArgumentParser's to describe.
        let missing = CLITests.run(["validate"])
        #expect(missing.status == 2)
        #expect(!missing.err.contains("unknown command"), "\(missing.err)")
        #expect(missing.err.contains("<paths>"), "\(missing.err)")
        let option = CLITests.run(["validate", "--frobnicate", "x.yaml"])
        #expect(option.status == 2)
        #expect(!option.err.contains("unknown command"), "\(option.err)")
    }

    @Test func anUnknownExportFormatListsTheFormatsAndWherePluginsWereLookedFor() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plugins = directory.appendingPathComponent("clinic-plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("handout.html").path

        let result = CLITests.run(["export", "--format", "pdff", Self.sample, "-o", output, "--plugin-path", plugins.path])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        let first = String(result.err.prefix(while: { $0 != "\n" }))
        #expect(first.hasPrefix("error: no exporter is called `pdff` (formats: "), "\(result.err)")
        #expect(!first.contains("did you mean"), "\(result.err)")
        let formats = first.range(of: "(formats: ").map { first[$0.upperBound...].dropLast().components(separatedBy: ", ") } ?? []
        for builtIn in ["html", "json", "text"] {
            #expect(formats.contains(builtIn), "\(builtIn) is not among the formats: \(first)")
        }
        #expect(result.err.contains("\nplugins were looked for in:\n"), "\(result.err)")
        #expect(result.err.contains("(the repository's own plugins"), "\(result.err)")
        #expect(
            result.err.contains("clinic-plugins (--plugin-path)") || result.err.contains("clinic-plugins/ (--plugin-path)"),
            "\(result.err)")
        #expect(result.err.contains("help: an exporter plugin is an executable named `regimen-export-NAME`"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: output))

        // A slip is named.
        let slip = CLITests.run(["export", "--format", "htm", Self.sample, "-o", output])
        #expect(slip.status == 2)
        #expect(slip.err.hasPrefix("error: no exporter is called `htm`; did you mean `html`? (formats: "), "\(slip.err)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func aMissingOutputDirectoryIsNamed() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing").appendingPathComponent("handouts").path
        for arguments in [
            ["export", "--format", "html", Self.sample, "-o", missing + "/handout.html"],
            ["export", "--format", "text", Self.sample, "-o", missing + "/handout.txt"],
            ["compile", Self.sample, "-o", missing + "/plan.json"],
        ] {
            let result = CLITests.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.out.isEmpty, "\(arguments)")
            #expect(
                result.err.contains("error: directory `\(missing)` does not exist; create it first"), "\(arguments): \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(arguments)")
        }
    }
}
