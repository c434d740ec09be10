import Foundation
import RegimenDiagnostics
import RegimenImport
import RegimenLoad
import RegimenValidate
import Testing

/// The real data set, where this checkout has it beside it (CI always does).
enum SharedData {
    static let freeExerciseDB = Harness.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/free-exercise-db")
    static var available: Bool { FileManager.default.fileExists(atPath: freeExerciseDB.appendingPathComponent("exercises.json").path) }
}

@Suite struct ImportTests {
    /// Odd punctuation, YAML's special words and characters, non-ASCII text, long lines, a
    /// missing field, a clashing id, and an image path that tries to leave the data set.
    static let fixture = #"""
        [
          {"id": "Yes_No", "name": "yes", "level": "expert", "equipment": null, "category": "stretching",
           "primaryMuscles": ["neck"], "secondaryMuscles": ["traps"],
           "instructions": ["Sit tall: this will be your starting position.", "- Turn your head # slowly", "on", "Repeat: 10 × \"each side\" — don't rush 'it'.", "3"],
           "images": ["Yes_No/0.jpg", "../../etc/passwd"]},
          {"id": "Yes-No", "name": "Ünïcödé curl – façade", "level": "beginner", "equipment": "bands", "category": "strength",
           "primaryMuscles": ["biceps"], "secondaryMuscles": [], "instructions": [], "images": []},
          {"id": "Long_One", "name": "Long one", "level": "intermediate", "equipment": "body only", "category": "mystery",
           "primaryMuscles": ["unknown muscle"], "secondaryMuscles": [],
           "instructions": ["\#(String(repeating: "Keep going, and then: keep going. ", count: 40))"], "images": []}
        ]
        """#

    @Test func convertsWithoutLosingText() throws {
        let importer = FreeExerciseDBImporter(fileExists: { $0 == "/data/images/Yes_No/0.jpg" })
        let output = try importer.convert(json: Data(Self.fixture.utf8), imagesDirectory: "/data/images")
        #expect(output.exerciseCount == 3)
        #expect(output.withPhotos == 1)
        #expect(output.images.map(\.to) == ["images/Yes_No/0.jpg"], "an image path that leaves the data set is never followed")
        #expect(output.withoutSteps == ["yes-no"])
        #expect(output.files.map(\.path) == ["neck.yaml", "other.yaml", "upper-arm.yaml"])

        var files = ["/repo/.git/HEAD": "x"]
        for file in output.files { files["/repo/lib/\(file.path)"] = file.text }
        var bytes = files.mapValues { Array($0.utf8) }
        bytes["/repo/lib/images/Yes_No/0.jpg"] = [0xFF, 0xD8, 0xFF, 0xE0]
        let fs = MemoryFileSystem(bytes: bytes, currentDirectory: "/repo")
        let report = ValidationPipeline(loader: Loader(fileSystem: fs, root: "/repo")).run(paths: ["lib"])
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(Harness.summary(report))")
        #expect(Harness.summary(report) == ["RG207@9:3"], "only the exercise without instructions is flagged, as a warning")

        let exercises = report.load.libraries.flatMap(\.library.exercises)
        let neck = try #require(exercises.first { $0.id.value == "yes-no-2" })
        #expect(neck.name.value == "yes")
        #expect(neck.position?.value == "Sit tall: this will be your starting position.")
        #expect(neck.steps.map(\.value) == ["- Turn your head # slowly", "on", "Repeat: 10 × \"each side\" — don't rush 'it'.", "3"])
        #expect(neck.level?.value == .advanced)
        #expect(neck.kind?.value == .stretch)
        #expect(neck.regions.map(\.value) == [.neck, .shoulder])
        #expect(neck.images.first?.credit?.value == FreeExerciseDBImporter.credit)
        let curl = try #require(exercises.first { $0.id.value == "yes-no" })
        #expect(curl.name.value == "Ünïcödé curl – façade")
        #expect(curl.equipment.map(\.value) == ["bands"])
        let long = try #require(exercises.first { $0.id.value == "long-one" })
        #expect(long.kind == nil, "an unknown category is left out, not guessed")
        #expect(long.equipment.isEmpty)
        #expect(long.steps.first?.value.count == 34 * 40 - 1)
    }

    @Test func malformedInputIsAClearError() {
        #expect(throws: FreeExerciseDBImporter.Failure.self) {
            try FreeExerciseDBImporter().convert(json: Data("{\"not\": \"a list\"}".utf8), imagesDirectory: "/x")
        }
    }

    @Test(.enabled(if: SharedData.available, "../shared/data/free-exercise-db is not beside this checkout"))
    func importsAll873AndTheyValidate() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let first = try BinaryTests.run([
            "import", "free-exercise-db", SharedData.freeExerciseDB.path, "-o", output.appendingPathComponent("a").path,
        ])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.hasPrefix("imported 873 exercises into "))
        let second = try BinaryTests.run([
            "import", "free-exercise-db", SharedData.freeExerciseDB.path, "-o", output.appendingPathComponent("b").path,
        ])
        #expect(second.status == 0)
        // Importing twice gives the same bytes.
        let names = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("a").path).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("b").path).sorted()))
        for name in names where name.hasSuffix(".yaml") {
            let a = try Data(contentsOf: output.appendingPathComponent("a/\(name)"))
            let b = try Data(contentsOf: output.appendingPathComponent("b/\(name)"))
            #expect(a == b, "\(name) differs between two imports")
        }
        // Every imported exercise validates: no errors (the five without instructions are warnings).
        let validate = try BinaryTests.run(["validate", "--format", "json", "a"], in: output)
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(validate.out.utf8))
        #expect(validate.status == 0, "\(validate.out.prefix(2000))")
        #expect(report.summary.errors == 0)
        #expect(report.diagnostics.allSatisfy { $0.code == "RG207" })
        let load = Loader().load(paths: [output.appendingPathComponent("a").path])
        #expect(load.libraries.flatMap(\.library.exercises).count == 873)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("a/images/Ankle_Circles/0.jpg").path))
    }

    @Test func missingDataSetIsAUsageError() throws {
        let result = try BinaryTests.run(["import", "free-exercise-db", "/nonexistent/free-exercise-db"])
        #expect(result.status == 2)
        #expect(result.err.contains("no such file or directory"))
    }
}
