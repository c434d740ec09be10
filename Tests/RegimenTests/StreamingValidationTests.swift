import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// `regimen validate` reads, checks and lets go of files a part at a time
/// (`ValidationPipeline.keepsLoad == false`), keeping only the text of files with findings. It
/// must say exactly what the whole-load pipeline says, in the same order, with the same
/// excerpts, however the files fall into parts.
@Suite struct StreamingValidationTests {
    static let partSizes = [1, 2, 3, 256]

    /// Both pipelines over `paths`, and each part size: findings and rendered text must match.
    static func expectSame(_ paths: [String], loader: Loader, patient: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        -> ValidationPipeline.Report
    {
        let whole = ValidationPipeline(loader: loader).run(paths: paths, patient: patient)
        let expected = TextRenderer(colour: false).render(whole.diagnostics, sources: whole.sources)
        for size in partSizes {
            let parts = ValidationPipeline(loader: loader, keepsLoad: false, partSize: size).run(paths: paths, patient: patient)
            #expect(parts.diagnostics == whole.diagnostics, "part size \(size)", sourceLocation: sourceLocation)
            let text = TextRenderer(colour: false).render(parts.diagnostics, sources: parts.sources)
            #expect(text == expected, "part size \(size)", sourceLocation: sourceLocation)
            #expect(parts.fileCount == whole.fileCount && parts.inputErrors == whole.inputErrors, sourceLocation: sourceLocation)
            #expect(parts.load.fileOrder == whole.load.fileOrder, sourceLocation: sourceLocation)
            #expect(parts.load.programmes.isEmpty && parts.load.libraries.isEmpty, "nothing kept", sourceLocation: sourceLocation)
            // Only the files the findings point at keep their text.
            var pointedAt = Set(parts.diagnostics.map(\.range.file))
            for diagnostic in parts.diagnostics { pointedAt.formUnion(diagnostic.notes.compactMap(\.range?.file)) }
            #expect(Set(parts.sources.paths).isSubset(of: pointedAt), sourceLocation: sourceLocation)
        }
        return whole
    }

    @Test func theRepositorysFilesSayTheSame() throws {
        let root = Harness.repositoryRoot.path
        let paths = ["programmes", "docs/examples", "Tests/Hostile", "plugins/rules"].map { root + "/" + $0 }
        let whole = Self.expectSame(paths, loader: Loader(root: root))
        #expect(whole.fileCount > 50)
        #expect(whole.diagnostics.count > 40, "the hostile corpus and the mistakes file have findings")
        let patient = root + "/docs/examples/patients/left-sciatica.yaml"
        _ = Self.expectSame([root + "/programmes"], loader: Loader(root: root), patient: patient)
    }

    @Test func everyRuleExampleSaysTheSame() {
        for rule in RuleRegistry.builtIn.rules {
            for example in rule.descriptor.triggering + rule.descriptor.nonTriggering {
                var files = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/programme.yaml": example.text]
                for (name, text) in example.files { files["/repo/" + name] = text }
                if let patient = example.patient { files["/repo/patient.yaml"] = patient }
                let fs = MemoryFileSystem(files: files, currentDirectory: "/repo")
                let paths = ["programme.yaml"] + example.files.keys.filter { $0.hasSuffix(".yaml") }.sorted()
                _ = Self.expectSame(paths, loader: Loader(fileSystem: fs, root: "/repo"), patient: example.patient == nil ? nil : "patient.yaml")
            }
        }
    }

    /// A library file read in the first part, with a finding that only a programme of a later
    /// part reveals (a progression loop across two library files, reported in the file read
    /// first): its text is read again for the excerpt.
    @Test func aFindingInAFileOfAnEarlierPartHasItsExcerpt() throws {
        let first = """
            regimen-library: 1
            exercises:
              bridge:
                name: Bridge
                steps: [Lie on your back, Lift your hips]
                progress-to: wall-squat
            """
        let second = """
            regimen-library: 1
            exercises:
              wall-squat:
                name: Wall squat
                steps: [Lean on a wall, Bend your knees]
                progress-to: bridge
            """
        func programme(_ id: String, _ libraries: String) -> String {
            """
            regimen: 1
            id: \(id)
            title: Programme \(id)
            library: [\(libraries)]
            red-flags: [Numbness in the groin]
            phases:
              - id: one
                weeks: 1-2
                items:
                  - use: bridge
                    dose: { sets: 2, reps: 10 }
            """
        }
        var files = ["/repo/.git/HEAD": "ref: refs/heads/main\n", "/repo/lib/a.yaml": first, "/repo/lib/b.yaml": second]
        files["/repo/p1.yaml"] = programme("p1", "lib/b.yaml").replacingOccurrences(of: "use: bridge", with: "use: wall-squat")
        files["/repo/p2.yaml"] = programme("p2", "lib/b.yaml").replacingOccurrences(of: "use: bridge", with: "use: wall-squat")
        files["/repo/p3.yaml"] = programme("p3", "lib/a.yaml, lib/b.yaml")
        let fs = MemoryFileSystem(files: files, currentDirectory: "/repo")
        let whole = Self.expectSame(["p1.yaml", "p2.yaml", "p3.yaml"], loader: Loader(fileSystem: fs, root: "/repo"))
        let loop = try #require(whole.diagnostics.first { $0.code == "RG210" || $0.message.contains("loop") }, "\(whole.diagnostics)")
        #expect(loop.range.file == "lib/b.yaml", "\(loop)")
        let streamed = ValidationPipeline(loader: Loader(fileSystem: fs, root: "/repo"), keepsLoad: false, partSize: 1)
            .run(paths: ["p1.yaml", "p2.yaml", "p3.yaml"])
        #expect(TextRenderer(colour: false).render(streamed.diagnostics, sources: streamed.sources).contains("progress-to: bridge"))

        // A file changed since it was checked gives no excerpt rather than the wrong one.
        var changed = fs
        changed.files["/repo/lib/b.yaml"] = Array(("# edited\n" + second).utf8)
        #expect(Loader(fileSystem: changed, root: "/repo").source(of: "lib/b.yaml", in: streamed.load) == nil)
        #expect(Loader(fileSystem: fs, root: "/repo").source(of: "lib/b.yaml", in: streamed.load)?.line(6) == "    progress-to: bridge")
    }
}
