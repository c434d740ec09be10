import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG217: a load given as a share of the one-repetition maximum must leave the repetitions
/// prescribed within what most people can do with it.
public struct LoadBeyondRepsRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG217", name: "load-beyond-reps", severity: .warning,
        summary: "more repetitions than most people can lift a share of their 1RM (`70% 1RM`) for",
        explanation: """
            A load written as a share of the one-repetition maximum (`70% 1RM`) is heavy in \
            proportion to the patient's strength, and the heavier it is, the fewer times it can \
            be lifted. Most people manage about 30 × (100 ÷ percent − 1) repetitions (Epley's \
            estimate): about 13 at 70%, 7 or 8 at 80%, 3 at 90%. A dose that asks for clearly \
            more (more than half as many again) cannot be done as written: the patient either \
            fails the set or quietly picks a lighter weight, and neither is what was prescribed. \
            The estimate varies between people and exercises, so this is a warning.

            Lower the repetitions, lower the share (`60% 1RM`), or give the load as a repetition \
            maximum (`15RM`), which says the most repetitions directly. (A repetition maximum \
            with more repetitions than it allows is an error: RG203.)
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-strength
                title: Stronger knees
                red-flags:
                  - Your knee becomes hot, red and swollen, or you feel unwell with a fever
                exercises:
                  leg-press:
                    name: Leg press
                    steps: [Sit in the machine with your feet on the plate, Push the plate away, Let it come back slowly]
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: leg-press
                        dose: { sets: 3, reps: ↓20-25, load: 85% 1RM }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-strength
                title: Stronger knees
                red-flags:
                  - Your knee becomes hot, red and swollen, or you feel unwell with a fever
                exercises:
                  leg-press:
                    name: Leg press
                    steps: [Sit in the machine with your feet on the plate, Push the plate away, Let it come back slowly]
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: leg-press
                        dose: { sets: 3, reps: 8-12, load: 70% 1RM }
                """)
        ])

    /// The repetitions most people can lift `percent` of their 1RM for (Epley), at least 1.
    static func estimate(_ percent: Double) -> Double {
        guard percent > 0, percent < 100 else { return 1 }
        return max(1, 30 * (100 / percent - 1))
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            for item in phase.items {
                guard let dose = item.dose, let load = dose.load, case .percentOfMaximum(let percent) = load.value else { continue }
                var reps: [Located<Amount<Int>>] = dose.reps.map { [$0] } ?? []
                if let ceiling = item.progress?.until.reps { reps.append(ceiling) }
                for reps in reps {
                    let most = Self.estimate(percent)
                    guard Double(reps.value.high) > most * 1.5 else { continue }
                    let shown = Shown.amount(reps.value)
                    let about = Int(most.rounded())
                    out.append(
                        finding(
                            "\(shown) repetitions at \(Shown.number(percent))% of 1RM: most people manage about \(about)",
                            at: reps.range,
                            help: "give about \(about) repetitions or fewer, a lighter share (such as `\(Shown.number(max(1, (percent - 15).rounded())))% 1RM`), "
                                + "or the load as a repetition maximum (`\(min(30, reps.value.high))RM`)",
                            notes: [.init("the load is given here", at: load.range)]))
                }
            }
        }
        return out
    }
}
