import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG304: `side: affected` and `side: unaffected` need the patient's affected side.
public struct AffectedSideRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG304", name: "affected-side-unknown", severity: .error,
        summary: "a dose is for the affected or unaffected side, and the patient profile cannot say which that is",
        explanation: """
            A programme written for many patients says `side: affected` (or `unaffected`), and \
            compiling for one patient turns it into left or right from the profile's \
            `affected-side`. When the profile gives no side, the handout could not tell the \
            patient which leg or arm to exercise; when the profile says `both`, there is no \
            unaffected side.

            Add `affected-side: left` (or `right`, or `both`) to the patient profile.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: calf-stretching
                title: Calf stretching
                red-flags: [A hot, red, swollen calf]
                exercises:
                  calf-stretch:
                    name: Calf stretch
                    steps: [Face a wall, Step one foot back, Lean in until you feel a stretch]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: calf-stretch
                        dose: { sets: 3, hold: 30s, side: ↓affected }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [achilles-tendinopathy]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: calf-stretching
                title: Calf stretching
                red-flags: [A hot, red, swollen calf]
                exercises:
                  calf-stretch:
                    name: Calf stretch
                    steps: [Face a wall, Step one foot back, Lean in until you feel a stretch]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: calf-stretch
                        dose: { sets: 3, hold: 30s, side: affected }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [achilles-tendinopathy]
                    affected-side: right
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let loaded = context.patient else { return [] }
        let side = loaded.profile.affectedSide?.value
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            for item in phase.items {
                guard let written = item.dose?.side else { continue }
                switch (written.value, side) {
                case (.affected, nil), (.unaffected, nil):
                    out.append(
                        finding(
                            "`side: \(written.value.rawValue)` needs the patient's affected side, and the profile gives none",
                            at: written.range, help: "add `affected-side: left`, `right` or `both` to \(loaded.path)"))
                case (.unaffected, .both?):
                    out.append(
                        finding(
                            "`side: unaffected` cannot be resolved: the patient's problem is on both sides",
                            at: written.range, help: "prescribe `side: both` or `each` for this patient, or correct the profile",
                            notes: [.init("the profile's side", at: loaded.profile.affectedSide?.range)]))
                default:
                    continue
                }
            }
        }
        return out
    }
}
