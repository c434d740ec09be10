import Foundation
import RegimenCompile
import RegimenConfig
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenPlugins
import RegimenValidate

/// What a fuzz input is fed to. `pipeline` is the programme bundle of `FuzzHarness.run`; the
/// others are the inputs that reach Regimen from elsewhere than a programme: a patient profile, a
/// `.regimen.yml`, a rule pack, a plan given to `export`, a handout template, and a rule
/// plugin's answer. `make fuzz FUZZ_TARGET=NAME` fuzzes one (docs/fuzzing.md); each has its own seeds in
/// `Tests/Fuzz/corpus-NAME/` (the pipeline's are in `Tests/Fuzz/corpus/`).
public enum FuzzSurface: String, CaseIterable, Sendable {
    case pipeline, profile, configuration, rulePack = "rule-pack", plan, template, pluginAnswer = "plugin-answer"

    /// The directory under `Tests/Fuzz/` that holds this surface's seeds.
    public var corpusDirectory: String { self == .pipeline ? "corpus" : "corpus-" + rawValue }

    /// Runs `bytes` through this surface; a broken invariant is thrown.
    public func run(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        switch self {
        case .pipeline:
            let outcome = try FuzzHarness.run(bytes)
            return "\(outcome.codes.count) findings" + (outcome.compiled ? ", plan" : "")
        case .profile:
            // The input is the patient profile of a fixed, valid programme.
            let outcome = try FuzzHarness.run(
                FuzzHarness.bundle(programme: FuzzSurface.programme, files: [(FuzzHarness.patientPath, String(decoding: bytes, as: UTF8.self))]))
            return "\(outcome.codes.count) findings" + (outcome.compiled ? ", plan" : "")
        case .configuration: return try Self.configuration(bytes)
        case .rulePack: return try Self.rulePack(bytes)
        case .plan: return try Self.plan(bytes)
        case .template: return try Self.template(bytes)
        case .pluginAnswer: return try Self.pluginAnswer(bytes)
        }
    }

    /// A small, valid programme over `FuzzHarness.defaultLibrary`, with a condition, a
    /// restriction and a progression: what profiles, configurations, rule packs and templates
    /// are tried against.
    public static let programme = """
        regimen: 1
        id: fuzz-programme
        title: Fuzzing programme
        condition: [low-back-pain]
        red-flags: [Numbness between the legs]
        library: [library/lib.yaml]
        restrictions:
          - movement: lumbar-flexion
            level: precaution
            weeks: 1-2
            why: Bending forward eases slowly
        phases:
          - id: settle
            title: Settle
            weeks: 1-2
            sessions: daily
            items:
              - use: bridge
                dose: { sets: 2, reps: 8, hold: 3s }
                progress: { every: 1 week, reps: +2, until: { reps: 12 } }
          - id: build
            weeks: 3-4
            items:
              - use: single-leg-bridge
                dose: { sets: 3, reps: 6, side: affected }
              - use: knee-hug
                dose: { hold: 20s }

        """

    /// The repository files the fixed programme needs, with `extra` added (absolute paths).
    static func files(_ extra: [String: [UInt8]] = [:]) -> [String: [UInt8]] {
        var files = FuzzHarness.bundle(Array(programme.utf8)).files
        for (path, bytes) in extra { files[path] = bytes }
        return files
    }

    static func loader(_ files: [String: [UInt8]]) -> Loader {
        Loader(fileSystem: MemoryFileSystem(bytes: files, currentDirectory: FuzzHarness.root), limits: FuzzHarness.limits, root: FuzzHarness.root)
    }

    /// The text and JSON forms of `diagnostics` must render, and the JSON must be JSON.
    static func render(_ diagnostics: [Diagnostic], sources: SourceMap, files: Int) throws(FuzzHarness.Violation) -> String {
        let text = TextRenderer().render(diagnostics, sources: sources)
        let report = JSONReport(diagnostics: diagnostics, files: files).encoded()
        guard (try? JSONSerialization.jsonObject(with: Data(report.utf8))) != nil else {
            throw FuzzHarness.Violation(description: "the JSON report is not JSON:\n\(report)")
        }
        return "\(diagnostics.count) findings, \(text.utf8.count) bytes of text"
    }

    /// The input is `.regimen.yml` (a bundle: more files may follow, such as vocabulary files),
    /// applied to the fixed programme.
    static func configuration(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        var repository = files()
        let bundle = FuzzHarness.bundle(bytes).files
        for (path, content) in bundle where path != FuzzHarness.root + "/" + FuzzHarness.programmePath {
            repository[path] = content
        }
        // The first section is the configuration.
        repository[FuzzHarness.root + "/.regimen.yml"] = bundle[FuzzHarness.root + "/" + FuzzHarness.programmePath]
        let run = ConfiguredValidation(pipeline: ValidationPipeline(loader: loader(repository))).run(paths: [FuzzHarness.programmePath])
        return try render(run.report.diagnostics, sources: run.report.sources, files: run.report.fileCount)
    }

    /// The fixed programme, loaded once.
    static let loaded: (load: LoadResult, programme: LoadedProgramme?) = {
        let load = loader(files()).load(paths: [FuzzHarness.programmePath])
        return (load, load.programmes.first)
    }()

    /// The input is a rule pack: read, then each of its entries checked against the fixed programme.
    static func rulePack(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        let parsed = RulePack.parse(bytes, path: "plugins/rules/fuzz.yaml")
        var diagnostics = parsed.diagnostics
        if let pack = parsed.pack, let programme = loaded.programme {
            let context = RuleContext()
            for entry in pack.entries {
                diagnostics += RulePackRule(pack: pack, entry: entry).check(programme: programme, context: context)
            }
        }
        var sources = loaded.load.sources
        sources.add(parsed.source)
        return try render(diagnostics, sources: sources, files: 2)
    }

    /// The fixed programme's plan, compiled once.
    public static let fixedPlan: Plan? = {
        let repository = files()
        let fileSystem = MemoryFileSystem(bytes: repository, currentDirectory: FuzzHarness.root)
        let pipeline = CompilePipeline(loader: loader(repository), compiler: Compiler(fileSystem: fileSystem))
        return pipeline.run(programme: FuzzHarness.programmePath).plan
    }()

    static func exportOptions(template: String? = nil) -> ExportOptions {
        let repository = files()
        return ExportOptions(
            template: template, templatePath: template == nil ? nil : "template.html", planDirectory: FuzzHarness.root,
            readFile: { path in repository[path].map { Data($0) } })
    }

    /// The input is a plan, as `regimen export plan.json` reads it: decoded (or refused), then
    /// given to every built-in exporter.
    static func plan(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        guard let plan = try? Plan.decode(Data(bytes)) else { return "not a plan" }
        var exported: [String] = []
        for exporter in ExporterRegistry.builtIn.exporters {
            do {
                let document = try exporter.export(plan, options: exportOptions())
                try FuzzHarness.check(document, from: exporter.identifier, of: plan)
                exported.append("\(exporter.identifier) \(document.count) bytes")
            } catch let violation as FuzzHarness.Violation {
                throw violation
            } catch {
                exported.append("\(exporter.identifier) refused")
            }
        }
        return exported.joined(separator: ", ")
    }

    /// The input is a handout template, rendered with the fixed programme's plan: refused with
    /// a message, or a page that passes the handout's checks.
    static func template(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        guard let plan = fixedPlan else { throw FuzzHarness.Violation(description: "the fixed programme does not compile") }
        do {
            let document = try HTMLExporter().export(plan, options: exportOptions(template: String(decoding: bytes, as: UTF8.self)))
            try FuzzHarness.check(document, from: "html", of: plan)
            return "html \(document.count) bytes"
        } catch let violation as FuzzHarness.Violation {
            throw violation
        } catch {
            return "refused"
        }
    }

    /// The input is a rule plugin's answer to a request about the fixed programme.
    static func pluginAnswer(_ bytes: [UInt8]) throws(FuzzHarness.Violation) -> String {
        guard let programme = loaded.programme else { throw FuzzHarness.Violation(description: "the fixed programme does not load") }
        let files = Set([programme.path]).union(programme.includes.map(\.path))
        switch ExternalRule.decodeAnswer(Data(bytes), files: files, plugin: "fuzz-plugin") {
        case .success(let diagnostics): return try render(diagnostics, sources: loaded.load.sources, files: files.count)
        case .failure(let problem): return "refused (\(problem))"
        }
    }
}
