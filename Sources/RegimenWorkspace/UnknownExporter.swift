import RegimenDiagnostics
import RegimenLoad
import RegimenPlugins

/// `--format NAME` with no exporter of that name: the formats there are, the closest one, and
/// where plugins were looked for, so that a clinic whose repository has no `plugins/` learns
/// where `markdown` and `ics` come from.
public struct UnknownExporter: Error, Sendable, Hashable {
    /// The name asked for.
    public var name: String
    /// The formats there are, sorted.
    public var formats: [String]
    /// Where plugins were looked for.
    public var searchPath: PluginSearchPath
    /// The repository root: directories inside it are shown relative to the current directory.
    public var root: String
    /// The current directory.
    public var currentDirectory: String
    /// Where the installed plugins would be (nil when the executable's path is unknown).
    public var bundledDirectory: String?
    /// Whether each searched directory exists, by path.
    public var present: Set<String>

    /// The refusal for `name`, among `formats`, having searched `searchPath`.
    public init(
        name: String, formats: [String], searchPath: PluginSearchPath, root: String, currentDirectory: String, bundledDirectory: String?,
        fileSystem: any FileSystem
    ) {
        self.name = name
        self.formats = formats
        self.searchPath = searchPath
        self.root = root
        self.currentDirectory = currentDirectory
        self.bundledDirectory = bundledDirectory
        present = Set(searchPath.directories.map(\.path).filter { fileSystem.kind(of: $0) == .directory })
    }

    /// The closest format, when one is close enough to be a slip.
    public var suggestion: String? { Suggestions.closest(to: name, in: formats) }

    /// The first line: "no exporter is called `markdwn`; did you mean `markdown`? (formats: …)".
    public var message: String {
        let hint = suggestion.map { "; did you mean `\($0)`?" } ?? ""
        return "no exporter is called `\(Visible.escaped(name))`\(hint) (formats: \(formats.joined(separator: ", ")))"
    }

    /// Where plugins were looked for, in order: one line per directory outside `PATH`, with
    /// why it was searched and whether it is there, then how many `PATH` directories.
    public var searched: [String] {
        var lines: [String] = []
        var pathDirectories = 0
        for directory in searchPath.directories {
            guard directory.origin != .path else {
                pathDirectories += 1
                continue
            }
            let missing = present.contains(directory.path) ? "" : ", not there"
            lines.append("\(Visible.escaped(shown(directory.path))) (\(directory.origin.explanation)\(missing))")
        }
        if bundledDirectory == nil { lines.append("(the bundled plugins: the path of this executable is unknown)") }
        if pathDirectories > 0 { lines.append("the \(pathDirectories == 1 ? "directory" : "\(pathDirectories) directories") in PATH") }
        return lines
    }

    /// What to do: where the bundled exporters come from, when they are not among `formats`.
    public var help: String {
        let missing = BundledPlugins.names.filter { !formats.contains($0) }
        var help = "an exporter plugin is an executable named `\(PluginKind.exporter.executableName("NAME"))` in one of those directories"
        if !missing.isEmpty {
            let names = missing.map { "`\($0)`" }.joined(separator: " and ")
            help +=
                "; \(names) \(missing.count == 1 ? "comes as a bundled plugin" : "come as bundled plugins") with an installed Regimen"
                + " (`make install` puts them in share/regimen/plugins beside bin/regimen), or give the directory that holds"
                + " \(missing.count == 1 ? "it" : "them") with --plugin-path or REGIMEN_PLUGIN_PATH"
        }
        return help + " (docs/plugins.md)"
    }

    /// The whole message, on several lines, for standard error.
    public var description: String {
        ([message, "plugins were looked for in:"] + searched.map { "  " + $0 } + ["help: " + help]).joined(separator: "\n")
    }

    /// A directory as shown: relative to the current directory when both are inside the
    /// repository, with a trailing `/`; else absolute.
    func shown(_ directory: String) -> String {
        guard Paths.isInside(directory, root), Paths.isInside(currentDirectory, root) else { return directory }
        let relative = Paths.relativePath(from: currentDirectory, to: directory)
        return relative == "." ? "./" : relative + "/"
    }
}
