import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenPlugins
import RegimenValidate
import Testing

/// Plugins written into temporary directories: small shell scripts that describe themselves
/// and then misbehave in one particular way.
enum PluginFixture {
    /// A new directory holding `scripts` (executable), by file name.
    static func directory(_ scripts: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in scripts {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            if !name.hasSuffix(".yaml") {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
        return directory
    }

    /// The JSON a plugin prints for `--describe`.
    static func description(_ name: String, kind: String, contract: Int = 1) -> String {
        kind == "exporter"
            ? #"{"name":"\#(name)","kind":"exporter","contract":\#(contract),"formats":["\#(name)"],"fileExtension":"txt","description":"a test plugin"}"#
            : #"{"name":"\#(name)","kind":"rule","contract":\#(contract),"description":"a test plugin"}"#
    }

    /// A shell plugin that describes itself (`describe` replaces the description), then runs `body`.
    static func shell(_ name: String, kind: String, describe: String? = nil, body: String) -> String {
        """
        #!/bin/sh
        if [ "$1" = "--describe" ]; then
          printf '%s\\n' '\(describe ?? description(name, kind: kind))'
          exit 0
        fi
        \(body)

        """
    }

    /// One way a plugin can fail, and what Regimen must say about it.
    struct FailureMode: CustomTestStringConvertible, Sendable {
        let name: String
        let describe: String?
        let body: String
        let expected: [String]
        var timeout = false
        var testDescription: String { name }
    }

    /// Each failure mode, for an exporter (`bad`) or a rule plugin (`bad`).
    static func failureModes(kind: String) -> [FailureMode] {
        let who = kind == "exporter" ? "regimen-export-bad" : "regimen-rule-bad"
        let consume = kind == "exporter" ? "" : "cat > /dev/null\n"
        return [
            FailureMode(name: "crash", describe: nil, body: "kill -SEGV $$", expected: ["plugin `\(who)` crashed (SIGSEGV)"]),
            FailureMode(
                name: "non-zero exit", describe: nil, body: "echo 'the printer is on fire' >&2\nexit 7",
                expected: ["plugin `\(who)` failed", "it exited with status 7", "the printer is on fire"]),
            FailureMode(
                name: "timeout", describe: nil, body: "sleep 30",
                expected: ["plugin `\(who)` timed out", "no answer within", "--plugin-timeout"], timeout: true),
            FailureMode(
                name: "malformed JSON", describe: kind == "exporter" ? #"{"name": "bad", "kind": "exporter", "contract": 1,"# : nil,
                body: consume + #"printf '%s\n' '{"contract": 1, "diagnostics": [{"code": "BAD001", "severity": "warning"'"#,
                expected: ["plugin `\(who)` answered malformed output", "did not print a JSON object"]),
            FailureMode(
                name: "oversized output", describe: nil, body: "exec head -c 50000000 /dev/zero",
                expected: ["plugin `\(who)` wrote more than \(kind == "exporter" ? "32 MiB" : "4 MiB")", "so it was stopped"]),
            FailureMode(
                name: "wrong contract version", describe: description("bad", kind: kind, contract: 2), body: "exit 0",
                expected: ["plugin `\(who)` speaks plugin contract version 2; this Regimen speaks version 1"]),
        ]
    }

    /// Every file in `directory`, for checking that nothing was left behind.
    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}

/// The child-process runner: no shell, both pipes drained, bounded in time and output.
@Suite struct ProcessRunnerTests {
    static let runner = ProcessRunner(environment: ProcessRunner.pluginEnvironment(from: ProcessInfo.processInfo.environment))

    static func script(_ body: String) throws -> (directory: URL, path: String) {
        let directory = try PluginFixture.directory(["plugin": "#!/bin/sh\n\(body)\n"])
        return (directory, directory.appendingPathComponent("plugin").path)
    }

    @Test func bigInputAndOutputDoNotDeadlock() throws {
        // 4 MiB each way: far more than a pipe holds, so both must be served at once.
        let (directory, path) = try Self.script("cat")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = Data((0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let outcome = Self.runner.run(path, input: input)
        #expect(outcome.ending == .exited(0))
        #expect(outcome.output == input)
    }

    @Test func aPluginThatIgnoresItsInputStillFinishes() throws {
        let (directory, path) = try Self.script("echo done; exit 0")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = Self.runner.run(path, input: Data(count: 8 << 20))
        #expect(outcome.ending == .exited(0))
        #expect(String(decoding: outcome.output, as: UTF8.self) == "done\n")
    }

    @Test func endingsAreToldApart() throws {
        let (crash, crashPath) = try Self.script("kill -SEGV $$")
        let (fail, failPath) = try Self.script("echo oops >&2; exit 3")
        defer {
            try? FileManager.default.removeItem(at: crash)
            try? FileManager.default.removeItem(at: fail)
        }
        #expect(Self.runner.run(crashPath).ending == .signalled(SIGSEGV))
        let failed = Self.runner.run(failPath)
        #expect(failed.ending == .exited(3))
        #expect(failed.errorTail() == "oops")
        if case .couldNotStart = Self.runner.run("/nonexistent/regimen-export-x").ending {
        } else {
            Issue.record("a missing executable should not start")
        }
    }

    @Test func aHungPluginAndWhatItStartedAreStopped() throws {
        // `sleep` is a child of the shell and holds the pipes open: stopping only the shell
        // would leave the run waiting for it.
        let (directory, path) = try Self.script("sleep 30; echo late")
        defer { try? FileManager.default.removeItem(at: directory) }
        var limits = ProcessLimits()
        limits.timeout = 0.5
        let runner = ProcessRunner(limits: limits, environment: Self.runner.environment)
        let outcome = runner.run(path)
        #expect(outcome.ending == .timedOut)
        #expect(outcome.seconds < 5, "took \(outcome.seconds) s")
    }

    @Test func outputIsCapped() throws {
        let (directory, path) = try Self.script("exec head -c 5000000 /dev/zero")
        defer { try? FileManager.default.removeItem(at: directory) }
        var limits = ProcessLimits()
        limits.maxOutputBytes = 1 << 20
        let outcome = ProcessRunner(limits: limits, environment: Self.runner.environment).run(path)
        #expect(outcome.ending == .outputTooLarge)
        #expect(outcome.output.count <= (1 << 20) + 65_536)
    }

    @Test func theEnvironmentIsFixedAndCarriesNoSecrets() throws {
        let (directory, path) = try Self.script("env | sort")
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ProcessRunner.pluginEnvironment(from: [
            "PATH": "/usr/bin:/bin", "HOME": "/home/x", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "LANG": "fr_FR",
            "SOURCE_DATE_EPOCH": "1700000000",
        ])
        let outcome = ProcessRunner(environment: environment).run(path)
        let text = String(decoding: outcome.output, as: UTF8.self)
        #expect(text.contains("LC_ALL=C.UTF-8") && text.contains("TZ=UTC") && text.contains("REGIMEN_CONTRACT=1"))
        #expect(text.contains("HOME=/home/x") && text.contains("PATH=/usr/bin:/bin"))
        #expect(text.contains("SOURCE_DATE_EPOCH=1700000000"), "a time to stamp is passed on")
        #expect(!text.contains("s3cr3t") && !text.contains("fr_FR"))
    }
}

/// Where plugins are found, and which one of a name wins.
@Suite struct DiscoveryTests {
    @Test func theOrderIsRepositoryOptionEnvironmentPath() throws {
        let script = PluginFixture.shell("same", kind: "exporter", body: "exit 0")
        let repository = try CLITests.repository(["p.yaml": CLITests.clean])
        let option = try PluginFixture.directory(["regimen-export-same": script, "regimen-export-only-option": script])
        let environment = try PluginFixture.directory(["regimen-export-same": script, "regimen-rule-env": script])
        let path = try PluginFixture.directory([
            "regimen-export-same": script, "regimen-export-Bad_Name": script, "regimen-export-noexec.yaml": "",
        ])
        defer {
            for url in [repository, option, environment, path] { try? FileManager.default.removeItem(at: url) }
        }
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("plugins"), withIntermediateDirectories: true)
        try script.write(to: repository.appendingPathComponent("plugins/regimen-export-same"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: repository.appendingPathComponent("plugins/regimen-export-same").path)

        let settings = PluginSettings(
            pluginPaths: [option.path],
            environment: ["REGIMEN_PLUGIN_PATH": environment.path + "::", "PATH": path.path + ":/nonexistent"],
            currentDirectory: "/")
        let searchPath = settings.searchPath(forInputs: [repository.appendingPathComponent("p.yaml").path])
        #expect(searchPath.directories.map(\.origin) == [.repository, .option, .environment, .path, .path])
        let discovery = Discovery.scan(searchPath)
        let same = try #require(discovery.exporter("same"))
        #expect(same.directory.origin == .repository)
        #expect(discovery.shadowed.map(\.plugin.directory.origin) == [.option, .environment, .path])
        #expect(discovery.plugins.map(\.executableName) == ["regimen-export-only-option", "regimen-export-same", "regimen-rule-env"])
    }

    @Test func rulePacksComeFromRulesDirectoriesButNotFromPath() throws {
        let option = try PluginFixture.directory(["rules/a.yaml": "regimen-rules: 1\n", "rules/notes.txt": "", "b.yaml": ""])
        let path = try PluginFixture.directory(["rules/c.yaml": "regimen-rules: 1\n"])
        defer {
            try? FileManager.default.removeItem(at: option)
            try? FileManager.default.removeItem(at: path)
        }
        let settings = PluginSettings(pluginPaths: [option.path], environment: ["PATH": path.path], currentDirectory: "/")
        let discovery = Discovery.scan(settings.searchPath(forInputs: []))
        #expect(discovery.rulePacks.map { Paths.name(of: $0.path) } == ["a.yaml"])
    }
}

/// What a rule plugin reads: the programme, with a position on every value.
@Suite struct ContractTests {
    @Test func theProgrammeGoesOutWithPositionsAndComesBack() throws {
        let report = Harness.validate(CLITests.clean)
        let programme = try #require(report.load.programmes.first)
        let request = RuleRequest(programme, patient: nil, options: .init(sessionSizeLimit: 8))
        let data = try JSONEncoder().encode(request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["contract"] as? Int == 1 && object["kind"] as? String == "rule")
        let phases = try #require((object["programme"] as? [String: Any])?["phases"] as? [[String: Any]])
        let item = try #require((phases.first?["items"] as? [[String: Any]])?.first)
        let use = try #require(item["use"] as? [String: Any])
        #expect(use["value"] as? String == "chin-tuck")
        #expect(use["file"] as? String == "programme.yaml")
        #expect((use["line"] as? Int, use["column"] as? Int, use["endLine"] as? Int, use["endColumn"] as? Int) == (13, 14, 13, 23))
        let hold = try #require((item["dose"] as? [String: Any])?["holdSeconds"] as? [String: Any])
        #expect(hold["value"] as? Int == 5)
        // The same JSON reads back into the contract's types.
        #expect(try JSONDecoder().decode(RuleRequest.self, from: data) == request)
    }

    @Test func aPluginsFindingsAreCheckedBeforeTheyAreShown() throws {
        let files: Set = ["p.yaml"]
        func read(_ finding: PluginDiagnostic) -> String? {
            switch ExternalRule.diagnostic(finding, files: files, plugin: "regimen-rule-x") {
            case .success: nil
            case .failure(let problem): problem.why
            }
        }
        let good = PluginDiagnostic(code: "ABC123", severity: .warning, message: "fine", file: "p.yaml", line: 2, column: 3)
        #expect(read(good) == nil)
        var reserved = good
        reserved.code = "RG101"
        #expect(read(reserved)?.contains("Regimen keeps for its built-in rules") == true)
        var elsewhere = good
        elsewhere.file = "/etc/passwd"
        #expect(read(elsewhere)?.contains("not a file in the request") == true)
        var backwards = good
        backwards.endLine = 1
        #expect(read(backwards)?.contains("the end not before the start") == true)
        var empty = good
        empty.message = "  "
        #expect(read(empty) != nil)
    }
}

/// An exporter plugin behind the `Exporter` protocol, in-process.
@Suite struct ExternalExporterTests {
    @Test func itsFailuresAreExportErrorsNamingThePlugin() throws {
        let plugins = try PluginFixture.directory([
            "regimen-export-echo": PluginFixture.shell("echo", kind: "exporter", body: "cat"),
            "regimen-export-bad": PluginFixture.shell("bad", kind: "exporter", body: "echo 'no paper' >&2\nexit 2"),
        ])
        defer { try? FileManager.default.removeItem(at: plugins) }
        let settings = PluginSettings(pluginPaths: [plugins.path], environment: ProcessInfo.processInfo.environment)
        let discovery = Discovery.scan(settings.searchPath(forInputs: []), kinds: [.exporter], rulePacks: false)
        let plan = try #require(SmokeTest.plan())

        let echo = try ExternalExporter.load(try #require(discovery.exporter("echo")), runner: settings.runner).get()
        #expect((echo.identifier, echo.fileExtension, echo.summary) == ("echo", "txt", "a test plugin"))
        let request = try JSONDecoder().decode(
            ExportRequest.self, from: try echo.export(plan, options: ExportOptions(planDirectory: "/out")))
        #expect(request.contract == 1 && request.kind == "export" && request.format == "echo")
        #expect(request.plan == plan && request.options.planDirectory == "/out")

        let bad = try ExternalExporter.load(try #require(discovery.exporter("bad")), runner: settings.runner).get()
        #expect(throws: ExportError.self) { try bad.export(plan, options: ExportOptions()) }
        do {
            _ = try bad.export(plan, options: ExportOptions())
        } catch {
            #expect(error.message == "plugin `regimen-export-bad` failed while exporting `plugin-check` as bad: it exited with status 2")
            #expect(error.help?.contains("no paper") == true)
        }
    }
}

/// Exporter plugins, through the real binary.
@Suite struct ExporterPluginTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"
    static let patient = "docs/examples/patients/left-sciatica.yaml"

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theMarkdownPluginExportsTheSampleEndToEnd() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = out.appendingPathComponent("sciatica.md")
        let result = try BinaryTests.run(["export", Self.programme, "--patient", Self.patient, "--format", "markdown", "-o", file.path])
        #expect(result.status == 0, "\(result.err)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# Easing sciatica - stretches and core control\n"))
        #expect(text.contains("## Stop and get help if\n\n- Numbness, tingling or loss of feeling"))
        #expect(text.contains("## Phase 1: Settle the pain (weeks 1 to 2, 7 to 20 December 2026)"))
        #expect(text.contains("### Card 1. Lying on your elbows"))
        #expect(text.contains("left side"), "the patient's side is filled in")
        // The precautions that apply, in Regimen's own words and levels (the request's `handout`).
        #expect(
            text.contains("> **Take care with this exercise, because this applies to you: narrowing of the spinal canal.**"),
            "the precautions that apply are shown")
        #expect(text.contains("## Take care in daily life\n\n- **Take care with bending your lower back forwards"))
        // Standard output gives the same document.
        let piped = try BinaryTests.run(["export", Self.programme, "--patient", Self.patient, "--format", "markdown"])
        #expect(piped.status == 0 && piped.out == text)
    }

    @Test func theCalendarPluginWritesValidICalendar() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = out.appendingPathComponent("sciatica.ics")
        // 2026-12-01T10:00:00Z stands for the time of the export.
        let epoch = ["SOURCE_DATE_EPOCH": "1796119200"]
        let result = try BinaryTests.run(
            ["export", Self.programme, "--patient", Self.patient, "--format", "ics", "-o", file.path], environment: epoch)
        #expect(result.status == 0, "\(result.err)")
        let bytes = try Data(contentsOf: file)
        let events = try ICalendar.check(bytes)
        // 2 sessions a day in weeks 1-2, daily in weeks 3-8: 2×14 + 42.
        #expect(events.count == 70)
        #expect(Set(events.map(\.uid)).count == events.count, "UIDs are unique")
        #expect(events.first?.properties["DTSTART;VALUE=DATE"] == "20261207")
        #expect(events.last?.properties["DTSTART;VALUE=DATE"] == "20270131")
        // The time of the export, so that calendar software takes a later export as newer.
        #expect(
            events.allSatisfy { $0.properties["DTSTAMP"] == "20261201T100000Z" && $0.properties["LAST-MODIFIED"] == "20261201T100000Z" })
        #expect(events.allSatisfy { $0.properties["SEQUENCE"] == "29935320" }, "minutes since 1970")
        #expect(events.first?.properties["SUMMARY"] == "Exercises: Settle the pain (session 1 of 2)")
        #expect(events.first?.properties["DESCRIPTION"]?.contains(#"Lying on your elbows: 3 sets\, hold 1 min"#) == true)
        // The same plan, at the same SOURCE_DATE_EPOCH, gives the same bytes.
        let again = try BinaryTests.run(["export", Self.programme, "--patient", Self.patient, "--format", "ics"], environment: epoch)
        #expect(Data(again.out.utf8) == bytes)
        // Without it, the clock: a stamp of now, and a sequence no lower than the last one's.
        let before = Int(Date().timeIntervalSince1970)
        let now = try ICalendar.check(
            Data(try BinaryTests.run(["export", Self.programme, "--patient", Self.patient, "--format", "ics"]).out.utf8))
        let sequence = try #require(now.first?.properties["SEQUENCE"].flatMap { Int($0) })
        #expect(sequence >= before / 60 && sequence <= Int(Date().timeIntervalSince1970) / 60 + 1, "\(sequence)")
        let malformed = try BinaryTests.run(
            ["export", Self.programme, "--patient", Self.patient, "--format", "ics"], environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(malformed.status == 3 && malformed.out.isEmpty)
        #expect(malformed.err.contains("SOURCE_DATE_EPOCH is 'yesterday', not a whole number of seconds since 1970"), "\(malformed.err)")
    }

    @Test func aPlanWithoutDatesIsRefusedByTheCalendarPlugin() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = out.appendingPathComponent("sciatica.ics")
        let result = try BinaryTests.run(["export", Self.programme, "--format", "ics", "-o", file.path])
        #expect(result.status == 3)
        #expect(result.err.contains("error[RG401]: plugin `regimen-export-ics` failed while exporting `sciatica-muscle-imbalance` as ics"))
        #expect(result.err.contains("the plan has no dates: compile it with a patient profile that gives `start:`"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func anUnknownFormatListsThePlugins() throws {
        let result = try BinaryTests.run(["export", Self.programme, "--format", "markdwn"])
        #expect(result.status == 2)
        #expect(result.err.contains("no exporter is called `markdwn`; did you mean `markdown`?"))
        #expect(result.err.contains("html, ics, json, markdown, text"))
    }

    /// Each way an exporter can fail: a diagnostic naming it and what it did, exit 3, and the
    /// existing output file exactly as it was.
    @Test(arguments: PluginFixture.failureModes(kind: "exporter"))
    func aFailingExporterLeavesTheOutputAlone(_ mode: PluginFixture.FailureMode) throws {
        let plugins = try PluginFixture.directory([
            "regimen-export-bad": PluginFixture.shell("bad", kind: "exporter", describe: mode.describe, body: mode.body)
        ])
        let out = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: plugins)
            try? FileManager.default.removeItem(at: out)
        }
        let file = out.appendingPathComponent("handout.txt")
        try Data("the handout from last week\n".utf8).write(to: file)
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
        let timeout = mode.timeout ? ["--plugin-timeout", "1"] : []
        let started = Date()
        let result = try BinaryTests.run(
            ["export", Self.programme, "--format", "bad", "--plugin-path", plugins.path, "-o", file.path] + timeout)
        #expect(result.status == 3, "\(result.err)")
        #expect(result.err.contains("error[RG401]: "), "\(result.err)")
        for expected in mode.expected {
            #expect(result.err.contains(expected), "missing `\(expected)` in:\n\(result.err)")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "the handout from last week\n")
        let modified = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(modified == old, "the output file was touched")
        #expect(PluginFixture.names(in: out) == ["handout.txt"], "nothing else is left behind")
        #expect(Date().timeIntervalSince(started) < 20)
        // Nothing goes to standard output either.
        let piped = try BinaryTests.run(["export", Self.programme, "--format", "bad", "--plugin-path", plugins.path] + timeout)
        #expect(piped.status == 3 && piped.out.isEmpty)
    }
}

/// Checks an iCalendar file against the parts of RFC 5545 a calendar needs: CRLF line ends,
/// lines folded at 75 octets, balanced BEGIN/END, and the required properties.
enum ICalendar {
    struct Event {
        var properties: [String: String]
        var uid: String { properties["UID"] ?? "" }
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func check(_ bytes: Data) throws -> [Event] {
        let raw = [UInt8](bytes)
        guard raw.count >= 2, raw.suffix(2) == [13, 10] else { throw Invalid(description: "does not end in CRLF") }
        var physical: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == 13 {
                guard index + 1 < raw.count, raw[index + 1] == 10 else { throw Invalid(description: "a CR without LF at byte \(index)") }
                physical.append(current)
                current = []
                index += 2
                continue
            }
            if byte == 10 { throw Invalid(description: "a bare LF at byte \(index)") }
            current.append(byte)
            index += 1
        }
        for (number, line) in physical.enumerated() where line.count > 75 {
            throw Invalid(description: "line \(number + 1) is \(line.count) octets")
        }
        // Unfold: a line starting with a space continues the one before.
        var lines: [String] = []
        var pending: [UInt8] = []
        for line in physical {
            if line.first == 32 {
                guard !pending.isEmpty else { throw Invalid(description: "a continuation line with nothing to continue") }
                pending.append(contentsOf: line.dropFirst())
            } else {
                if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                pending = line
            }
        }
        if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
        for line in lines where String(decoding: Array(line.utf8), as: UTF8.self) != line {
            throw Invalid(description: "a line is not UTF-8: \(line)")
        }

        var stack: [String] = []
        var calendar: [String: String] = [:]
        var events: [Event] = []
        var event: [String: String]?
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Invalid(description: "no colon in `\(line)`") }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...])
            switch name {
            case "BEGIN":
                stack.append(value)
                if value == "VEVENT" { event = [:] }
            case "END":
                guard stack.last == value else { throw Invalid(description: "END:\(value) does not close \(stack.last ?? "nothing")") }
                stack.removeLast()
                if value == "VEVENT", let finished = event {
                    for required in ["UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"] where finished[required] == nil {
                        throw Invalid(description: "an event has no \(required)")
                    }
                    events.append(Event(properties: finished))
                    event = nil
                }
            default:
                if event != nil { event?[name] = value } else { calendar[name] = value }
            }
        }
        guard stack.isEmpty else { throw Invalid(description: "unclosed \(stack)") }
        guard lines.first == "BEGIN:VCALENDAR", lines.last == "END:VCALENDAR" else { throw Invalid(description: "not one VCALENDAR") }
        guard calendar["VERSION"] == "2.0", calendar["PRODID"] != nil else { throw Invalid(description: "VERSION or PRODID missing") }
        return events
    }
}

/// Rule plugins, through the real binary: their findings are shown like built-in ones, and a
/// failing one is reported without stopping the others.
@Suite struct RulePluginTests {
    /// A rule plugin in Python: it reports any exercise whose hold is 5 seconds or less.
    static let python = #"""
        #!/usr/bin/env python3
        import json, sys
        if sys.argv[1:] == ["--describe"]:
            print(json.dumps({"name": "short-holds", "kind": "rule", "contract": 1,
                              "description": "holds of 5 seconds or less rarely change anything"}))
            sys.exit(0)
        request = json.load(sys.stdin)
        found = []
        for phase in request["programme"]["phases"]:
            for item in phase["items"]:
                hold = (item.get("dose") or {}).get("holdSeconds")
                if hold and hold["value"] <= 5:
                    found.append({
                        "code": "PY001", "severity": "warning",
                        "message": "a hold of %d s is short" % hold["value"],
                        "file": hold["file"], "line": hold["line"], "column": hold["column"],
                        "endLine": hold["endLine"], "endColumn": hold["endColumn"],
                        "help": "hold for at least 10 s",
                        "notes": [{"message": "the exercise", "file": item["use"]["file"],
                                   "line": item["use"]["line"], "column": item["use"]["column"]}]})
        json.dump({"contract": 1, "diagnostics": found}, sys.stdout)
        """#

    @Test func aPythonRulesFindingsLookLikeABuiltInRules() throws {
        let plugins = try PluginFixture.directory(["regimen-rule-short-holds": Self.python])
        let root = try CLITests.repository(["p.yaml": CLITests.clean])
        defer {
            try? FileManager.default.removeItem(at: plugins)
            try? FileManager.default.removeItem(at: root)
        }
        let text = try BinaryTests.run(["validate", "p.yaml", "--plugin-path", plugins.path], in: root)
        #expect(text.status == 0, "\(text.out)\(text.err)")
        #expect(
            text.out.contains(
                """
                warning[PY001]: a hold of 5 s is short
                  --> p.yaml:14:33
                   |
                14 |         dose: { reps: 10, hold: 5s }
                   |                                 ^^
                   = help: hold for at least 10 s
                note: the exercise
                """), "\(text.out)")
        #expect(text.out.contains("= note: reported by the rule plugin `regimen-rule-short-holds`"))
        #expect(text.out.hasSuffix("checked 1 file: 1 warning\n"))
        let json = try BinaryTests.run(["validate", "p.yaml", "--format", "json", "--plugin-path", plugins.path], in: root)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(json.out.utf8))
        let finding = try #require(report.diagnostics.first)
        #expect(finding.code == "PY001" && finding.origin == "regimen-rule-short-holds")
        #expect((finding.line, finding.column, finding.endLine, finding.endColumn) == (14, 33, 14, 35))
    }

    /// Each way a rule plugin can fail: RG401 naming it and what it did, exit 3; the built-in
    /// rules and a good plugin still run.
    @Test(
        arguments: PluginFixture.failureModes(kind: "rule") + [
            PluginFixture.FailureMode(
                name: "wrong contract version in the answer", describe: nil,
                body: "cat > /dev/null\necho '{\"contract\": 2, \"diagnostics\": []}'",
                expected: ["plugin `regimen-rule-bad` speaks plugin contract version 2"]),
            PluginFixture.FailureMode(
                name: "a finding in a file it was not given", describe: nil,
                body: "cat > /dev/null\n"
                    + #"echo '{"contract": 1, "diagnostics": [{"code": "BAD001", "severity": "error", "message": "x", "file": "/etc/passwd", "line": 1, "column": 1}]}'"#,
                expected: ["`diagnostics[0]`: `file` names `/etc/passwd`, which is not a file in the request"]),
        ])
    func aFailingRulePluginIsReportedAndTheRestStillRun(_ mode: PluginFixture.FailureMode) throws {
        let good = PluginFixture.shell(
            "good", kind: "rule",
            body: "cat > /dev/null\n"
                + #"printf '%s\n' '{"contract":1,"diagnostics":[{"code":"GOOD001","severity":"warning","message":"a good plugin still runs","file":"p.yaml","line":3,"column":1}]}'"#
        )
        let plugins = try PluginFixture.directory([
            "regimen-rule-bad": PluginFixture.shell("bad", kind: "rule", describe: mode.describe, body: mode.body),
            "regimen-rule-good": good,
        ])
        // A built-in error too: a hold without a unit (RG104).
        let root = try CLITests.repository(["p.yaml": CLITests.clean.replacingOccurrences(of: "hold: 5s", with: "hold: 5")])
        defer {
            try? FileManager.default.removeItem(at: plugins)
            try? FileManager.default.removeItem(at: root)
        }
        let timeout = mode.timeout ? ["--plugin-timeout", "2"] : []
        let result = try BinaryTests.run(["validate", "p.yaml", "--plugin-path", plugins.path] + timeout, in: root)
        #expect(result.status == 3, "\(result.out)\(result.err)")
        #expect(result.out.contains("error[RG401]: "), "\(result.out)")
        for expected in mode.expected {
            #expect(result.out.contains(expected), "missing `\(expected)` in:\n\(result.out)")
        }
        #expect(result.out.contains("error[RG104]: cannot read `5` as a time"), "the built-in rules still run")
        #expect(result.out.contains("warning[GOOD001]: a good plugin still runs"), "the other plugins still run")
    }
}

/// `regimen plugins list` and `regimen plugins check`.
@Suite struct PluginsCommandTests {
    @Test func listShowsTheRepositorysPlugins() throws {
        let result = try BinaryTests.run(["plugins", "list"])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(lines.first == "NAME KIND FROM PATH CONTRACT STATUS")
        #expect(lines.contains("ics exporter repository plugins/regimen-export-ics 1 ok"))
        #expect(lines.contains("markdown exporter repository plugins/regimen-export-markdown 1 ok"))
        #expect(lines.contains { $0.hasPrefix("lumbar-spine rule-pack repository plugins/rules/lumbar-spine.yaml 1 ok (") })
    }

    @Test func checkTriesEveryPluginAndReportsProblems() throws {
        let clean = try BinaryTests.run(["plugins", "check"])
        #expect(clean.status == 0, "\(clean.out)\(clean.err)")
        #expect(clean.out.contains("no problems found"))
        #expect(clean.out.contains("ok      exporter  ics  plugins/regimen-export-ics  (contract 1, wrote "))

        let plugins = try PluginFixture.directory([
            "regimen-export-old": PluginFixture.shell(
                "old", kind: "exporter", describe: PluginFixture.description("old", kind: "exporter", contract: 2), body: "exit 0"),
            "regimen-rule-crash": PluginFixture.shell("crash", kind: "rule", body: "kill -ABRT $$"),
            "rules/broken.yaml": "regimen-rules: 1\nname: broken\nrules:\n  - code: RG999\n",
        ])
        defer { try? FileManager.default.removeItem(at: plugins) }
        let broken = try BinaryTests.run(["plugins", "check", "--plugin-path", plugins.path])
        #expect(broken.status == 3, "\(broken.out)\(broken.err)")
        #expect(broken.out.contains("plugin `regimen-export-old` speaks plugin contract version 2"))
        #expect(broken.out.contains("plugin `regimen-rule-crash` crashed (SIGABRT) while checking `regimen-plugins-check.yaml`"))
        #expect(broken.out.contains("error[RG402]: code `RG999` starts with `RG`"))
        #expect(broken.out.contains("checked 6 plugins: 3 problems"))
        let list = try BinaryTests.run(["plugins", "list", "--plugin-path", plugins.path, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: [[String: Any]]])["plugins"]
        #expect(rows?.first { $0["name"] as? String == "old" }?["status"] as? String == "refused: speaks contract version 2")
        #expect((rows?.first { $0["name"] as? String == "crash" }?["status"] as? String) == "ok", "list only asks for --describe")
        #expect(rows?.first { $0["name"] as? String == "crash" }?["origin"] as? String == "--plugin-path")
        #expect(rows?.first { $0["name"] as? String == "ics" }?["origin"] as? String == "repository")
    }
}
