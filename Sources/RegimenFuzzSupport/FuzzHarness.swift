import Foundation
import RegimenCompile
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenValidate

/// One fuzz input, run through the whole pipeline: load, validate (and screen), compile, and
/// every built-in exporter, with the findings rendered as text and as JSON. The libFuzzer target
/// (`Sources/RegimenFuzz`) and the regression tests (`FuzzRegressionTests`) share it, so that an
/// input that once crashed the fuzzer is replayed the same way by `swift test`. docs/fuzzing.md
/// describes it.
///
/// An input is a *bundle*: the bytes of `programme.yaml`, optionally followed by more files, each
/// introduced by a line `#@ PATH` (PATH relative to the repository, /repo). To YAML that line is
/// a comment, so any programme file is a bundle on its own. A `#@ patient.yaml` section is the
/// patient profile, and the programme is then compiled for that patient (screening). A section
/// `#@ .embed-images` (of any content) compiles with images embedded as `data:` URIs
/// (`--embed-images`), which the HTML handout then takes as they are.
///
///     regimen: 1
///     library: [library/lib.yaml]
///     …
///     #@ library/lib.yaml
///     regimen-library: 1
///     …
///     #@ patient.yaml
///     regimen-patient: 1
///
/// Unless a section replaces it, `library/lib.yaml` is `defaultLibrary`: a small, valid library
/// (with its picture, `library/images/bridge-1.png`), so that mutated programmes that include it
/// reach the compiler and the exporters. Image files are sections like any other (the exporters
/// embed their bytes without decoding them).
public enum FuzzHarness {
    /// The repository the bundle's files are placed in.
    public static let root = "/repo"
    /// Where the first section goes.
    public static let programmePath = "programme.yaml"
    /// The section that, when present, is the patient profile.
    public static let patientPath = "patient.yaml"
    /// The section that, when present, makes the plan embed its images.
    public static let embedImagesPath = ".embed-images"
    /// The line prefix that starts a new section.
    public static let marker: [UInt8] = Array("#@ ".utf8)

    /// The bounds used while fuzzing: the defaults, except files of at most 64 KiB (the largest
    /// input `make fuzz` gives, `-max_len=65536`), so that a slow input is a slow input and not
    /// merely a large one. Everything else (depth, aliases, nodes, weeks) is the default, so the
    /// defaults are what is fuzzed.
    public static let limits: Limits = {
        var limits = Limits.default
        limits.maxFileBytes = 64 * 1024
        return limits
    }()

    /// A small, valid library: images, precautions, and a progression chain.
    public static let defaultLibrary = """
        regimen-library: 1
        title: Fuzzing library
        credits: [Written for the fuzz harness]
        exercises:
          bridge:
            name: Bridge
            kind: strength
            region: [hip, lumbar]
            movements: [hip-extension, lumbar-extension]
            equipment: [mat]
            level: beginner
            purpose: Strengthens the buttocks
            position: Lying on your back, knees bent
            steps: [Lift your hips, Hold, Lower slowly]
            cues: [Squeeze your buttocks]
            mistakes: [Arching your back]
            images:
              - path: images/bridge-1.png
                alt: A person lifting their hips
                credit: Fuzz, public domain
            precautions:
              - when: [total-hip-replacement]
                level: precaution
                why: The new joint needs care
                advice: Lift only a little
            progress-to: single-leg-bridge
          single-leg-bridge:
            name: Single-leg bridge
            kind: strength
            region: hip
            movements: [hip-extension]
            level: intermediate
            steps: [Lift one foot, Lift your hips]
            regress-to: bridge
            precautions:
              - when: spondylolisthesis
                level: contraindicated
                why: It loads the lower back
          knee-hug:
            name: Knee hug
            kind: mobility
            region: lumbar
            movements: [lumbar-flexion, hip-flexion]
            steps: [Hug one knee to your chest]

        """

    /// A bundle split into files: absolute path to bytes.
    public struct Bundle: Sendable, Equatable {
        /// Every file, by absolute path (the defaults included).
        public var files: [String: [UInt8]]
        /// Whether a patient profile was given.
        public var hasPatient: Bool
        /// Whether images are embedded in the plan.
        public var embedsImages: Bool
    }

    /// `bytes` split at `#@ PATH` lines into files under /repo. A `#@` line whose path leaves the
    /// repository, names it or its `.git`, or is not UTF-8 starts no section: it stays in the
    /// current one (a comment to YAML). Later sections replace earlier ones of the same path.
    public static func bundle(_ bytes: [UInt8]) -> Bundle {
        var files: [String: [UInt8]] = [
            root + "/.git/HEAD": Array("ref: refs/heads/main\n".utf8),
            root + "/library/lib.yaml": Array(defaultLibrary.utf8),
            root + "/library/images/bridge-1.png": placeholderImage,
        ]
        var path = root + "/" + programmePath
        var start = 0
        var lineStart = 0
        var sections: [(path: String, bytes: ArraySlice<UInt8>)] = []
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if let next = sectionPath(bytes[lineStart..<lineEnd]) {
                sections.append((path, bytes[start..<lineStart]))
                path = next
                start = min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        sections.append((path, bytes[start...]))
        for section in sections { files[section.path] = placeholderPicture(for: section.path, text: section.bytes) ?? Array(section.bytes) }
        return Bundle(
            files: files, hasPatient: files[root + "/" + patientPath] != nil, embedsImages: files[root + "/" + embedImagesPath] != nil)
    }

    /// The absolute path a `#@ PATH` line names, or nil when the line is not one.
    static func sectionPath(_ line: ArraySlice<UInt8>) -> String? {
        guard line.starts(with: marker) else { return nil }
        var name = line.dropFirst(marker.count)
        if name.last == 0x0D { name = name.dropLast() }
        guard let text = String(validating: name, as: UTF8.self), !text.isEmpty, !text.contains("\0") else { return nil }
        let absolute = Paths.join(root, text)
        guard Paths.isInside(absolute, root), absolute != root, !Paths.isInside(absolute, root + "/.git") else { return nil }
        return absolute
    }

    /// What one run produced, for tests.
    public struct Outcome: Sendable {
        /// The codes of every finding, in presentation order.
        public var codes: [String]
        /// Whether a plan was made.
        public var compiled: Bool
        /// Each exporter's identifier, with the size of its document or the error it gave.
        public var exports: [String: Result<Int, ExportError>]
        /// The findings as `regimen validate` shows them.
        public var text: String
    }

    /// A failed invariant: something that a run must never produce, even from hostile input.
    public struct Violation: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `bytes` (a bundle) through load → validate and screen → compile → every built-in
    /// exporter, and renders the findings. Crashes, hangs and leaks are for the sanitizers and
    /// libFuzzer to see; what it checks itself is thrown as a `Violation`:
    ///
    /// - a plan is made only when no finding is an error;
    /// - the JSON exporter never fails on a plan, and what it writes decodes to the same plan;
    /// - the text exporter never fails on a plan; the HTML one either fails with a message or
    ///   writes a page that declares the no-script Content-Security-Policy;
    /// - the JSON report of the findings is JSON;
    /// - `regimen validate` of every YAML file of the bundle says the same, to the byte, whether
    ///   it keeps every file read or checks them a part (of one file) at a time.
    public static func run(_ bytes: [UInt8]) throws(Violation) -> Outcome {
        let bundle = bundle(bytes)
        let fileSystem = MemoryFileSystem(bytes: bundle.files, currentDirectory: root)
        let pipeline = CompilePipeline(
            loader: Loader(fileSystem: fileSystem, limits: limits, root: root),
            compiler: Compiler(options: CompileOptions(embedImages: bundle.embedsImages), fileSystem: fileSystem))
        let result = pipeline.run(programme: programmePath, patient: bundle.hasPatient ? patientPath : nil)

        let text = TextRenderer().render(result.diagnostics, sources: result.sources)
        let report = JSONReport(diagnostics: result.diagnostics, files: result.fileCount).encoded()
        guard (try? JSONSerialization.jsonObject(with: Data(report.utf8))) != nil else {
            throw Violation(description: "the JSON report is not JSON:\n\(report)")
        }
        try checkStreaming(bundle, fileSystem: fileSystem)
        var outcome = Outcome(codes: result.diagnostics.map(\.code), compiled: result.plan != nil, exports: [:], text: text)
        guard let plan = result.plan else { return outcome }
        if let error = result.diagnostics.first(where: { $0.severity == .error }) {
            throw Violation(description: "a plan was made despite an error: \(error.code) \(error.message)")
        }

        let files = bundle.files
        let options = ExportOptions(
            planDirectory: root,
            readFile: { path in files[path].map { Data($0) } })
        for exporter in ExporterRegistry.builtIn.exporters {
            do {
                let document = try exporter.export(plan, options: options)
                outcome.exports[exporter.identifier] = .success(document.count)
                try check(document, from: exporter.identifier, of: plan)
            } catch let error as Violation {
                throw error
            } catch {
                outcome.exports[exporter.identifier] = .failure(error as? ExportError ?? ExportError("\(error)"))
                if exporter.identifier != "html" {
                    throw Violation(description: "the \(exporter.identifier) exporter failed on a plan: \(error)")
                }
            }
        }
        return outcome
    }

    /// Validation of the bundle's YAML files, whole and a file at a time, must say the same.
    static func checkStreaming(_ bundle: Bundle, fileSystem: MemoryFileSystem) throws(Violation) {
        let paths = bundle.files.keys.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let loader = Loader(fileSystem: fileSystem, limits: limits, root: root)
        let whole = ValidationPipeline(loader: loader).run(paths: paths)
        let parts = ValidationPipeline(loader: loader, keepsLoad: false, partSize: 1).run(paths: paths)
        let expected = TextRenderer(colour: false).render(whole.diagnostics, sources: whole.sources)
        let streamed = TextRenderer(colour: false).render(parts.diagnostics, sources: parts.sources)
        guard whole.diagnostics == parts.diagnostics, expected == streamed else {
            throw Violation(description: "validating a file at a time says something else:\n\(streamed)\n--- whole ---\n\(expected)")
        }
    }

    /// The checks on an exporter's document.
    static func check(_ document: Data, from identifier: String, of plan: Plan) throws(Violation) {
        switch identifier {
        case "json":
            let decoded: Plan
            do {
                decoded = try Plan.decode(document)
            } catch {
                throw Violation(description: "the JSON plan does not decode: \(error)")
            }
            guard decoded == plan else {
                throw Violation(description: "the JSON plan decodes to a different plan:\n\(String(decoding: document, as: UTF8.self))")
            }
        case "html":
            let html = String(decoding: document, as: UTF8.self)
            let policy = HTMLExporter.contentSecurityPolicy
            guard html.contains(policy) || html.contains(HTMLExporter.escape(policy)) else {
                throw Violation(description: "the HTML handout lacks its Content-Security-Policy")
            }
        default:
            break
        }
    }

    /// The default picture: a PNG signature (the exporters do not decode images).
    static let placeholderImage: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A section that says `(a picture)` for an image file stands for the start of a picture of
    /// its type (a bundle is text, and images are checked by content): nil for any other section.
    static func placeholderPicture(for path: String, text: ArraySlice<UInt8>) -> [UInt8]? {
        guard String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "(a picture)" else { return nil }
        switch ImageContent.fileExtension(of: path) {
        case "jpg", "jpeg": return [0xFF, 0xD8, 0xFF, 0xE0]
        case "png": return placeholderImage
        case "gif": return Array("GIF89a".utf8)
        case "webp": return Array("RIFF\0\0\0\0WEBP".utf8)
        case "svg": return Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
        default: return nil
        }
    }

    /// The bundle of `programme` with `files` (paths relative to the repository) after it.
    public static func bundle(programme: String, files: [(path: String, text: String)]) -> [UInt8] {
        var text = programme
        for file in files {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "#@ \(file.path)\n" + file.text
        }
        return Array(text.utf8)
    }
}
