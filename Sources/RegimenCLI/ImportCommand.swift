import ArgumentParser
import Foundation
import RegimenDiagnostics
import RegimenImport
import RegimenLoad

/// `regimen import free-exercise-db PATH [-o DIR]`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert another exercise data set into Regimen library files.",
        discussion: """
            Sources: free-exercise-db (public domain): PATH is its folder (holding exercises.json \
            and images/) or its exercises.json. Each body region becomes one library file; photos \
            that exist beside the data set are copied into DIR/images/. What the data set does not \
            say (dosage, precautions, movement tags) is left for the clinician, never invented. \
            Importing twice gives the same bytes.

            EXAMPLES:
              regimen import free-exercise-db ~/free-exercise-db -o imported
                one library file per body region in imported/, photos in imported/images/
              regimen import free-exercise-db ~/free-exercise-db/exercises.json
                the same, into imported-library/

            \(ExitStatus.helpText)
            """)

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case freeExerciseDB = "free-exercise-db"
    }

    @Argument(help: "The data set: free-exercise-db.")
    var source: Source

    @Argument(help: "The data set's folder, or its exercises.json.")
    var path: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The directory to write the library files into.", valueName: "dir"))
    var output: String = "imported-library"

    func run() throws {
        let console = Console.current
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            console.err("error: \(Visible.escaped(path)): no such file or directory\n")
            throw ExitStatus.usage.exitCode
        }
        let jsonPath = isDirectory.boolValue ? path + "/exercises.json" : path
        let datasetDirectory = Paths.directory(of: Paths.join(FileManager.default.currentDirectoryPath, jsonPath))
        guard let json = FileManager.default.contents(atPath: jsonPath) else {
            console.err("error: \(Visible.escaped(jsonPath)): cannot be read\n")
            throw ExitStatus.usage.exitCode
        }
        let converted: FreeExerciseDBImporter.Output
        // Photos are copied only from inside the data set's folder: one that is a link leading
        // out of it is neither copied nor named in the library, with a warning.
        let boundary = RepositoryBoundary(root: datasetDirectory)
        let refused = RefusedPhotos()
        let importer = FreeExerciseDBImporter(fileExists: { path in
            switch boundary.check(path) {
            case .inside(let real): return FileManager.default.fileExists(atPath: real)
            case .missing: return false
            case .outside(let refusal):
                refused.add(refusal)
                return false
            }
        })
        do {
            converted = try importer.convert(json: json, imagesDirectory: datasetDirectory + "/images")
        } catch {
            console.err("error: \(Visible.escaped(jsonPath)): \(error.description)\n")
            throw ExitStatus.usage.exitCode
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for image in converted.images {
                let target = output + "/" + image.to
                try FileManager.default.createDirectory(atPath: Paths.directory(of: target), withIntermediateDirectories: true)
                guard let bytes = try? boundary.read(image.from, limit: 64 * 1024 * 1024), bytes.count <= 64 * 1024 * 1024 else { continue }
                try AtomicFile.write(Data(bytes), to: target)
            }
            for file in converted.files {
                try AtomicFile.write(Data(file.text.utf8), to: output + "/" + file.path)
            }
        } catch let failure as AtomicFile.Failure {
            console.err("error: \(Visible.escaped(failure.description))\n")
            throw ExitStatus.usage.exitCode
        } catch {
            console.err("error: cannot create `\(Visible.escaped(output))`: \(error.localizedDescription)\n")
            throw ExitStatus.usage.exitCode
        }
        let shown = { (path: String) in Paths.relative(path, to: FileManager.default.currentDirectoryPath) }
        for refusal in refused.all {
            console.err("warning: photo not copied: \(refusal.message(shown: shown))\n")
        }
        console.say(
            "imported \(converted.exerciseCount) exercises into \(converted.files.count) library files in \(Visible.escaped(output))/"
                + " (\(converted.withPhotos) with photos)\n")
        if !converted.withoutSteps.isEmpty {
            console.say(
                "\(converted.withoutSteps.count) have no instructions in the data set, so no steps: "
                    + converted.withoutSteps.map(Visible.escaped).joined(separator: ", ") + " (write their steps before prescribing them)\n"
            )
        }
    }
}

/// The photos an import refused, gathered from the importer's checks (which may run on any thread).
private final class RefusedPhotos: @unchecked Sendable {
    private let lock = NSLock()
    private var refusals: [RepositoryBoundary.Refusal] = []

    func add(_ refusal: RepositoryBoundary.Refusal) {
        lock.lock()
        defer { lock.unlock() }
        refusals.append(refusal)
    }

    /// Each refusal once, in the order met.
    var all: [RepositoryBoundary.Refusal] {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<String>()
        return refusals.filter { seen.insert($0.path).inserted }
    }
}
