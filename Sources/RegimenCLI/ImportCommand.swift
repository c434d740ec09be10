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
            Sources: free-exercise-db (public domain): PATH is its folder (holding exercises.json \\
            and images/) or its exercises.json. Each body region becomes one library file; photos \\
            that exist beside the data set are copied into DIR/images/. What the data set does not \\
            say (dosage, precautions, movement tags) is left for the clinician, never invented. \\
            Importing twice gives the same bytes.

            \\(ExitStatus.helpText)
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
        do {
            converted = try FreeExerciseDBImporter().convert(json: json, imagesDirectory: datasetDirectory + "/images")
        } catch {
            console.err("error: \(Visible.escaped(jsonPath)): \(error.description)\n")
            throw ExitStatus.usage.exitCode
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for image in converted.images {
                let target = output + "/" + image.to
                try FileManager.default.createDirectory(atPath: Paths.directory(of: target), withIntermediateDirectories: true)
                guard let bytes = FileManager.default.contents(atPath: image.from) else { continue }
                try AtomicFile.write(bytes, to: target)
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
