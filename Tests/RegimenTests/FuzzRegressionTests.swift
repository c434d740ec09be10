import Foundation
import RegimenFuzzSupport
import Testing

/// The fuzz target's inputs, replayed in-process through the same harness (docs/fuzzing.md): the
/// seed corpus, and every input that ever crashed the fuzzer (`Tests/Fuzz/crashes/`), so that a
/// fixed crash stays fixed. A crash or hang here is the test process crashing or hanging; what
/// the harness checks itself (plans only without errors, exports that round-trip) is a failure.
@Suite struct FuzzRegressionTests {
    struct Input: CustomTestStringConvertible, Sendable {
        let path: String
        var testDescription: String { path }
    }

    static let fuzzDirectory = Harness.repositoryRoot.appendingPathComponent("Tests/Fuzz")

    static func inputs(in directory: String) -> [Input] {
        let url = fuzzDirectory.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        // Files only: `crashes/NAME/` holds the inputs of the other fuzz targets (FuzzSurfaceTests).
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && name != "README.md"
                && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted().map { Input(path: "Tests/Fuzz/\(directory)/\($0)") }
    }

    static let crashes = inputs(in: "crashes")
    static let seeds = inputs(in: "corpus")

    static func replay(_ input: Input) throws {
        let data = try Data(contentsOf: Harness.repositoryRoot.appendingPathComponent(input.path))
        do {
            _ = try FuzzHarness.run([UInt8](data))
        } catch {
            Issue.record("\(input.path): \(error.description)")
        }
    }

    @Test(arguments: crashes)
    func inputsThatOnceCrashedRunCleanly(_ input: Input) throws {
        try Self.replay(input)
    }

    @Test func theSeedCorpusRunsCleanly() throws {
        #expect(Self.seeds.count >= 100, "Tests/Fuzz/corpus should hold the seeds (make fuzz-corpus)")
        for seed in Self.seeds { try Self.replay(seed) }
    }

    /// The seeds reach every stage: the sample programmes compile, with and without a patient,
    /// and every exporter writes their documents.
    @Test func theSeedsReachEveryExporter() throws {
        let data = try Data(
            contentsOf: Self.fuzzDirectory.appendingPathComponent("corpus/programme-sciatica-muscle-imbalance-left-sciatica.yaml"))
        let outcome = try FuzzHarness.run([UInt8](data))
        #expect(outcome.compiled, "\(outcome.text)")
        #expect(Set(outcome.exports.keys) == ["html", "json", "text"])
        #expect(outcome.exports.values.allSatisfy { (try? $0.get()) != nil }, "\(outcome.exports)")
    }

    @Test func theDictionaryIsCurrent() throws {
        let committed = try String(contentsOf: Self.fuzzDirectory.appendingPathComponent("regimen.dict"), encoding: .utf8)
        #expect(committed == FuzzDictionary.file, "Tests/Fuzz/regimen.dict is stale: run `make fuzz-dict`")
        #expect(FuzzDictionary.tokens.contains("progress-to:"))
        #expect(FuzzDictionary.tokens.contains("RPE 5-7"))
    }

    /// Bundles: `#@ PATH` lines start files inside the repository; anything else stays put.
    @Test func bundlesSplitIntoFiles() {
        let bundle = FuzzHarness.bundle(
            Array("regimen: 1\n#@ library/a.yaml\nx: 1\n#@ ../../etc/passwd\ny: 2\n#@ patient.yaml\nregimen-patient: 1\n".utf8))
        #expect(String(decoding: bundle.files["/repo/programme.yaml"] ?? [], as: UTF8.self) == "regimen: 1\n")
        #expect(String(decoding: bundle.files["/repo/library/a.yaml"] ?? [], as: UTF8.self) == "x: 1\n#@ ../../etc/passwd\ny: 2\n")
        #expect(bundle.files["/etc/passwd"] == nil)
        #expect(bundle.hasPatient)
        #expect(!bundle.embedsImages)
        #expect(bundle.files["/repo/library/lib.yaml"] != nil, "the default library is there unless replaced")
    }
}
