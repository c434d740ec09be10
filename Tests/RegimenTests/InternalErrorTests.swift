import Foundation
import RegimenCLI
import RegimenLoad
import Testing

/// An internal error (a bug) is a short report that asks to be filed, with each input's SHA-256
/// and nothing of its content or name, and exit 70: never a stack trace. The hidden hook
/// `REGIMEN_TEST_INTERNAL_ERROR=1` makes a command fail as a bug would.
@Suite struct InternalErrorTests {
    static let hook = ["REGIMEN_TEST_INTERNAL_ERROR": "1"]

    /// A patient's details, which must never reach the report.
    static let patient = """
        regimen-patient: 1
        conditions: [sciatica]
        affected-side: left
        notes: Jane Example, born 1961-04-02, NHS number 943 476 5919
        """

    /// The SHA-256 the loader records for `path` (swift-crypto's), to check the report's own.
    static func loaderDigest(_ path: URL) -> String? {
        Loader().load(paths: [path.path]).records.values.first?.sha256
    }

    @Test func theExitCodeIs70AndDocumented() throws {
        #expect(ExitStatus.internalError.rawValue == 70)
        let help = CLITests.run(["validate", "--help"])
        #expect(help.out.contains("70 internal error (a bug in Regimen: please report it)"))
        let readme = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("| 70 | internal error"))
        #expect(!readme.contains("| 4 | internal error"))
    }

    @Test func aBugIsAShortReportWithTheInputsDigestsAndExit70() throws {
        let root = try CLITests.repository(["jane-example.yaml": Self.patient, "p.yaml": HostileInputTests.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        let programme = root.appendingPathComponent("p.yaml")
        let profile = root.appendingPathComponent("jane-example.yaml")

        let console = Console.capturing(environment: Self.hook)
        let status = RegimenCommand.run(["compile", programme.path, "--patient", profile.path], console: console)
        #expect(status == 70)
        let report = console.standardError
        #expect(report.hasPrefix("internal error: Regimen \(RegimenVersion.current) met an error it did not expect in `regimen compile`"))
        #expect(report.contains("This is a bug in Regimen, not a problem with your files."))
        #expect(report.contains("Please report it at https://github.com/regimen-project/regimen/issues"))
        let programmeDigest = try #require(Self.loaderDigest(programme))
        let profileDigest = try #require(Self.loaderDigest(profile))
        #expect(report.contains("  input 1: sha256 \(programmeDigest)\n"), "\(report)")
        #expect(report.contains("  input 2: sha256 \(profileDigest)\n"), "\(report)")
        // Nothing of the files: not their content, not their names, not their directory.
        for secret in ["Jane", "1961", "943 476", "jane-example", root.path, "Neck basics"] {
            #expect(!report.contains(secret), "the report shows `\(secret)`")
        }
        #expect(console.standardOutput.isEmpty)
        #expect(report.split(separator: "\n").count <= 8, "a short report")
    }

    /// The digest is right across SHA-256's block boundaries, and for a directory.
    @Test(arguments: [0, 1, 55, 56, 63, 64, 65, 1_048_583])
    func theReportsDigestIsSHA256(_ size: Int) throws {
        let root = try CLITests.repository([:])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("input.yaml")
        var generator = SplitMix64(seed: UInt64(size))
        try Data((0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).write(to: file)
        let console = Console.capturing(environment: Self.hook)
        #expect(RegimenCommand.run(["validate", file.path], console: console) == 70)
        let digest = try #require(Self.loaderDigest(file))
        #expect(console.standardError.contains("input 1: sha256 \(digest)\n"), "\(console.standardError)")
    }

    /// An endless input is not read for ever: only regular files are hashed.
    @Test func anEndlessInputIsNotHashed() throws {
        let console = Console.capturing(environment: Self.hook)
        #expect(RegimenCommand.run(["validate", "/dev/zero"], console: console) == 70)
        #expect(console.standardError.contains("  input 1: not a regular file\n"), "\(console.standardError)")
    }

    @Test func aDirectoryIsOneDigestOverItsFiles() throws {
        let root = try CLITests.repository(["a.yaml": HostileInputTests.valid, "sub/b.yaml": Self.patient, "notes.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        let console = Console.capturing(environment: Self.hook)
        #expect(RegimenCommand.run(["validate", root.path], console: console) == 70)
        #expect(console.standardError.contains(" over 2 YAML files in a directory\n"), "\(console.standardError)")
        #expect(!console.standardError.contains("Jane"))
    }

    /// Through the real binary: exit 70, the report, no stack trace. Help and usage errors are
    /// not bugs, hook or not.
    @Test func theBinaryExits70WithoutAStackTrace() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        let failed = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out.html"], in: root, environment: Self.hook)
        #expect(failed.status == 70, "\(failed.err)")
        #expect(failed.err.hasPrefix("internal error: "))
        #expect(failed.err.contains("(RegimenCLI.InternalError)"))
        #expect(!failed.err.contains("Fatal error") && !failed.err.contains("Backtrace") && !failed.err.contains("Stack dump"))
        #expect(failed.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out.html").path))

        #expect(try Bounded.run(["validate", "--help"], in: root, environment: Self.hook).status == 0)
        #expect(try Bounded.run(["help", "export"], in: root, environment: Self.hook).status == 0)
        #expect(try Bounded.run(["--version"], in: root, environment: Self.hook).status == 0)
        #expect(try Bounded.run(["validate", "--frobnicate"], in: root, environment: Self.hook).status == 2)
        #expect(try Bounded.run(["explain", "RG104"], in: root, environment: Self.hook).status == 0)
        // Without the hook, the same command works.
        #expect(try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out.html"], in: root).status == 0)
    }
}
