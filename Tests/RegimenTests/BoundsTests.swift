import Foundation
import RegimenCompile
import RegimenLoad
import RegimenPlugins
import Testing

/// Every bound of issue 17, item 3, hit through the built binary: a diagnostic with exit 1, 2
/// or 3, never 70, within a generous deadline and a generous ceiling on memory.
@Suite struct BoundsTests {
    /// What one bounded run of the binary did.
    struct Run {
        var status: Int32
        var out: String
        var err: String
        /// The largest resident set, in KiB, as `/usr/bin/time` measured it (0 when unknown).
        var maxResidentKiB: Int
    }

    /// Generous: a loaded machine with a debug build must still meet them.
    static let deadline: Double = 60
    static let memoryCeilingKiB = 1024 * 1024

    /// Runs the binary under `/usr/bin/time` (for its peak memory) and a deadline that kills it.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let rss = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-rss-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: rss) }
        let process = Process()
        // `timeout` kills a run past the deadline (exit 124); `time` measures the peak memory.
        let bounded = ["timeout", "-k", "5", String(Int(deadline)), BinaryTests.binary.path] + arguments
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
            ? ["/usr/bin/time", "-f", "%M", "-o", rss.path] + bounded : bounded
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once, so that neither can fill and stall the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let peak = (try? String(contentsOf: rss, encoding: .utf8)).flatMap { $0.split(separator: "\n").last.flatMap { Int($0) } } ?? 0
        return Run(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self),
            maxResidentKiB: peak)
    }

    /// The run ended by itself (not killed at the deadline) within the memory ceiling.
    static func expectBounded(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            run.status != 124 && run.status != 137 && run.status != 70, "exit \(run.status): \(run.err)", sourceLocation: sourceLocation)
        #expect(
            run.maxResidentKiB > 0, "no peak memory measured: install GNU time (apt-get install time; .ci/run installs it)",
            sourceLocation: sourceLocation)
        #expect(run.maxResidentKiB < memoryCeilingKiB, "peak memory \(run.maxResidentKiB) KiB", sourceLocation: sourceLocation)
    }

    // MARK: Plugin answers

    /// A repository whose `plugins/regimen-rule-flood` answers with what `answer` (Python)
    /// writes, after describing itself.
    static func floodingRepository(_ answer: String) throws -> URL {
        let script = """
            #!/usr/bin/env python3
            import sys
            if sys.argv[1:] == ["--describe"]:
                print('{"name":"flood","kind":"rule","contract":1,"description":"answers too much"}')
                sys.exit(0)
            sys.stdin.read()
            \(answer)

            """
        let root = try CLITests.repository(["p.yaml": CLITests.clean, "plugins/regimen-rule-flood": script])
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("plugins/regimen-rule-flood").path)
        return root
    }

    @Test func aRuleAnswerOf32MiBOfEmptyObjectsIsStoppedAtTheAnswerCap() throws {
        let root = try Self.floodingRepository(
            #"sys.stdout.write('{"contract":1,"diagnostics":[' + '{},' * (11 * 1024 * 1024) + '{}]}')"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["validate", "p.yaml"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 3, "\(run.out)\(run.err)")
        #expect(
            run.out.contains("error[RG401]: plugin `regimen-rule-flood` wrote more than 4 MiB while checking `p.yaml`, so it was stopped"))
    }

    @Test func aRuleAnswerWithinTheCapButOfAMillionFindingsIsRefusedBeforeDecoding() throws {
        let root = try Self.floodingRepository(
            #"sys.stdout.write('{"contract":1,"diagnostics":[' + '{},' * 1000000 + '{}]}')"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["validate", "p.yaml"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 3, "\(run.out)\(run.err)")
        #expect(
            run.out.contains(
                "error[RG401]: plugin `regimen-rule-flood` answered malformed output while checking `p.yaml`: its answer passes a bound at 1:30030: `diagnostics` has more than 10000 entries"
            ), "\(run.out)")
    }

    @Test func aDeeplyNestedRuleAnswerIsRefused() throws {
        let root = try Self.floodingRepository(#"sys.stdout.write('{"contract":1,"diagnostics":' + '[' * 100000 + ']' * 100000 + '}')"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["validate", "p.yaml"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 3)
        #expect(run.out.contains("its answer passes a bound at 1:36: values nest more than 8 deep"), "\(run.out)")
    }

    // MARK: Plans given to export

    static func planRepository(_ files: [String: String]) throws -> URL { try CLITests.repository(files) }

    @Test func aPlanOfAMillionWeeksIsRefusedAtTheFirstWeekOverTheLimit() throws {
        let plan = #"{"plan":1,"schedule":["# + Array(repeating: "{}", count: 1_000_000).joined(separator: ",") + "]}"
        let root = try Self.planRepository(["million.json": plan])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["export", "million.json", "--format", "html", "-o", "out.html"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 1)
        #expect(
            run.err.contains("error[RG004]: the plan passes a limit: `schedule` has more than 104 entries\n --> million.json:1:335"),
            "\(run.err)")
        #expect(run.err.contains("raise the limit with `--limit max-weeks=N`"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out.html").path))
    }

    @Test func aPlanFileOver64MiBIsRefusedUnread() throws {
        let root = try Self.planRepository([:])
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("big.json")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(PlanBounds.maxFileBytes + 10))  // sparse: nothing to write
        try handle.close()
        let run = try Self.run(["export", "big.json", "--format", "json"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 1)
        #expect(run.err.contains("error[RG004]: the plan is larger than 67108864 bytes (64 MiB)"), "\(run.err)")
    }

    /// The golden plan, changed by `edit` (on its JSON object), as a file in a new repository.
    static func editedPlan(_ edit: (inout [String: Any]) -> Void) throws -> URL {
        let golden = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/sciatica.plan.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: golden)) as? [String: Any])
        edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        return try Self.planRepository(["plan.json": String(decoding: data, as: UTF8.self)])
    }

    @Test func aPlanWithAWeekPastTheLimitOrAnOverlongTextIsRefused() throws {
        let farWeek = try Self.editedPlan { plan in
            var schedule = plan["schedule"] as! [[String: Any]]
            schedule[0]["week"] = 1_000_000_000
            plan["schedule"] = schedule
        }
        let longTitle = try Self.editedPlan { plan in
            var programme = plan["programme"] as! [String: Any]
            programme["title"] = String(repeating: "a", count: 200_000)
            plan["programme"] = programme
        }
        defer {
            try? FileManager.default.removeItem(at: farWeek)
            try? FileManager.default.removeItem(at: longTitle)
        }
        let week = try Self.run(["export", "plan.json", "--format", "text"], in: farWeek)
        #expect(week.status == 1)
        #expect(week.err.contains("error[RG004]: the plan passes a limit: week 1000000000 is not from 1 to 104"), "\(week.err)")
        let title = try Self.run(["export", "plan.json", "--format", "text"], in: longTitle)
        #expect(title.status == 1)
        #expect(
            title.err.contains("error[RG004]: the plan passes a limit: a text (in `programme`) is longer than 100000 characters"),
            "\(title.err)")
    }

    @Test func theGoldenPlanStillExports() throws {
        let root = try Self.editedPlan { _ in }
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["export", "plan.json", "--format", "text"], in: root)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Sciatica"), "\(run.out)")
    }

    // MARK: Profiles

    @Test func aProfileListingTooManyConditionsIsRG004() throws {
        let conditions = (1...150).map { "  - condition-\($0)" }.joined(separator: "\n")
        let root = try CLITests.repository(["p.yaml": CLITests.clean, "patient.yaml": "regimen-patient: 1\nconditions:\n\(conditions)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["compile", "p.yaml", "--patient", "patient.yaml"], in: root)
        Self.expectBounded(run)
        #expect(run.status == 1, "\(run.err)")
        #expect(run.err.contains("error[RG004]: profile lists more than 100 conditions\n   --> patient.yaml:103:5"), "\(run.err)")
        #expect(run.err.contains("raise the limit with `--limit max-conditions=N`"))
    }

    // MARK: Templates

    static let page = """
        <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}">
        <title>{{title}}</title></head><body>
        """

    /// Exports the sample programme as HTML with `template`, to `out.html` beside it.
    static func exportWith(template: String) throws -> (run: Run, root: URL) {
        let root = try CLITests.repository(["t.mustache": template])
        let programme = Harness.repositoryRoot.appendingPathComponent(CompileTests.programme).path
        let run = try Self.run(
            ["export", programme, "--format", "html", "--template", "t.mustache", "--root", Harness.repositoryRoot.path, "-o", "out.html"],
            in: root)
        return (run, root)
    }

    @Test func aThousandNestedSectionsAreRefusedBeforeParsingNotExit70() throws {
        let template = Self.page + String(repeating: "{{#phases}}", count: 1_000) + "x" + String(repeating: "{{/phases}}", count: 1_000)
        let (run, root) = try Self.exportWith(template: template)
        defer { try? FileManager.default.removeItem(at: root) }
        Self.expectBounded(run)
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err.contains("error: html export failed: t.mustache:2:302: sections nest more than 24 deep"), "\(run.err)")
    }

    /// 20 sections over the three phases, each with 200 bytes of text: 3^20 entries if rendered;
    /// the same through a transform, which gives a list too.
    @Test(arguments: ["phases", "reversed(phases)"])
    func sectionsThatMultiplyStopAtTheOutputCap(_ list: String) throws {
        let level = "{{#\(list)}}" + String(repeating: "y", count: 200)
        let template =
            Self.page + String(repeating: level, count: 20) + "x" + String(repeating: "{{/\(list)}}", count: 20) + "</body></html>"
        let (run, root) = try Self.exportWith(template: template)
        defer { try? FileManager.default.removeItem(at: root) }
        Self.expectBounded(run)
        #expect(run.status == 2, "\(run.err)")
        #expect(
            run.err.contains("t.mustache renders a handout larger than 67108864 bytes (64 MiB), so rendering was stopped"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out.html").path))
    }

    @Test func aTemplateOver1MiBIsRefused() throws {
        let (run, root) = try Self.exportWith(template: Self.page + String(repeating: "<p>x</p>\n", count: 120_000) + "</body></html>")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(run.status == 2)
        #expect(run.err.contains("t.mustache is larger than 1048576 bytes (1 MiB)"), "\(run.err)")
    }

    // MARK: Ceilings

    @Test func aConfigurationCannotRaiseALimitPastItsCeiling() throws {
        let root = try CLITests.repository([
            "p.yaml": CLITests.clean, ".regimen.yml": "regimen-config: 1\nlimits:\n  max-depth: 1099511627776\n  max-phases: 150\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["validate", "p.yaml"], in: root)
        #expect(run.status == 1, "\(run.out)\(run.err)")
        #expect(
            run.out.contains(
                "error[RG501]: `1099511627776` is not a value for `max-depth`: `max-depth` can be raised to at most 256, not 1099511627776"
            ),
            "\(run.out)")
        #expect(run.out.contains(".regimen.yml:3:14"))
        #expect(!run.out.contains("max-phases"), "a value within its ceiling is accepted")
    }

    @Test func theCommandLineCannotRaiseALimitPastItsCeiling() throws {
        let root = try CLITests.repository(["p.yaml": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: root) }
        let over = try Self.run(["validate", "--limit", "max-file-bytes=1099511627776", "p.yaml"], in: root)
        #expect(over.status == 2)
        #expect(
            over.err.contains(
                "`--limit max-file-bytes=1099511627776`: `max-file-bytes` can be raised to at most 67108864, not 1099511627776"),
            "\(over.err)")
        let within = try Self.run(["validate", "--limit", "max-file-bytes=67108864", "p.yaml"], in: root)
        #expect(within.status == 0, "\(within.err)")
    }

    /// At the depth ceiling the loader still reads safely, on the threads `validate` spreads
    /// files over: nesting 250 deep (a flow list; a block list of mappings, two levels each) is
    /// a finding, not a crash.
    @Test func aFileNestedToTheDepthCeilingIsReadSafely() throws {
        let ceiling = try #require(Limits.ceiling("max-depth"))
        let deep = "x: " + String(repeating: "[", count: ceiling - 6) + String(repeating: "]", count: ceiling - 6) + "\n"
        let block = "y:\n" + (1...(ceiling / 2 - 6)).map { String(repeating: "  ", count: $0 - 1) + "- \($0)" }.joined(separator: ":\n") + "\n"
        var files = ["p.yaml": CLITests.clean]
        for index in 1...4 {
            files["flow\(index).yaml"] = CLITests.clean + deep
            files["block\(index).yaml"] = CLITests.clean + block
        }
        let root = try CLITests.repository(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.run(["validate", "--limit", "max-depth=\(ceiling)", "."], in: root)
        Self.expectBounded(run)
        #expect(run.status == 1, "\(run.out)\(run.err)")
        #expect(run.out.contains("error[RG102]"), "\(run.out)")
        #expect(!run.out.contains("RG004"), "\(run.out)")
    }

    @Test func everyLimitHasACeilingAboveItsDefaultAndDocsListIt() throws {
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/limits.md"), encoding: .utf8)
        for entry in Limits.names {
            let ceiling = try #require(Limits.ceiling(entry.name), "\(entry.name) has no ceiling")
            #expect(ceiling > Limits.default[keyPath: entry.keyPath])
            let row = docs.split(separator: "\n").first { $0.hasPrefix("| `\(entry.name)` |") }
            #expect(row?.contains("| \(ceiling) |") == true, "docs/limits.md gives \(entry.name) the ceiling \(ceiling)")
        }
    }
}
