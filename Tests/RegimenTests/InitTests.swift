import Foundation
import RegimenCLI
import RegimenFormat
@testable import RegimenStarter
import Testing

/// `regimen init`: a new clinic repository that validates clean, never overwrites a file, and
/// whose CI and pre-commit files are what their tools accept.
@Suite struct InitTests {
    /// A new, empty folder outside the checkout; with `git`, an empty `.git` in it (a repository root).
    static func folder(git: Bool = true) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: git ? root.appendingPathComponent(".git") : root, withIntermediateDirectories: true)
        return root
    }

    static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        CLITests.run(arguments)
    }

    static func text(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The starter files, with the library's pictures, written by hand: what an installed binary writes.
    static func writeWithPictures(to root: URL) throws {
        let pictures = try #require(Starter.images(in: Harness.repositoryRoot.appendingPathComponent("programmes/library/images")))
        for file in Starter.files(version: RegimenVersion.current, schema: JSONSchemaGenerator().encoded(), images: pictures) {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
    }

    @Test func theNewRepositoryValidatesCleanAndExports() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let made = Self.run(["init", root.path])
        #expect(made.status == 0, "\(made.out)\(made.err)")
        for path in [
            ".regimen.yml", ".pre-commit-config.yaml", ".github/workflows/regimen.yml", ".gitlab-ci.yml", ".vscode/settings.json",
            "programme.schema.json", "programmes/getting-started.yaml", "programmes/library/lumbar.yaml",
        ] {
            #expect(made.out.contains("  wrote    \(path)\n"), "\(path) not reported")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path) not written")
        }
        // The test runner has no installed pictures beside it: the library is written without them, and init says so.
        #expect(made.out.contains("The library's pictures are not installed beside this regimen"))
        #expect(!(try Self.text(root, "programmes/library/lumbar.yaml")).contains("images/"))
        #expect(made.out.contains("Next:\n  cd \(root.path)\n  regimen validate ."))
        #expect(!made.out.contains("git init"))

        let validated = Self.run(["validate", root.path])
        #expect(validated.status == 0, "\(validated.out)\(validated.err)")
        #expect(validated.out.hasSuffix(": no problems found\n"))
        // Strict too: the starter teaches with no warning to explain away.
        #expect(Self.run(["validate", "--strict", root.path]).status == 0)

        let programme = root.appendingPathComponent(Starter.programmePath).path
        for format in ["text", "html", "json"] {
            let exported = Self.run(["export", programme, "--format", format])
            #expect(exported.status == 0, "\(format): \(exported.err)")
            #expect(!exported.out.isEmpty)
        }
        let markdown = Self.run([
            "export", programme, "--format", "markdown", "--plugin-path", Harness.repositoryRoot.appendingPathComponent("plugins").path,
        ])
        #expect(markdown.status == 0, "\(markdown.err)")
        #expect(markdown.out.contains("Getting going again with low back pain"))
    }

    /// What an installed binary writes (the pictures copied beside the library) validates clean too.
    @Test func withThePicturesTheRepositoryValidatesClean() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.writeWithPictures(to: root)
        #expect((try Self.text(root, "programmes/library/lumbar.yaml")).contains("path: images/"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("programmes/library/images/bridge-1.jpg").path))
        let validated = Self.run(["validate", "--strict", root.path])
        #expect(validated.status == 0, "\(validated.out)\(validated.err)")
        let html = Self.run(["export", root.appendingPathComponent(Starter.programmePath).path, "--format", "html"])
        #expect(html.status == 0)
        #expect(html.out.contains("src=\"data:image/jpeg;base64,"))
    }

    @Test func anExistingFileIsNeverReplaced() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let mine = "regimen-config: 1\n# the clinic's own settings\n"
        try mine.write(to: root.appendingPathComponent(".regimen.yml"), atomically: true, encoding: .utf8)
        let first = Self.run(["init", root.path])
        #expect(first.status == 1)
        #expect(first.out.contains("  skipped  .regimen.yml (it already exists; left as it was)\n"))
        #expect(first.out.contains("  wrote    programmes/getting-started.yaml\n"))
        #expect(try Self.text(root, ".regimen.yml") == mine)

        let edited = try Self.text(root, Starter.programmePath).replacingOccurrences(of: "title: Getting going", with: "title: Moving")
        try edited.write(to: root.appendingPathComponent(Starter.programmePath), atomically: true, encoding: .utf8)
        let again = Self.run(["init", root.path])
        #expect(again.status == 1)
        #expect(!again.out.contains("  wrote "))
        #expect(try Self.text(root, Starter.programmePath) == edited)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".regimen-") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    /// A folder on the way that is a link is not written through: it could lead anywhere.
    @Test func aLinkedFolderIsNotWrittenThrough() throws {
        let root = try Self.folder()
        let elsewhere = try Self.folder(git: false)
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("programmes"), withDestinationURL: elsewhere)
        let made = Self.run(["init", root.path])
        #expect(made.status == 1)
        #expect(made.out.contains("  skipped  programmes/getting-started.yaml (`programmes` is a link, which init does not write through"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(made.out.contains("  wrote    .regimen.yml\n"))
    }

    @Test func aFolderThatCannotBeMadeExitsTwo() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try "not a folder".write(to: root.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let made = Self.run(["init", root.appendingPathComponent("file").path])
        #expect(made.status == 2)
        #expect(made.err.hasPrefix("error: cannot make the folder `\(root.path)/file`"))
    }

    @Test func withoutGitTheNextStepsSayGitInit() throws {
        let root = try Self.folder(git: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let made = Self.run(["init", root.appendingPathComponent("new/clinic").path])
        #expect(made.status == 0)
        #expect(made.out.contains("\n  git init "))
    }

    /// The editor settings name the schema file init writes, for the programme files, and it is
    /// `regimen schema`'s output.
    @Test func theEditorSettingsNameTheSchema() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Self.run(["init", root.path]).status == 0)
        let settings = try JSONSerialization.jsonObject(with: Data(try Self.text(root, ".vscode/settings.json").utf8)) as? [String: Any]
        let schemas = try #require(settings?["yaml.schemas"] as? [String: [String]])
        #expect(schemas == [Starter.schemaPath: ["programmes/**/*.yaml"]])
        #expect(try Data(contentsOf: root.appendingPathComponent(Starter.schemaPath)) == JSONSchemaGenerator().encoded())
        #expect(Self.run(["schema"]).out == (try Self.text(root, Starter.schemaPath)))
    }

    @Test func theVersionIsPinnedInTheCIFiles() throws {
        let files = Starter.files(version: "9.8.7", schema: Data(), images: nil)
        for path in [".github/workflows/regimen.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"] {
            let text = String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
            #expect(text.contains("9.8.7"), "\(path)")
            #expect(!text.contains("@REGIMEN_VERSION@"), "\(path)")
        }
    }

    @Test func picturesAreLeftOutLineByLine() {
        let library = """
            regimen-library: 1
            exercises:
              bridge:
                name: Bridge
                images:
                  - path: images/bridge-1.jpg
                    alt: Lying on the back

                  - path: images/bridge-2.jpg
                    alt: Hips lifted
                steps: [Lift]

              clam:
                name: Clam
                images:
                - path: images/clam.jpg
                  alt: Side lying
              plank:
                name: Plank

            """
        #expect(
            Starter.withoutImages(library) == """
                regimen-library: 1
                exercises:
                  bridge:
                    name: Bridge
                    steps: [Lift]

                  clam:
                    name: Clam
                  plank:
                    name: Plank

                """)
    }
}
