import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG216: when sessions happen must be one schedule a patient can follow: a phase's `sessions`
/// and `days` must agree, and an item's own frequency or days must fit the phase's days.
public struct ScheduleConflictRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG216", name: "schedule-conflict", severity: .warning,
        summary: "sessions, days and an item's frequency that cannot all be followed at once",
        explanation: """
            A phase says when its sessions happen with `sessions` (how often: `3x/week`, \
            `every other day`) and `days` (which days: `[mon, wed, fri]`), and an item may say \
            its own `frequency` or `days`. The handout, the tick-box log and the calendar put each \
            session on a day, so these must agree. `sessions: 3x/week` with `days: [mon, thu]` \
            does not say whether there are two sessions or three; `every other day` with named \
            days cannot fall on both; and an item done every day in a phase whose sessions are only \
            on Mondays (or more times a week than the phase has session days, or on a day the \
            phase has no session) asks the patient to exercise on days the handout says are free.

            Make them agree: drop `sessions` when `days` says it all (`days: [mon, wed, fri]` is \
            three times a week), give `sessions: 2 per day` with `days` for two sessions on each \
            of those days, and give an item the phase's days or fewer. An item that really is done \
            apart from the sessions (a daily walk) can stay: its own days are printed in its \
            log row and on the calendar.
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
                  sit-to-stand:
                    name: Sit to stand
                    steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down again slowly]
                  step-up:
                    name: Step-up
                    steps: [Step up onto the bottom stair with one foot, Bring the other foot up, Step down again]
                phases:
                  - id: build
                    weeks: 1-6
                    sessions: ↓3x/week
                    days: [mon, thu]
                    items:
                      - use: sit-to-stand
                        dose: { sets: 2, reps: 8 }
                  - id: steady
                    weeks: 7-8
                    days: [mon]
                    items:
                      - use: step-up
                        dose: { reps: 8, frequency: ↓daily }
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
                  sit-to-stand:
                    name: Sit to stand
                    steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down again slowly]
                  step-up:
                    name: Step-up
                    steps: [Step up onto the bottom stair with one foot, Bring the other foot up, Step down again]
                phases:
                  - id: build
                    weeks: 1-6
                    days: [mon, wed, fri]
                    items:
                      - use: sit-to-stand
                        dose: { sets: 2, reps: 8 }
                      - use: step-up
                        dose: { reps: 8, days: [mon, fri] }
                  - id: steady
                    weeks: 7-8
                    sessions: every other day
                    items:
                      - use: sit-to-stand
                        dose: 3x10
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            out += agreement(phase.sessions, phase.days, whose: "the phase's")
            let phaseDays = phase.days?.value
            let phaseSessions = phase.sessions?.value
            for item in phase.items {
                guard let dose = item.dose else { continue }
                out += agreement(dose.frequency, dose.days, whose: "the item's")
                if let finding = fit(dose, phaseSessions: phaseSessions, phaseDays: phaseDays, phase: phase) { out.append(finding) }
            }
        }
        return out
    }

    /// A frequency and named days that do not say the same thing.
    private func agreement(_ frequency: Located<Frequency>?, _ days: Located<[Weekday]>?, whose: String) -> [Diagnostic] {
        guard let frequency, let days else { return [] }
        let named = days.value.count
        let f = frequency.value
        if f.period == .day, f.interval > 1 {
            return [
                finding(
                    "\(whose) sessions are `\(Shown.frequency(f))`, which cannot also fall on \(Shown.days(days.value))",
                    at: frequency.range,
                    help: "keep one: `days: [\(days.value.map(\.rawValue).joined(separator: ", "))]` on those days every week, "
                        + "or `\(Shown.frequency(f))` (alternate days, whatever the weekday)",
                    notes: [.init("the days are named here", at: days.range)])
            ]
        }
        if f.period == .week, f.count != named {
            return [
                finding(
                    "\(whose) sessions are \(f.count) a week, but `days` names \(Shown.count(named, "day", "days"))",
                    at: frequency.range,
                    help: "`days` says how many already: remove `\(Shown.frequency(f))`, or name \(f.count) days",
                    notes: [.init("the days are named here", at: days.range)])
            ]
        }
        return []
    }

    /// An item whose own frequency or days need days the phase's sessions do not fall on.
    private func fit(_ dose: Dose, phaseSessions: Frequency?, phaseDays: [Weekday]?, phase: Phase) -> Diagnostic? {
        // Only a phase tied to days (named, or every other day) has free days to clash with.
        let alternate = phaseDays == nil && (phaseSessions.map { $0.period == .day && $0.interval > 1 } ?? false)
        guard phaseDays != nil || alternate else { return nil }
        let phaseText = phaseDays.map { "only on \(Shown.days($0))" } ?? "`\(phaseSessions.map(Shown.frequency) ?? "")`"
        let phaseCount = phaseDays?.count ?? (phaseSessions.map { $0.daysNeeded } ?? 7)
        let help =
            "give the item days the phase has sessions on (such as `days: [\((phaseDays ?? [.mon, .wed, .fri]).map(\.rawValue).joined(separator: ", "))]`) "
            + "or fewer times a week; if it really is done apart from the sessions, keep it: its own days are printed"
        if let days = dose.days {
            if alternate {
                return finding(
                    "this item is done on \(Shown.days(days.value)), but the phase's sessions are \(phaseText): "
                        + "alternate days do not fall on the same weekdays every week",
                    at: days.range, help: help)
            }
            let extra = days.value.filter { !(phaseDays ?? []).contains($0) }
            guard !extra.isEmpty else { return nil }
            return finding(
                "this item is done on \(Shown.days(extra)), but the phase's sessions are \(phaseText)", at: days.range, help: help)
        }
        guard let frequency = dose.frequency else { return nil }
        let needed = frequency.value.daysNeeded
        let f = frequency.value
        let conflict: Bool
        if f.period == .day {
            // Every day, or alternate days, against named days or alternate days.
            conflict = f.interval == 1 ? phaseCount < 7 : phaseDays != nil || (phaseSessions?.interval ?? 1) != f.interval
        } else {
            conflict = needed > (alternate ? 3 : phaseCount)
        }
        guard conflict else { return nil }
        return finding(
            "this item is done \(Shown.frequency(f)), but the phase's sessions are \(phaseText)", at: frequency.range, help: help)
    }
}
