import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import Testing

/// `preview: { patient: … }` in `.regimen.yml`: the profile previews and editors screen against.
@Suite struct PreviewConfigurationTests {
    static func load(_ configuration: String, files: [String: String] = [:]) -> ConfigurationLoader.Loaded {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/.regimen.yml": configuration]
        for (path, text) in files { all["/repo/" + path] = text }
        return ConfigurationLoader(fileSystem: MemoryFileSystem(files: all)).load("/repo/.regimen.yml")
    }

    @Test func aProfileInsideTheRepositoryIsUsed() {
        let loaded = Self.load(
            "regimen-config: 1\npreview:\n  patient: patients/example.yaml\n", files: ["patients/example.yaml": "regimen-patient: 1\n"])
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.configuration.previewPatient == "/repo/patients/example.yaml")
    }

    @Test(arguments: [
        ("preview:\n  patient: ../outside.yaml", "patient profile `../outside.yaml` leads outside the repository"),
        ("preview:\n  patient: /etc/passwd", "path `/etc/passwd` is absolute"),
        ("preview:\n  patient: missing.yaml", "patient profile `missing.yaml` does not exist"),
        ("preview:\n  patient: patients", "patient profile `patients` is a directory"),
        ("preview:\n  patinet: patients/example.yaml", "unknown key `patinet` in `preview`"),
        ("preview: patients/example.yaml", "expected preview settings (a mapping of keys), found a single value"),
    ])
    func aWrongProfileIsAClearFinding(setting: String, message: String) {
        let loaded = Self.load("regimen-config: 1\n" + setting + "\n", files: ["patients/example.yaml": "regimen-patient: 1\n"])
        #expect(loaded.diagnostics.map(\.message) == [message])
        #expect(loaded.diagnostics.first?.code == "RG501")
        #expect(loaded.configuration.previewPatient == nil)
    }

    @Test func aMisspeltKeyInPreviewHasAQuickFix() {
        let loaded = Self.load("regimen-config: 1\npreview:\n  patinet: p.yaml\n", files: ["p.yaml": "regimen-patient: 1\n"])
        #expect(loaded.diagnostics.first?.help == "did you mean `patient`?")
    }
}

/// The one edit a finding names, for editors' quick fixes.
@Suite struct FixTests {
    static func findings(_ text: String) -> [Diagnostic] { Harness.validate(bytes: Array(text.utf8)).diagnostics }

    static let programme = """
        regimen: 1
        id: neck
        title: Neck
        red-flags: [Sudden severe headache]
        exercises:
          chin-tuck:
            name: Chin tuck
            steps: [Draw your chin straight back, Hold, then relax]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: chin-tuck
                dose: { reps: 10, hold: 5s }
        """

    @Test(arguments: [
        ("dose: { reps: 10, hold: 5s }", "dose: { reps: 10, hodl: 5s }", "RG102", "Replace with `hold`", "hold"),
        ("dose: { reps: 10, hold: 5s }", "dose: { reps: 10, side: lfet }", "RG105", "Replace with `left`", "left"),
        ("dose: { reps: 10, hold: 5s }", "dose: { reps: 10, load: 2.5 }", "RG104", "Add the unit: `2.5 kg`", "2.5 kg"),
        ("- use: chin-tuck", "- use: chin-tuk", "RG201", "Replace with `chin-tuck`", "chin-tuck"),
    ])
    func aFindingWithOneFixCarriesIt(from: String, to: String, code: String, title: String, replacement: String) throws {
        let found = Self.findings(Self.programme.replacingOccurrences(of: from, with: to))
        let finding = try #require(found.first { $0.code == code }, "\(found.map(\.code))")
        #expect(finding.fix?.title == title)
        #expect(finding.fix?.replacement == replacement)
        #expect(finding.fix?.range == finding.range)
    }

    @Test func aFindingWithSeveralFixesHasNone() throws {
        // `hold: 30` could be seconds or minutes: the help names both, and no quick fix guesses.
        let found = Self.findings(Self.programme.replacingOccurrences(of: "hold: 5s", with: "hold: 30"))
        let finding = try #require(found.first { $0.message.contains("as a time") })
        #expect(finding.fix == nil)
    }

    @Test func reportsLeaveTheFixOut() throws {
        let found = Self.findings(Self.programme.replacingOccurrences(of: "- use: chin-tuck", with: "- use: chin-tuk"))
        let json = String(decoding: try JSONEncoder().encode(try #require(found.first)), as: UTF8.self)
        #expect(!json.contains("fix"))
    }
}

/// Editor buffers over the disk.
@Suite struct OverlayFileSystemTests {
    @Test func buffersWinOverTheDiskAndAreBoundedAsReadsAre() throws {
        let disk = MemoryFileSystem(files: ["/repo/a.yaml": "on disk", "/repo/b.yaml": "b"])
        let overlay = OverlayFileSystem(
            base: disk, buffers: ["/repo/./a.yaml": Array("in the editor".utf8), "/repo/new.yaml": Array("new".utf8)])
        #expect(try overlay.read("/repo/a.yaml", limit: 100) == Array("in the editor".utf8))
        #expect(try overlay.read("/repo/a.yaml", limit: 4) == Array("in th".utf8))
        #expect(try overlay.read("/repo/b.yaml", limit: 100) == Array("b".utf8))
        #expect(overlay.kind(of: "/repo/new.yaml") == .file)
        #expect(overlay.resolve("/repo/new.yaml") == "/repo/new.yaml")
        #expect(overlay.currentDirectory == "/repo")
        #expect(throws: (any Error).self) { try overlay.read("/repo/none.yaml", limit: 10) }
    }
}
