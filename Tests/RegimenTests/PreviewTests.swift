import Foundation
import RegimenDiagnostics
import RegimenPreview
import RegimenWorkspace
import Testing

/// `regimen preview` as a person (and a hostile page) reaches it: the real binary on a copy of
/// the sciatica sample in a scratch git repository, over HTTP with curl, and in headless
/// Chromium through Selenium (Tests/Browser/preview_page.py).
@Suite(.serialized) struct PreviewTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"

    /// A scratch repository holding a copy of the sciatica sample and the library it reads.
    static func repository() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-preview-\(UUID().uuidString)")
        let programmes = directory.appendingPathComponent("programmes")
        try FileManager.default.createDirectory(at: programmes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent(programme), to: directory.appendingPathComponent(programme))
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("programmes/library"), to: programmes.appendingPathComponent("library"))
        // A git repository, as a clinic's is; `.git` by hand where git is not installed (the
        // repository root is the directory holding `.git` either way).
        if let git = Browser.which(["git"]) {
            _ = try Browser.run(git, ["init", "-q", directory.path], in: directory, seconds: 30)
        }
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        }
        return directory
    }

    // MARK: The running server

    /// `regimen preview` running in `directory`, its standard streams in files.
    final class Preview {
        let process = Process()
        let out: URL
        let err: URL
        private(set) var address = ""

        init(in directory: URL, arguments: [String] = [programme, "--port", "0"]) throws {
            out = directory.appendingPathComponent("preview-out-\(UUID().uuidString).txt")
            err = directory.appendingPathComponent("preview-err-\(UUID().uuidString).txt")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = BinaryTests.binary
            process.arguments = ["preview"] + arguments
            process.currentDirectoryURL = directory
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var standardOutput: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
        var standardError: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

        /// Waits for the first line of output (the address), or for the process to end.
        @discardableResult
        func waitForAddress(seconds: Double = 60) -> String {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, process.isRunning {
                if let line = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).first, standardOutput.contains("\n") {
                    address = String(line)
                    return address
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return ""
        }

        var port: String { address.split(separator: ":").last.map { String($0.dropLast()) } ?? "" }

        /// Sends `signal` and waits up to `seconds` for the exit status (nil if still running).
        func stop(_ signal: Int32 = SIGINT, seconds: Double = 10) -> Int32? {
            guard process.isRunning else { return process.terminationStatus }
            kill(process.processIdentifier, signal)
            return waitForExit(seconds: seconds)
        }

        /// Waits up to `seconds` for the exit status; nil (and the process ended) if still running.
        func waitForExit(seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    /// curl's answer: the status, the headers (lower-cased names) and the body.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static let curlPath = Browser.which(["curl"])

    /// `curl` with `arguments` against `url`: `-X METHOD`, `-H 'Host: …'` and so on.
    static func curl(_ url: String, _ arguments: [String] = []) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curlPath ?? "/usr/bin/curl")
        process.arguments = ["-s", "-m", "20", "--path-as-is", "-D", "-"] + arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        var headers: [String: String] = [:]
        var status = 0
        for (index, line) in head.components(separatedBy: "\r\n").enumerated() {
            if index == 0 {
                status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
            } else if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Answer(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test(.enabled(if: curlPath != nil, "curl is not installed"))
    func thePageComesWithItsPoliciesAndTheHandoutInline() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let preview = try Preview(in: directory)
        let address = preview.waitForAddress()
        #expect(address.range(of: #"^http://127\.0\.0\.1:\d+/$"#, options: .regularExpression) != nil, "first line: \(address)")
        let page = try Self.curl(address)
        #expect(page.status == 200)
        let policy = page.headers["content-security-policy"] ?? ""
        for directive in [
            "default-src 'none'", "script-src 'sha256-", "img-src data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'",
            "frame-ancestors 'none'",
        ] {
            #expect(policy.contains(directive), "CSP lacks \(directive): \(policy)")
        }
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["referrer-policy"] == "no-referrer")
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.body.contains("<template shadowrootmode=\"open\">"), "the handout is inline in the page")
        #expect(page.body.contains("Easing sciatica - stretches and core control"))
        #expect(page.body.contains("No problems found."))
        let state = try Self.curl(address + "state")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(state.body.utf8)) as? [String: Any])
        #expect(json["generation"] as? Int == 1)
        #expect(json["stale"] as? Bool == false)
        #expect(json["errors"] as? Int == 0)
        #expect(preview.stop() == 0)
    }

    @Test(.enabled(if: curlPath != nil, "curl is not installed"))
    func onlyGETIsAnsweredOnlyThePageIsServedAndOnlyToItsOwnHost() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let preview = try Preview(in: directory)
        let address = preview.waitForAddress()
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let answer = try Self.curl(address, ["-X", method])
            #expect(answer.status == 405, "\(method)")
            #expect(answer.headers["allow"] == "GET", "\(method)")
        }
        for path in [
            Self.programme, "programmes/library/lumbar.yaml", "../../../../etc/passwd", "etc/passwd", ".git/HEAD", "state/../programmes",
            "%2e%2e/%2e%2e/etc/passwd", "index.html",
        ] {
            let answer = try Self.curl(address + path)
            #expect(answer.status == 404, "/\(path) answered \(answer.status)")
            #expect(!answer.body.contains("root:") && !answer.body.contains("regimen: 1"), "/\(path)")
            #expect(answer.headers["x-content-type-options"] == "nosniff")
        }
        for host in ["evil.example:\(preview.port)", "127.0.0.1:1", "127.0.0.1", "localhost.evil.example:\(preview.port)", ""] {
            // `Host:` with no value makes curl send no Host header at all.
            let answer = try Self.curl(address, ["-H", host.isEmpty ? "Host:" : "Host: \(host)"])
            #expect(answer.status == 421, "Host: \(host) answered \(answer.status)")
            #expect(!answer.body.contains("<html"), "Host: \(host)")
        }
        #expect(try Self.curl("http://localhost:\(preview.port)/state").status == 200)
        #expect(preview.stop() == 0)
    }

    @Test(.enabled(if: curlPath != nil, "curl is not installed"), arguments: [SIGINT, SIGTERM])
    func aSignalStopsItCleanlyAndFreesThePort(signal: Int32) throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let preview = try Preview(in: directory)
        let address = preview.waitForAddress()
        #expect(try Self.curl(address + "state").status == 200)
        #expect(preview.stop(signal) == 0)
        #expect(preview.standardError.isEmpty, "standard error: \(preview.standardError)")
        #expect(try Self.curl(address + "state").status == 0, "nothing listens once stopped")
        // The same port can be listened on again at once.
        let again = try Preview(in: directory, arguments: [Self.programme, "--port", preview.port])
        #expect(again.waitForAddress() == address)
        #expect(again.stop() == 0)
    }

    /// `/state` once its generation is past `generation`, within `seconds`.
    static func state(_ address: String, after generation: Int, seconds: Double = 10) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let answer = try curl(address + "state")
            let json = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
            if let current = json["generation"] as? Int, current > generation { return json }
            if Date() > deadline { return json }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// A library file the programme includes, a `.regimen.yml` created beside it, and the
    /// profile: saving any of them renders the page again.
    @Test(.enabled(if: curlPath != nil, "curl is not installed"))
    func savingALibraryFileTheConfigurationOrTheProfileRendersAgain() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = directory.appendingPathComponent("programmes/patient.yaml")
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("docs/examples/patients/left-sciatica.yaml"), to: profile)
        let preview = try Preview(in: directory, arguments: [Self.programme, "--port", "0", "--patient", "programmes/patient.yaml"])
        let address = preview.waitForAddress()
        var state = try Self.state(address, after: 0)
        #expect(state["errors"] as? Int == 0)

        let library = directory.appendingPathComponent("programmes/library/hip.yaml")
        let original = try String(contentsOf: library, encoding: .utf8)
        try original.replacingOccurrences(of: "\n    name:", with: "\n    nmae:").write(to: library, atomically: true, encoding: .utf8)
        state = try Self.state(address, after: state["generation"] as? Int ?? 0)
        #expect((state["errors"] as? Int ?? 0) > 0, "a library file's typo: \(state)")
        #expect(state["stale"] as? Bool == true)
        try original.write(to: library, atomically: true, encoding: .utf8)
        state = try Self.state(address, after: state["generation"] as? Int ?? 0)
        #expect(state["errors"] as? Int == 0)
        #expect(state["stale"] as? Bool == false)

        let configuration = directory.appendingPathComponent(".regimen.yml")
        try "no-such-setting: 1\n".write(to: configuration, atomically: true, encoding: .utf8)
        state = try Self.state(address, after: state["generation"] as? Int ?? 0)
        #expect((state["errors"] as? Int ?? 0) > 0, "a new .regimen.yml's mistake: \(state)")
        try FileManager.default.removeItem(at: configuration)
        state = try Self.state(address, after: state["generation"] as? Int ?? 0)
        #expect(state["errors"] as? Int == 0)

        try FileManager.default.removeItem(at: profile)
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("docs/examples/patients/hip-replacement.yaml"), to: profile)
        state = try Self.state(address, after: state["generation"] as? Int ?? 0)
        #expect((state["errors"] as? Int ?? 0) > 0, "a contraindication for the new profile: \(state)")
        let page = try Self.curl(address)
        #expect(page.body.contains("RG301"))
        #expect(page.body.contains("id=\"rp-stale\" role=\"status\">"), "the handout is marked out of date")
        #expect(preview.stop() == 0)
    }

    @Test func aPortInUseIsOneClearLineAndExit2() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Preview(in: directory)
        first.waitForAddress()
        let second = try Preview(in: directory, arguments: [Self.programme, "--port", first.port])
        let status = second.waitForExit(seconds: 60)
        #expect(status == 2)
        #expect(second.standardOutput.isEmpty)
        let lines = second.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(second.standardError.hasPrefix("error: 127.0.0.1:\(first.port) is already in use"))
        #expect(first.stop() == 0)
    }

    @Test func aMissingProgrammeIsAUsageError() throws {
        let result = try BinaryTests.run(["preview", "no-such-programme.yaml", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.out.isEmpty)
        #expect(result.err == "error: no-such-programme.yaml: no such programme file\n")
    }

    // MARK: In headless Chromium

    static let seleniumInstalled: Bool = {
        guard Browser.chromium != nil, Browser.which(["chromedriver"]) != nil else { return false }
        return (try? Python.run("import selenium", input: ""))?.status == 0
    }()

    /// The done-when test of issue 19: a misspelt key saved shows up on the page, and goes when
    /// fixed; the handout is inline, marked out of date meanwhile, and runs no script.
    @Test(
        .enabled(
            if: seleniumInstalled || Browser.inCI,
            "headless Chromium, chromedriver (Debian chromium-driver) or Selenium (pip) is not installed: skipping (CI installs them)"))
    func aSavedTypoAppearsOnThePageAndGoesWhenFixed() throws {
        try #require(Self.seleniumInstalled, "CI must run the preview's browser test, but chromium-driver or selenium is missing")
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = Harness.repositoryRoot.appendingPathComponent("Tests/Browser/preview_page.py").path
        let result = try Browser.run(
            "/usr/bin/env", ["python3", script, BinaryTests.binary.path, directory.path, Self.programme], in: directory, seconds: 240)
        #expect(result.status == 0, "\(result.out)")
        for check in [
            "ok: the handout is in the page's DOM, inline",
            "ok: the misspelt key's finding (RG102: unknown key `titel` in a programme) appeared",
            "ok: the last handout stays, marked out of date", "ok: the finding went", "ok: the out-of-date marker went",
            "ok: markup in a finding is shown as text and runs nothing", "ok: markup in the handout is shown as text and runs nothing",
            "ok: SIGINT stopped the preview, exit 0",
        ] {
            #expect(result.out.contains(check), "missing `\(check)` in:\n\(result.out)")
        }
    }

    // MARK: The library, without a process

    @Test(arguments: [
        ("127.0.0.1:8080", true), ("localhost:8080", true), ("LOCALHOST:8080", true), ("127.0.0.1", false), ("localhost", false),
        ("127.0.0.1:80", false), ("evil.example:8080", false), ("127.0.0.1:8080.evil.example", false), ("[::1]:8080", false), ("", false),
    ])
    func theHostHeaderMustNameThisServer(host: String, allowed: Bool) {
        #expect(PreviewHTTPHandler.isAllowed(host: host.isEmpty ? nil : host, port: 8080) == allowed)
    }

    @Test func theHandoutsDocumentSelectorsMoveOntoTheShadowRoot() throws {
        let document = """
            <!DOCTYPE html><html><head><style>
            :root { --ink: #111; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0; }
            .card-body { columns: 2; }
            .log-table tbody th { text-align: left; }
            @media print {
              body { padding: 0; }
            }
            </style></head><body class="x">
            <h1>Title &lt;script&gt;</h1>
            </body></html>
            """
        let fragment = try #require(HandoutFragment(document: Data(document.utf8)))
        #expect(fragment.style.contains(":host { --ink: #111; }"))
        #expect(fragment.style.contains(".handout-html { -webkit-text-size-adjust: 100%; }"))
        #expect(fragment.style.contains(".handout-body { margin: 0; }"))
        #expect(fragment.style.contains("  .handout-body { padding: 0; }"))
        #expect(fragment.style.contains(".card-body { columns: 2; }"))
        #expect(fragment.style.contains(".log-table tbody th"))
        #expect(fragment.body == "\n<h1>Title &lt;script&gt;</h1>\n")
    }

    @Test func findingsAreValidatesAndCompilesRefusalsForThePatient() throws {
        let root = Harness.repositoryRoot.path
        let request = PreviewRequest(
            programme: root + "/" + Self.programme, patient: root + "/docs/examples/patients/hip-replacement.yaml",
            arguments: Workspace.Arguments(inputs: [root + "/" + Self.programme]))
        let render = PreviewRenderer(request: request).render()
        #expect(render.handout == nil, "a contraindicated prescription makes no handout")
        #expect(render.findings.contains { $0.code == "RG301" && $0.severity == .error })
        #expect(render.sources.first?.path.hasSuffix(Self.programme) == true, "the programme is listed first")
        #expect(render.watched.contains(root + "/programmes/library/lumbar.yaml"))
        #expect(render.watched.contains(root + "/docs/examples/patients/hip-replacement.yaml"))

        let fine = PreviewRenderer(
            request: PreviewRequest(
                programme: root + "/" + Self.programme, patient: root + "/docs/examples/patients/left-sciatica.yaml",
                arguments: Workspace.Arguments(inputs: [root + "/" + Self.programme]))
        ).render()
        #expect(fine.count(.error) == 0)
        let handout = try #require(fine.handout)
        #expect(String(decoding: handout, as: UTF8.self).contains("<h1>Easing sciatica - stretches and core control</h1>"))
    }

    @Test func withoutPatientThePreviewScreensAgainstTheConfigurationsProfile() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("patients"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("docs/examples/patients/hip-replacement.yaml"),
            to: directory.appendingPathComponent("patients/hip-replacement.yaml"))
        try "regimen-config: 1\npreview:\n  patient: patients/hip-replacement.yaml\n".write(
            to: directory.appendingPathComponent(".regimen.yml"), atomically: true, encoding: .utf8)
        let programme = directory.appendingPathComponent(Self.programme).path
        let render = PreviewRenderer(request: PreviewRequest(programme: programme, arguments: Workspace.Arguments(inputs: [programme])))
            .render()
        #expect(render.findings.contains { $0.code == "RG301" && $0.severity == .error }, "screened against the configured profile")
        #expect(render.handout == nil)
        #expect(render.watched.contains(directory.appendingPathComponent("patients/hip-replacement.yaml").path))
    }

    @Test func aPhaseThatIsNotThereIsAProblemOnThePageNotACrash() {
        let root = Harness.repositoryRoot.path
        let render = PreviewRenderer(
            request: PreviewRequest(
                programme: root + "/" + Self.programme, phase: "no-such-phase",
                arguments: Workspace.Arguments(inputs: [root + "/" + Self.programme]))
        ).render()
        #expect(render.handout == nil)
        #expect(render.problems.count == 1)
        #expect(render.problems.first?.hasPrefix("--phase: ") == true)
    }

    @Test func everyTextFromAFileIsEscapedOnThePage() {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\u{202E}"
        let source = SourceFile(path: "p<b>.yaml", text: "title: \(hostile)\n")
        let diagnostic = Diagnostic(
            code: "RG102", severity: .error, message: "unknown key `\(hostile)`",
            range: SourceRange(file: "p<b>.yaml", start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 6)),
            help: hostile, notes: [.init(hostile)])
        let render = PreviewRender(findings: [diagnostic], problems: [hostile], sources: [source], handout: nil, watched: [])
        let page = PreviewPage(snapshot: PreviewSnapshot(first: render, programme: "p<b>.yaml")).html
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains("\u{202E}"), "a bidi control is shown, not obeyed")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("\\u{202E}"))
        #expect(page.contains("<title>Preview: p&lt;b&gt;.yaml</title>"))
        #expect(page.components(separatedBy: "<script>").count == 2, "the page's own script only")
    }
}
