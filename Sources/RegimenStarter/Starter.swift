import Foundation

/// The files `regimen init` writes: a new clinic repository that validates clean on its first
/// run. The text files are compiled into the binary (EmbeddedStarter.swift, `make embedded`),
/// so that an installed or copied `regimen` needs nothing beside it; the library's pictures,
/// 1.2 MB of photos, are installed under `share/regimen/library/images` instead, and copied
/// when they are there.
public enum Starter {
    /// One file of the new repository.
    public struct File: Sendable, Equatable {
        /// Its path in the repository, with forward slashes.
        public var path: String
        /// What it holds.
        public var contents: Data

        /// A file at `path` holding `contents`.
        public init(path: String, contents: Data) {
            self.path = path
            self.contents = contents
        }
    }

    /// The programme a new repository starts with.
    public static let programmePath = "programmes/getting-started.yaml"
    /// Where the JSON Schema the editor settings name is written.
    public static let schemaPath = "programme.schema.json"
    /// The folder the bundled library goes to, beside the starter programme.
    public static let libraryPath = "programmes/library"
    /// Written into the CI files and the pre-commit configuration where a release is pinned.
    static let versionToken = "@REGIMEN_VERSION@"

    /// The files of a new repository, in the order they are written.
    ///
    /// - Parameters:
    ///   - version: the release the CI files download and the pre-commit comment pins.
    ///   - schema: `regimen schema`'s output, which the editor settings name.
    ///   - images: the library's pictures (`images/NAME` under the library folder), or nil when
    ///     this installation has none: then the library is written without its `images:`
    ///     entries, since a picture that is named but missing is an error (RG213).
    public static func files(version: String, schema: Data, images: [File]?) -> [File] {
        var files: [File] = []
        for (path, text) in embedded {
            var text = text.replacingOccurrences(of: versionToken, with: version)
            if images == nil, path.hasPrefix(libraryPath + "/") { text = withoutImages(text) }
            files.append(File(path: path, contents: Data(text.utf8)))
        }
        files.append(File(path: schemaPath, contents: schema))
        for image in images ?? [] {
            files.append(File(path: libraryPath + "/" + image.path, contents: image.contents))
        }
        return files
    }

    /// The installed library pictures in `directory` (`…/share/regimen/library/images`), as
    /// files at `images/NAME`, or nil when the directory is missing or holds none. Only regular
    /// files are read: a link could lead anywhere.
    public static func images(in directory: URL) -> [File]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        var files: [File] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let data = try? Data(contentsOf: url)
            else { continue }
            files.append(File(path: "images/" + name, contents: data))
        }
        return files.isEmpty ? nil : files
    }

    /// Where an installed `regimen` keeps its pictures: `share/regimen/library/images` beside
    /// the `bin` folder that holds `executable` (links followed, as `make install` and the
    /// release tarball lay it out).
    public static func installedImages(besideExecutable executable: URL) -> URL {
        executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/regimen/library/images")
    }

    /// `text`, a library file, without its `images:` entries: each `images:` key and the lines
    /// indented under it (or its list's items at the same indentation) are dropped.
    static func withoutImages(_ text: String) -> String {
        var kept: [Substring] = []
        var blanks: [Substring] = []
        var imagesIndent: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if let depth = imagesIndent {
                if content.isEmpty {
                    blanks.append(line)
                    continue
                }
                if indent > depth || (indent == depth && content.hasPrefix("- ")) {
                    blanks.removeAll()
                    continue
                }
                imagesIndent = nil
            }
            kept += blanks
            blanks.removeAll()
            if content.hasPrefix("images:") {
                imagesIndent = indent
                continue
            }
            kept.append(line)
        }
        kept += blanks
        return kept.joined(separator: "\n")
    }
}
