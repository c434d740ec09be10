import RegimenDiagnostics
import RegimenFormat

/// Checks the paths one file names (its `library:` entries and its exercises' images) against
/// the repository the file is in: a pure function of the file and the file system, so that it
/// runs on whichever thread read the file.
struct PathCheck: Sendable {
    /// Where files come from, the library search paths, and the limits.
    let loader: Loader
    /// Kinds and resolved paths, shared by the run.
    let facts: PathFacts
    /// The current directory, absolute: paths are shown relative to it.
    let currentDirectory: String
    /// The repository root the file is read under (absolute).
    let root: String
    /// `root` with every link resolved.
    let realRoot: String

    private var fs: any FileSystem { loader.fileSystem }

    /// The repository boundary the file is read under (no system call to make one).
    var boundary: RepositoryBoundary { RepositoryBoundary(root: root, realRoot: realRoot, fileSystem: fs) }

    /// The boundary for reading the file at `file` itself: the repository's when the file is
    /// in it, else the file's own directory (a file named outside `--root`).
    func boundary(reading file: String) -> RepositoryBoundary {
        Paths.isInside(file, root) ? boundary : RepositoryBoundary(root: Paths.directory(of: file), fileSystem: fs)
    }

    /// What a path in a file refers to: a library file (`library:`) or an image (`images:`).
    struct Reference {
        let noun: String
        let pathNoun: String
        let code: String
        let example: String
        let extensions: [String]

        static let library = Reference(
            noun: "library file", pathNoun: "library path", code: LoadCode.libraryFile, example: "library/lumbar.yaml",
            extensions: ["yaml", "yml"])
        static let image = Reference(
            noun: "image", pathNoun: "image path", code: LoadCode.imageFile, example: "images/bird-dog-1.jpg",
            extensions: ["jpg", "jpeg", "png", "gif", "webp", "svg"])
    }

    /// A `library:` entry and the library file it names, when that is a file in the repository.
    struct LibraryTarget: Sendable {
        /// The entry as written.
        var entry: Text
        /// The file (absolute), or nil when a finding says why there is none.
        var target: String?
    }

    /// Where a programme's `library:` entries lead, with findings for those that lead nowhere
    /// allowed.
    typealias Libraries = (targets: [LibraryTarget], diagnostics: [Diagnostic])

    /// Where each of `entries` (the `library:` entries of the programme at `file`) leads, with
    /// findings for those that lead nowhere allowed.
    func libraries(_ entries: [Text], from file: String) -> Libraries {
        var diagnostics: [Diagnostic] = []
        let targets = entries.map { entry in
            LibraryTarget(
                entry: entry,
                target: searchedLibrary(entry, from: file) ?? checkedPath(entry, from: file, .library, into: &diagnostics))
        }
        return (targets, diagnostics)
    }

    /// Findings for every image of `exercises` (defined in `file`) that is not a file inside the
    /// repository.
    func images(of exercises: [Exercise], in file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for exercise in exercises {
            for image in exercise.images {
                _ = checkedPath(image.path, from: file, .image, into: &diagnostics)
            }
        }
        return diagnostics
    }

    /// `absolute` as shown: relative to the current directory when inside it.
    func shown(_ absolute: String) -> String {
        absolute == currentDirectory ? "." : Paths.relative(absolute, to: currentDirectory)
    }

    private func finding(_ entry: Text, _ message: String, help: String?, code: String) -> Diagnostic {
        Diagnostic(code: code, severity: .error, message: message, range: entry.range, help: help)
    }

    /// The absolute path `entry` names, or nil (with a finding) when it is absolute, leaves the
    /// repository (by `..` or through a link), is missing, or is not a file.
    func checkedPath(_ entry: Text, from file: String, _ kind: Reference, into diagnostics: inout [Diagnostic]) -> String? {
        let written = entry.value
        let noun = kind.noun
        guard !written.hasPrefix("/"), !written.hasPrefix("~"), !(written.count > 1 && written.dropFirst().hasPrefix(":")) else {
            diagnostics.append(
                finding(
                    entry, "\(kind.pathNoun) `\(written)` is absolute",
                    help: "write it relative to this file, such as `\(kind.example)`", code: kind.code))
            return nil
        }
        let target = Paths.join(Paths.directory(of: file), written)
        guard Paths.isInside(target, root) else {
            diagnostics.append(
                finding(
                    entry, "\(kind.pathNoun) `\(written)` leads outside the repository",
                    help: "\(noun)s must be inside `\(shown(root))`; copy the file in, or point `--root` at the repository",
                    code: kind.code))
            return nil
        }
        guard let found = facts.kind(of: target), let real = facts.resolve(target) else {
            if fs.isSymlink(target) {
                diagnostics.append(
                    finding(
                        entry, "\(kind.pathNoun) `\(written)` is a symbolic link that leads nowhere (or round in a loop)",
                        help: "fix or remove the link", code: kind.code))
            } else {
                let directory = Paths.directory(of: target)
                // Sorted: the directory's own order differs between machines, and so would the hint.
                let names = fs.contents(of: directory).filter { name in
                    kind.extensions.contains { name.lowercased().hasSuffix("." + $0) }
                }.sorted()
                let suggestion = Suggestions.closest(to: Paths.name(of: target), in: names).map {
                    "did you mean `\(Paths.relative(Paths.join(Paths.directory(of: written), $0), to: "."))`?"
                }
                var help = "check the path; it is relative to this file"
                if kind.code == LoadCode.libraryFile, !loader.librarySearchPaths.isEmpty {
                    let paths = loader.librarySearchPaths.map { "`\(shown(Paths.join(currentDirectory, $0)))`" }
                    help += ", or to a library path (" + paths.joined(separator: ", ") + ")"
                }
                diagnostics.append(finding(entry, "\(noun) `\(written)` does not exist", help: suggestion ?? help, code: kind.code))
            }
            return nil
        }
        if case .outside(let refusal) = boundary.check(target, resolved: real) {
            let link = refusal.link.map { "`\(shown($0))`, a symbolic link to `\(refusal.target)`" } ?? "a symbolic link"
            diagnostics.append(
                finding(
                    entry, "\(kind.pathNoun) `\(written)` leads outside the repository through \(link); it was not read",
                    help: "\(noun)s must be inside `\(shown(root))`; copy the file in instead of linking to it", code: kind.code))
            return nil
        }
        guard found == .file else {
            diagnostics.append(
                finding(entry, "\(kind.pathNoun) `\(written)` is a directory", help: "name a file inside it", code: kind.code))
            return nil
        }
        if kind.code == LoadCode.imageFile, let problem = imageContentProblem(real) {
            diagnostics.append(finding(entry, "image `\(written)` \(problem)", help: imageHelp, code: kind.code))
            return nil
        }
        return target
    }

    private var imageHelp: String {
        "save the picture as the type its extension names (JPEG, PNG, GIF, WebP or SVG), or rename it to match"
    }

    /// Why the image file at `real` (resolved, inside the repository) is not the picture its
    /// extension names, or nil when it is: judged by its first bytes.
    func imageContentProblem(_ real: String) -> String? {
        let fileExtension = ImageContent.fileExtension(of: real)
        guard ImageContent.extensions.contains(fileExtension) else {
            return "is not a JPEG, PNG, GIF, WebP or SVG file (by its extension)"
        }
        guard let bytes = try? fs.read(real, limit: ImageContent.prefixLength) else { return "cannot be read" }
        guard ImageContent.matches(bytes, fileExtension: fileExtension) else {
            return "does not hold \(ImageContent.describe(fileExtension)), though its extension says so"
        }
        return nil
    }

    /// The library file `entry` names in one of the loader's search paths, when nothing is at
    /// the path relative to the programme; nil otherwise, and `checkedPath` then reports as usual.
    /// A file found this way must be inside the repository, by its path and through links.
    func searchedLibrary(_ entry: Text, from file: String) -> String? {
        let written = entry.value
        guard !loader.librarySearchPaths.isEmpty, !written.hasPrefix("/"), !written.hasPrefix("~") else { return nil }
        let beside = Paths.join(Paths.directory(of: file), written)
        guard facts.kind(of: beside) == nil, !fs.isSymlink(beside) else { return nil }
        for directory in loader.librarySearchPaths {
            let target = Paths.join(Paths.join(currentDirectory, directory), written)
            guard Paths.isInside(target, root), facts.kind(of: target) == .file,
                let real = facts.resolve(target), Paths.isInside(real, realRoot)
            else { continue }
            return target
        }
        return nil
    }
}
