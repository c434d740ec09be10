import Foundation
import Testing

/// Real LSP clients: pygls's (Python) and Neovim's built-in one, each driving `regimen lsp`
/// (the built binary) over a copy of the sciatica sample in a git repository. Skipped when the
/// client is not installed, except under CI, which installs both (.ci/run) and must run them.
enum LSPClients {
    static var inCI: Bool { Browser.inCI }
    static let python = Browser.which(["python3"])
    static let nvim = Browser.which(["nvim"])
    static let hasPygls: Bool = {
        guard let python else { return false }
        return
            (try? Browser.run(python, ["-c", "import pygls.lsp.client"], in: FileManager.default.temporaryDirectory, seconds: 30).status)
            == 0
    }()

    /// A git repository holding the sciatica sample and its library, with `change` made to the
    /// programme; the programme's path.
    static func sample(_ change: (String) -> String = { $0 }) throws -> (root: URL, programme: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-lsp-client-\(UUID().uuidString)")
        let samples = Harness.repositoryRoot.appendingPathComponent("programmes")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: samples.appendingPathComponent("library"), to: root.appendingPathComponent("library"))
        let text = try String(contentsOf: samples.appendingPathComponent("sciatica-muscle-imbalance.yaml"), encoding: .utf8)
        let programme = root.appendingPathComponent("sciatica-muscle-imbalance.yaml")
        try change(text).write(to: programme, atomically: true, encoding: .utf8)
        if let git = Browser.which(["git"]) {
            _ = try Browser.run(git, ["init", "-q", root.path], in: root)
        }
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        }
        return (root, programme)
    }

    /// The 0-based line and character where `needle` starts in `text` (ASCII lines).
    static func place(of needle: String, in text: String) -> (line: Int, character: Int)? {
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if let range = line.range(of: needle) { return (number, line.distance(from: line.startIndex, to: range.lowerBound)) }
        }
        return nil
    }
}

@Suite(.serialized) struct LanguageServerClientTests {
    static let sampleText: String =
        (try? String(
            contentsOf: Harness.repositoryRoot.appendingPathComponent("programmes/sciatica-muscle-imbalance.yaml"), encoding: .utf8)) ?? ""

    /// The done-when session: diagnostics at the right place, completion, hover, definition,
    /// a quick fix, diagnostics cleared by the fix, and a clean shutdown.
    @Test func pyglsDrivesTheWholeSession() throws {
        guard LSPClients.hasPygls, let python = LSPClients.python else {
            try #require(!LSPClients.inCI, "CI must run the LSP client tests, but python3 with pygls is not installed")
            print("pygls is not installed (pip install pygls): skipping the LSP client session (CI installs it)")
            return
        }
        let (root, programme) = try LSPClients.sample()
        defer { try? FileManager.default.removeItem(at: root) }
        let script = Harness.repositoryRoot.appendingPathComponent("Tests/lsp/pygls_session.py").path
        let run = try Browser.run(python, [script, BinaryTests.binary.path, programme.path], in: root, seconds: 120)
        #expect(run.status == 0, "the pygls session failed: \(run.out)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "no report: \(run.out)")

        // The typo `prone-on-elbow`: one finding, at its 0-based place, with its help and link.
        let typo = try #require(LSPClients.place(of: "- use: prone-on-elbows", in: Self.sampleText))
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let finding = try #require(diagnostics.first)
        #expect(finding["line"] as? Int == typo.line)
        #expect(finding["character"] as? Int == typo.character + "- use: ".count)
        #expect(finding["endCharacter"] as? Int == typo.character + "- use: prone-on-elbow".count)
        #expect(finding["code"] as? String == "RG201")
        #expect(finding["source"] as? String == "regimen")
        #expect(
            finding["message"] as? String
                == "exercise `prone-on-elbow` is not defined\nhelp: did you mean `prone-on-elbows` (Lying on your elbows)?")
        #expect((finding["href"] as? String)?.hasSuffix("docs/rules.md#rg201-unknown-exercise") == true)

        // Completion after `use:` offers the library's exercises, each with its name and purpose.
        let completion = try #require(report["completion"] as? [[String: Any]])
        let slider = completion.first { $0["label"] as? String == "sciatic-nerve-slider" }
        #expect((slider?["detail"] as? String)?.hasPrefix("Sciatic nerve slider (sitting) — Helps the sciatic nerve glide") == true)
        #expect(completion.contains { $0["label"] as? String == "bird-dog" })

        // Hover: the exercise's card in brief, and the rule's explanation.
        let card = try #require(report["hoverExercise"] as? String)
        #expect(card.hasPrefix("**Sciatic nerve slider (sitting)** (`sciatic-nerve-slider`)"))
        #expect(card.contains("Defined in `library/lumbar.yaml`"))
        let rule = try #require(report["hoverRule"] as? String)
        #expect(rule.contains("RG201 unknown-exercise (error)"))

        // Definition: into the library file, at the exercise's key.
        let library = try String(contentsOf: root.appendingPathComponent("library/lumbar.yaml"), encoding: .utf8)
        let definedAt = try #require(LSPClients.place(of: "  sciatic-nerve-slider:", in: library))
        let definition = try #require((report["definition"] as? [[String: Any]])?.first)
        #expect((definition["uri"] as? String)?.hasSuffix("/library/lumbar.yaml") == true)
        #expect(definition["line"] as? Int == definedAt.line)
        #expect(definition["character"] as? Int == 2)

        // The quick fix replaces the id with the one meant.
        let action = try #require((report["codeActions"] as? [[String: Any]])?.first)
        #expect(action["title"] as? String == "Replace with `prone-on-elbows`")
        #expect(action["kind"] as? String == "quickfix")
        let edit = try #require((action["edits"] as? [[String: Any]])?.first)
        #expect(edit["newText"] as? String == "prone-on-elbows")
        #expect(edit["line"] as? Int == typo.line)

        #expect((report["diagnosticsAfterFix"] as? [Any])?.isEmpty == true)
        #expect(report["exitCode"] as? Int == 0)
    }

    /// Neovim 0.7's built-in client, configured with the snippet docs/editors.md gives.
    @Test func neovimShowsTheFindingsWithTheDocumentedConfiguration() throws {
        guard let nvim = LSPClients.nvim else {
            try #require(!LSPClients.inCI, "CI must run the Neovim test, but nvim is not installed")
            print("nvim is not installed (apt-get install neovim): skipping the Neovim test (CI installs it)")
            return
        }
        let (root, programme) = try LSPClients.sample {
            $0.replacingOccurrences(of: "    sessions: 2 per day\n", with: "    sesions: 2 per day\n")
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/editors.md"), encoding: .utf8)
        let snippet = try #require(
            docs.firstMatch(of: /```lua\n(-- regimen lsp for YAML files \(Neovim 0\.7 and later\)\n(?s:.*?))```/)?.1,
            "docs/editors.md has no Neovim 0.7 snippet")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let initFile = home.appendingPathComponent("init.lua")
        try String(snippet).write(to: initFile, atomically: true, encoding: .utf8)
        let result = home.appendingPathComponent("result.json")
        let script = Harness.repositoryRoot.appendingPathComponent("Tests/lsp/nvim_diagnostics.lua").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Browser.timeout ?? "/usr/bin/timeout")
        process.arguments = [
            "--kill-after=5", "90", nvim, "--headless", "-i", "NONE", "-n", "-u", initFile.path, "-c", "luafile \(script)",
        ]
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = BinaryTests.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        environment["XDG_CACHE_HOME"] = home.appendingPathComponent("cache").path
        environment["REGIMEN_LSP_FILE"] = programme.path
        environment["REGIMEN_LSP_RESULT"] = result.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()

        let data = try Data(contentsOf: result)
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["clients"] as? [String] == ["regimen"])
        #expect(report["found"] as? Bool == true)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let text = try String(contentsOf: programme, encoding: .utf8)
        let typo = try #require(LSPClients.place(of: "sesions:", in: text))
        let finding = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(finding["lnum"] as? Int == typo.line)
        #expect(finding["col"] as? Int == typo.character)
        #expect(finding["source"] as? String == "regimen")
        #expect(finding["code"] as? String == "RG102")
        #expect((finding["message"] as? String)?.hasPrefix("unknown key `sesions` in a phase\nhelp: did you mean `sessions`?") == true)
    }
}
