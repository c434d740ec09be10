import Foundation
import RegimenCompile

extension FuzzSeeds {
    /// The seeds of `surface` (all but the pipeline's, which are `all(repository:)`), made from
    /// the repository at `root`: the documentation's examples of that kind of file, the sample
    /// files of the repository, and a few hostile ones. `make fuzz-corpus` writes them to
    /// `Tests/Fuzz/corpus-NAME/`.
    public static func seeds(of surface: FuzzSurface, repository root: URL) -> [Seed] {
        func read(_ path: String) -> String? { try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }
        func files(in directory: String, suffix: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(directory).path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory + "/" + $0 }
        }
        /// The ```yaml blocks of a page whose text contains `marker`.
        func examples(in page: String, containing marker: String) -> [String] {
            guard let text = read(page) else { return [] }
            return text.components(separatedBy: "```yaml\n").dropFirst().compactMap { block in
                block.components(separatedBy: "```").first.flatMap { $0.contains(marker) ? $0 : nil }
            }
        }
        func named(_ prefix: String, _ texts: [String]) -> [Seed] {
            texts.enumerated().map { Seed(name: "\(prefix)-\($0.offset + 1)", bytes: Array($0.element.utf8)) }
        }
        switch surface {
        case .pipeline:
            return all(repository: root)
        case .profile:
            return named("patient", files(in: "docs/examples/patients", suffix: ".yaml").compactMap(read))
                + named("doc-patient", examples(in: "docs/format.md", containing: "regimen-patient"))
                + named("hostile-patient", [
                    "regimen-patient: 1\nconditions: [THR, total hip arthroplasty, osteoporisis]\nstart: 9999-12-01\naffected-side: left\n",
                    "regimen-patient: 1\nconditions: &c [sciatica, *c]\n",
                    "regimen-patient: 1\nname: \"\\e[31mred\\u202Eevil\"\nconditions: [\"low back pain\\u200B\"]\n",
                ])
        case .configuration:
            return named("doc-configuration", examples(in: "docs/configuration.md", containing: "regimen-config"))
                + named("doc-vocabulary", examples(in: "docs/vocabulary.md", containing: "regimen-config"))
                + named("hostile-configuration", [
                    "regimen-config: 1\nlimits: { max-depth: 1099511627776, max-file-bytes: 99999999999 }\n",
                    "regimen-config: 1\nvocabulary: [vocabulary/clinic.yaml, /etc/passwd, ../outside.yaml]\n#@ vocabulary/clinic.yaml\nregimen-vocabulary: 1\nconditions:\n  hip-pain: { label: Hip pain, parents: [hip-pain] }\n",
                    "regimen-config: 1\nrules: { RG209: off, missing-red-flags: error, nonsense: warning }\nignore: ['**/*', '[']\n",
                ])
        case .rulePack:
            return named("rule-pack", files(in: "plugins/rules", suffix: ".yaml").compactMap(read))
                + named("doc-rule-pack", examples(in: "docs/plugins.md", containing: "regimen-rules"))
        case .plan:
            var seeds = named("plan", files(in: "Tests/RegimenTests/Fixtures/golden", suffix: ".plan.json").compactMap(read))
            if let plan = FuzzSurface.fixedPlan, let data = try? plan.encoded() {
                seeds.append(Seed(name: "plan-fixed", bytes: [UInt8](data)))
            }
            return seeds
        case .template:
            return named("template", files(in: "Sources/RegimenExport/Templates", suffix: ".mustache").compactMap(read))
                + named("hostile-template", [
                    "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{{contentSecurityPolicy}}\"></head><body><scr<!-- x -->ipt>alert(1)</script></body></html>",
                    "<!DOCTYPE html><html><head><!-- <meta http-equiv=\"Content-Security-Policy\" content=\"{{contentSecurityPolicy}}\"> --></head><body>{{#phases}}{{#phases}}{{#phases}}{{title}}{{/phases}}{{/phases}}{{/phases}}</body></html>",
                    "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{{contentSecurityPolicy}}\"></head><body><a href=\"jav&#x09;ascript:alert(1)\" onclick=\"x()\">x</a><scr{{#none}}{{/none}}ipt>x</script></body></html>",
                ])
        case .pluginAnswer:
            let finding = #"{"code": "LS001", "severity": "warning", "message": "Bridges early on", "file": "programme.yaml", "line": 14, "column": 17"#
            return named("doc-answer", jsonExamples(in: "docs/plugins.md", containing: "\"diagnostics\""))
                + named("answer", [
                    #"{"contract": 1, "diagnostics": []}"#,
                    #"{"contract": 1, "diagnostics": ["# + finding + "}]}",
                    #"{"contract": 1, "diagnostics": ["# + finding
                        + #", "endLine": 14, "endColumn": 23, "help": "Start with knee hugs", "notes": [{"message": "here", "file": "library/lib.yaml", "line": 5, "column": 3}]}]}"#,
                    #"{"contract": 2, "diagnostics": [{"code": "RG101", "severity": "error", "message": "\u001b[31m::error::x", "file": "/etc/passwd", "line": 0, "column": -1}]}"#,
                    "{\"contract\": 1, \"diagnostics\": [" + String(repeating: "{},", count: 200) + "{}]}",
                ])
        }

        /// The ```json blocks of a page whose text contains `marker`.
        func jsonExamples(in page: String, containing marker: String) -> [String] {
            guard let text = read(page) else { return [] }
            return text.components(separatedBy: "```json\n").dropFirst().compactMap { block in
                block.components(separatedBy: "```").first.flatMap { $0.contains(marker) ? $0 : nil }
            }
        }
    }
}
