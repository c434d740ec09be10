import RegimenDiagnostics
import RegimenValidate
import Testing

/// Every rule's examples are its tests: triggering examples report the rule's code exactly at
/// the `↓` markers; non-triggering examples report nothing at all.
@Suite struct RuleExampleTests {
    static let rules = RuleRegistry.builtIn.rules.map { RuleCase(rule: $0) }

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: any Rule
        var testDescription: String { rule.descriptor.code + " " + rule.descriptor.name }
    }

    @Test(arguments: rules)
    func triggeringExamplesReportAtTheMarkers(_ ruleCase: RuleCase) {
        let descriptor = ruleCase.rule.descriptor
        // RG008's examples need symbolic links, which the in-memory files cannot hold: BoundaryTests show it on disk.
        #expect(!descriptor.triggering.isEmpty || descriptor.code == "RG008", "\(descriptor.code) needs at least one triggering example")
        for example in descriptor.triggering {
            let report = Harness.validate(example.text, files: example.files, patient: example.patient)
            let found = report.diagnostics.filter { $0.code == descriptor.code }.map(\.range.start)
            #expect(!example.markedPositions.isEmpty, "\(descriptor.code): a triggering example needs a ↓ marker")
            #expect(
                Set(found) == Set(example.markedPositions),
                "\(descriptor.code): expected findings at \(example.markedPositions), got \(Harness.summary(report))\n\(example.text)")
            #expect(
                report.diagnostics.allSatisfy { $0.code == descriptor.code || $0.severity != .error },
                "\(descriptor.code): the example should show only this rule's errors, got \(Harness.summary(report))")
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesAreClean(_ ruleCase: RuleCase) {
        let descriptor = ruleCase.rule.descriptor
        #expect(!descriptor.nonTriggering.isEmpty, "\(descriptor.code) needs at least one passing example")
        for example in descriptor.nonTriggering {
            let report = Harness.validate(example.text, files: example.files, patient: example.patient)
            #expect(report.diagnostics.isEmpty, "\(descriptor.code): expected no findings, got \(Harness.summary(report))\n\(example.text)")
        }
    }

    @Test func codesAndNamesAreUnique() {
        let rules = RuleRegistry.builtIn.rules.map(\.descriptor)
        #expect(Set(rules.map(\.code)).count == rules.count)
        #expect(Set(rules.map(\.name)).count == rules.count)
        for rule in rules {
            #expect(rule.code.wholeMatch(of: /RG[0-9]{3}/) != nil, "\(rule.code) is not of the form RG000")
            #expect(rule.summary.first?.isLowercase == true && rule.summary.last != ".", "\(rule.code): summary in house style")
        }
    }
}
