import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// Validates in-memory files as if they were a repository at /repo.
enum Harness {
    /// Validates `main` (stored at /repo/`path`) with `files` beside it (paths relative to /repo).
    static func validate(
        _ main: String, path: String = "programme.yaml", files: [String: String] = [:],
        patient: String? = nil, options: ValidationOptions = ValidationOptions()
    ) -> ValidationPipeline.Report {
        var all = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/\(path)": main]
        for (name, text) in files { all["/repo/\(name)"] = text }
        if let patient { all["/repo/patient.yaml"] = patient }
        let fs = MemoryFileSystem(files: all, currentDirectory: "/repo")
        let pipeline = ValidationPipeline(
            loader: Loader(fileSystem: fs, root: "/repo"), validator: Validator(options: options))
        return pipeline.run(paths: [path], patient: patient == nil ? nil : "patient.yaml")
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
