import Foundation
import RegimenFuzzSupport
import Testing

/// The fuzz targets other than the pipeline (profiles, configuration, rule packs, plans,
/// templates, plugin answers; docs/fuzzing.md): each one's seeds, and every input that once
/// broke it (`Tests/Fuzz/crashes/NAME/`), replayed in-process, and the seeds current.
@Suite struct FuzzSurfaceTests {
    struct Input: CustomTestStringConvertible, Sendable {
        let surface: FuzzSurface
        let path: String
        var testDescription: String { "\(surface.rawValue): \(path)" }
    }

    static let surfaces = FuzzSurface.allCases.filter { $0 != .pipeline }

    static var inputs: [Input] {
        surfaces.flatMap { surface in
            [surface.corpusDirectory, "crashes/" + surface.rawValue].flatMap { directory in
                FuzzRegressionTests.inputs(in: directory).map { Input(surface: surface, path: $0.path) }
            }
        }
    }

    @Test(arguments: inputs)
    func inputsRunCleanly(_ input: Input) throws {
        let data = try Data(contentsOf: Harness.repositoryRoot.appendingPathComponent(input.path))
        do {
            _ = try input.surface.run([UInt8](data))
        } catch {
            Issue.record("\(input.path): \(error.description)")
        }
    }

    /// `make fuzz-corpus` wrote each target's seeds from the repository as it is now.
    @Test(arguments: surfaces)
    func theSeedsAreCurrent(_ surface: FuzzSurface) throws {
        let expected = FuzzSeeds.seeds(of: surface, repository: Harness.repositoryRoot)
        #expect(expected.count >= 3, "\(surface.rawValue) has too few seeds")
        let directory = FuzzRegressionTests.fuzzDirectory.appendingPathComponent(surface.corpusDirectory)
        for seed in expected {
            let written = try? Data(contentsOf: directory.appendingPathComponent(seed.name))
            #expect(written.map([UInt8].init) == seed.bytes, "\(surface.corpusDirectory)/\(seed.name) is not current: run `make fuzz-corpus`")
        }
    }

    /// What each target is for: a profile reaches screening, a configuration its rules, a plan
    /// every exporter, a template the handout.
    @Test func eachTargetReachesWhatItFuzzes() throws {
        #expect(try FuzzSurface.profile.run(Array("regimen-patient: 1\nconditions: [spondylolisthesis]\naffected-side: left\n".utf8))
            == "2 findings", "a contraindicated exercise and its harder version: no plan")
        #expect(try FuzzSurface.configuration.run(Array("regimen-config: 1\nrules: { RG208: error }\n".utf8)).hasPrefix("0 findings"))
        #expect(try FuzzSurface.configuration.run(Array("regimen-config: 1\nrules: { RG999: off }\n".utf8)).hasPrefix("1 findings"))
        let plan = try FuzzSurface.plan.run(Array(String(decoding: try #require(try FuzzSurface.fixedPlan?.encoded()), as: UTF8.self).utf8))
        #expect(plan.contains("html") && plan.contains("text") && plan.contains("json") && !plan.contains("refused"), "\(plan)")
        #expect(try FuzzSurface.template.run(Array("{{#phases}}".utf8)) == "refused")
    }
}
