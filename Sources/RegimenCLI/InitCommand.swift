import ArgumentParser
import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenStarter

/// `regimen init [DIR]`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a clinic's repository of programmes: a first programme, the library, and the settings around them.",
        discussion: """
            Writes, into DIR (the current folder by default; made when missing): \
            programmes/getting-started.yaml, a first programme whose comments explain the \
            format; programmes/library/, Regimen's exercise library (with its pictures when \
            they are installed); .regimen.yml; .pre-commit-config.yaml, a hook that checks \
            programmes before each commit; a GitHub Actions workflow and a .gitlab-ci.yml; and \
            programme.schema.json with .vscode/settings.json, for completion and inline errors \
            in editors. `regimen validate` finds nothing wrong in the result.

            An existing file is never replaced: it is left as it was, and named as skipped. Run \
            init again after deleting a file to get it back.

            EXAMPLES:
              regimen init my-clinic
                a new repository in my-clinic/ (made when missing)
              regimen init
                the current folder; files already there are left as they were

            EXIT CODES:
              0  every file was written
              1  some files already existed, and were skipped (the others were written)
              2  DIR, or a file in it, could not be written
              70 internal error (a bug in Regimen: please report it)
            """)

    @Argument(help: ArgumentHelp("The repository's folder.", valueName: "dir"))
    var directory: String = "."

    func run() throws {
        let console = Console.current
        let images = Bundle.main.executableURL.map(Starter.installedImages(besideExecutable:))
        let pictures = images.flatMap(Starter.images(in:))
        let files = Starter.files(version: RegimenVersion.current, schema: JSONSchemaGenerator().encoded(), images: pictures)
        let shown = Visible.escaped(directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            console.err("error: cannot make the folder `\(shown)`: \(Visible.escaped(error.localizedDescription))\n")
            throw ExitStatus.usage.exitCode
        }
        var written: [String] = []
        var skipped: [(path: String, why: String)] = []
        for file in files {
            if let why = Self.obstacle(to: file.path, in: directory) {
                skipped.append((file.path, why))
                continue
            }
            let path = directory + "/" + file.path
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if try AtomicFile.create(file.contents, at: path) {
                    written.append(file.path)
                } else {
                    skipped.append((file.path, "it already exists"))
                }
            } catch let failure as AtomicFile.Failure {
                console.err("error: \(Visible.escaped(failure.description))\n")
                throw ExitStatus.usage.exitCode
            } catch {
                console.err("error: cannot make a folder for `\(Visible.escaped(path))`: \(Visible.escaped(error.localizedDescription))\n")
                throw ExitStatus.usage.exitCode
            }
        }
        console.out(Self.report(directory: directory, written: written, skipped: skipped, pictures: pictures != nil, looked: images))
        if !skipped.isEmpty { throw ExitStatus.findings.exitCode }
    }

    /// Why `path` (relative, inside `directory`) is not written: a folder on the way that is a
    /// link (writing through it could put the file anywhere) or a file. Nil when nothing stands
    /// in the way.
    static func obstacle(to path: String, in directory: String) -> String? {
        var folder = directory
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            var info = stat()
            guard lstat(folder, &info) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFLNK: return "`\(Visible.escaped(String(folder.dropFirst(directory.count + 1))))` is a link, which init does not write through"
            default: return "`\(Visible.escaped(String(folder.dropFirst(directory.count + 1))))` is a file, not a folder"
            }
        }
        return nil
    }

    /// What was written, what was skipped, and what to do next.
    static func report(directory: String, written: [String], skipped: [(path: String, why: String)], pictures: Bool, looked: URL?)
        -> String
    {
        let imagesFolder = Starter.libraryPath + "/images/"
        let pictureCount = written.filter { $0.hasPrefix(imagesFolder) }.count
        var lines = ["regimen init: a programmes repository in \(Visible.escaped(directory))"]
        for path in written where !path.hasPrefix(imagesFolder) {
            lines.append("  wrote    \(path)")
        }
        if pictureCount > 0 { lines.append("  wrote    \(imagesFolder) (\(pictureCount) pictures)") }
        for (path, why) in skipped {
            lines.append("  skipped  \(path) (\(why); left as it was)")
        }
        if !pictures {
            let place = looked.map { " (looked in \(Visible.escaped($0.path)))" } ?? ""
            lines.append("")
            lines.append("The library's pictures are not installed beside this regimen\(place), so the library was")
            lines.append("written without them. `make install` or the release tarball installs them; see docs/install.md.")
        }
        let hasGit = FileManager.default.fileExists(atPath: directory + "/.git")
        lines.append("")
        lines.append("Next:")
        if directory != "." { lines.append("  cd \(Visible.escaped(directory))") }
        if !hasGit { lines.append("  git init                  keep the programmes in git (CI and the hook expect it)") }
        lines.append("  regimen validate .        check every programme: it says what is wrong and where")
        lines.append("  regimen export \(Starter.programmePath) --format html -o getting-started.html")
        lines.append("                            the patient's handout (also text, json, and the plugins' formats)")
        lines.append("  pre-commit install        check the programmes before each commit (https://pre-commit.com)")
        lines.append("Then edit \(Starter.programmePath): its comments explain each part. Open the folder in VS Code")
        lines.append("with the YAML extension (redhat.vscode-yaml) for completion and inline errors.")
        return lines.joined(separator: "\n") + "\n"
    }
}
