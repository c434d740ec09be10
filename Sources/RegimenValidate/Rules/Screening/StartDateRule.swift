import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG307: the patient's start date puts a week of the programme past the last date a plan can
/// hold.
public struct StartDateRule: Rule {
    public init() {}

    /// The last calendar date a plan holds (dates are written with four-digit years).
    static let lastDate = CalendarDate(year: 9999, month: 12, day: 31)

    public let descriptor = RuleDescriptor(
        code: "RG307", name: "start-date-out-of-range", severity: .error,
        summary: "the patient's start date puts weeks of the programme after 9999-12-31, so they could have no dates",
        explanation: """
            With a `start` date in the patient profile, every week of the plan gets its calendar \
            days, and the handout and calendar exporters show them. Dates end at 9999-12-31: a \
            start so late that the programme's last week would end after it cannot be given \
            dates, and a plan without them would leave the patient with no schedule.

            This is almost always a slip of the keyboard in the year; correct the start date.
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
                    weeks: 1-6
                    items:
                      - use: calf-stretch
                        dose: { sets: 3, hold: 30s }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [achilles-tendinopathy]
                    start: ↓9999-12-01
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
                    weeks: 1-6
                    items:
                      - use: calf-stretch
                        dose: { sets: 3, hold: 30s }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [achilles-tendinopathy]
                    start: 9999-11-19
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient, let start = patient.profile.start, let lastDate = Self.lastDate else { return [] }
        let lastWeek = programme.programme.phases.compactMap { $0.weeks?.value.last }.max() ?? 0
        guard lastWeek >= 1 else { return [] }
        let (days, overflow) = lastWeek.multipliedReportingOverflow(by: 7)
        let ends = overflow ? nil : start.value.adding(days: days - 1)
        guard ends.map({ $0 > lastDate }) ?? true else { return [] }
        // The first week that would end after the last date.
        let firstLate = (lastDate.dayNumber - start.value.dayNumber + 1) / 7 + 1
        return [
            finding(
                "with a start on \(start.value), week \(firstLate) of this programme (which runs to week \(lastWeek)) would end after \(lastDate), the last date a plan can hold",
                at: start.range, help: "check the year of the start date")
        ]
    }
}
