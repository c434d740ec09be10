import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// Validates in-memory files as if they were a repository at /repo.
enum Harness {
    /// Validates `main` (stored at /repo/`path`) with `files` beside it (paths relative to /repo).
    ///
    /// A `.regimen.yml` is honoured: when `main` is a configuration (RG501's examples) it is stored
    /// as /repo/.regimen.yml and the YAML files of `files` are validated under it; a
    /// `.regimen.yml` among `files` configures the validation of `main`.
    static func validate(
        _ main: String, path: String = "programme.yaml", files: [String: String] = [:],
        patient: String? = nil, options: ValidationOptions = ValidationOptions()
    ) -> ValidationPipeline.Report {
        let mainIsConfiguration = isConfiguration(main) || (isVocabulary(main) && files[Configuration.fileName] != nil)
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/\(mainPath(main, default: path))": main]
        for (name, text) in files { all["/repo/\(name)"] = text }
        if let patient { all["/repo/patient.yaml"] = patient }
        let fs = MemoryFileSystem(files: all, currentDirectory: "/repo")
        let pipeline = ValidationPipeline(
            loader: Loader(fileSystem: fs, root: "/repo"), validator: Validator(options: options))
        let patientPath = patient == nil ? nil : "patient.yaml"
        guard mainIsConfiguration || files[Configuration.fileName] != nil else {
            return pipeline.run(paths: [path], patient: patientPath)
        }
        // A vocabulary example is walked too, as `regimen validate .` would meet it.
        let paths = mainIsConfiguration ? configuredPaths(files) + (isVocabulary(main) ? [mainPath(main, default: path)] : []) : [path]
        return ConfiguredValidation(pipeline: pipeline).run(paths: paths, patient: patientPath).report
    }

    /// Whether an example's text is a `.regimen.yml` rather than a programme or library file.
    static func isConfiguration(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("regimen-config:") }
    }

    /// Whether an example's text is a vocabulary file (RG601's examples), named by a
    /// `.regimen.yml` among its files.
    static func isVocabulary(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("regimen-vocabulary:") }
    }

    /// Where an example's text is stored: `.regimen.yml` for a configuration, the file its
    /// first comment names for a vocabulary file (`# clinic-vocabulary.yaml`), else `path`.
    static func mainPath(_ text: String, default path: String) -> String {
        if isConfiguration(text) { return Configuration.fileName }
        if isVocabulary(text), let first = text.split(separator: "\n").first, first.hasPrefix("# "), first.hasSuffix(".yaml") {
            return String(first.dropFirst(first.hasPrefix("# file: ") ? 8 : 2))
        }
        return path
    }

    /// The files validated beside a configuration example: its YAML files, in path order.
    static func configuredPaths(_ files: [String: String]) -> [String] {
        files.keys.filter { $0 != Configuration.fileName && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
    }

    /// Validates raw `bytes` stored at /repo/`path`, with text `files` beside it.
    static func validate(bytes: [UInt8], path: String = "programme.yaml", files: [String: String] = [:]) -> ValidationPipeline.Report {
        var all: [String: [UInt8]] = ["/repo/.git/HEAD": Array("ref: refs/heads/main\n".utf8), "/repo/\(path)": bytes]
        for (name, text) in files { all["/repo/\(name)"] = Array(text.utf8) }
        let fs = MemoryFileSystem(bytes: all, currentDirectory: "/repo")
        return ValidationPipeline(loader: Loader(fileSystem: fs, root: "/repo")).run(paths: [path])
    }

    /// Code and start position of each finding, as "RG104@3:7".
    static func summary(_ report: ValidationPipeline.Report) -> [String] {
        report.diagnostics.map { "\($0.code)@\($0.range.start.line):\($0.range.start.column)" }
    }

    /// The repository's root directory (where Package.swift is).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}

/// Runs python3 with a script and standard input.
enum Python {
    static func run(_ script: String, input: String) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let out = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = out
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
