import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG204: phases must cover the weeks from week 1, one after another, with no gap and no overlap.
public struct PhaseWeeksRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG204", name: "phase-weeks", severity: .error,
        summary: "phases overlap, leave a gap between them, or do not start at week 1",
        explanation: """
            The handout tells the patient what to do each week, phase by phase. When two phases \
            share a week, the patient is given two sets of exercises for it and cannot tell which \
            applies; when weeks fall between phases, or before the first one, the patient is left \
            with nothing to do in them. Both usually come from a phase added or lengthened \
            without moving the ones after it.

            Make the phases follow on from week 1: each starts the week after the previous one \
            ends (`1-2`, `3-4`, `5-8`). The phases are compared in the order of their first \
            week, so they may be written in any order, though writing them in order is clearer.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: shoulder-impingement
                title: Easing shoulder pain when lifting your arm
                red-flags:
                  - Your arm suddenly becomes weak or you cannot lift it after a fall
                exercises:
                  scapular-setting:
                    name: Shoulder blade setting
                    steps: [Sit tall, Draw your shoulder blades gently back and down, Hold then relax]
                  wall-slide:
                    name: Wall slide
                    steps: [Stand facing a wall with your forearms on it, Slide your arms up as far as is comfortable, Slide back down]
                phases:
                  - id: settle
                    weeks: 1-3
                    items:
                      - use: scapular-setting
                        dose: { sets: 3, reps: 10, hold: 5s }
                  - id: move
                    weeks: ↓3-6
                    items:
                      - use: wall-slide
                        dose: { sets: 2, reps: 10 }
                """),
            RuleExample(
                """
                regimen: 1
                id: shoulder-impingement
                title: Easing shoulder pain when lifting your arm
                red-flags:
                  - Your arm suddenly becomes weak or you cannot lift it after a fall
                exercises:
                  scapular-setting:
                    name: Shoulder blade setting
                    steps: [Sit tall, Draw your shoulder blades gently back and down, Hold then relax]
                  wall-slide:
                    name: Wall slide
                    steps: [Stand facing a wall with your forearms on it, Slide your arms up as far as is comfortable, Slide back down]
                phases:
                  - id: settle
                    weeks: ↓2-3
                    items:
                      - use: scapular-setting
                        dose: { sets: 3, reps: 10, hold: 5s }
                  - id: move
                    weeks: ↓6-8
                    items:
                      - use: wall-slide
                        dose: { sets: 2, reps: 10 }
                """),
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: shoulder-impingement
                title: Easing shoulder pain when lifting your arm
                red-flags:
                  - Your arm suddenly becomes weak or you cannot lift it after a fall
                exercises:
                  scapular-setting:
                    name: Shoulder blade setting
                    steps: [Sit tall, Draw your shoulder blades gently back and down, Hold then relax]
                  wall-slide:
                    name: Wall slide
                    steps: [Stand facing a wall with your forearms on it, Slide your arms up as far as is comfortable, Slide back down]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: scapular-setting
                        dose: { sets: 3, reps: 10, hold: 5s }
                  - id: move
                    weeks: 3-6
                    items:
                      - use: wall-slide
                        dose: { sets: 2, reps: 10 }
                  - id: keep-going
                    weeks: 7
                    items:
                      - use: wall-slide
                        dose: { sets: 3, reps: 12 }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        // Phases without readable weeks were reported by the loader; the rest are compared in
        // the order of their first week (a stable sort keeps the written order for ties).
        let phases = programme.programme.phases.enumerated()
            .compactMap { index, phase in phase.weeks.map { (index: index, phase: phase, weeks: $0) } }
            .sorted { ($0.weeks.value.first, $0.index) < ($1.weeks.value.first, $1.index) }
        guard let first = phases.first else { return [] }
        // A phase whose weeks were reported (missing, or unreadable like `0-2`) may be the one
        // that fills a gap: gaps are then not known, and only overlaps are reported.
        let gapsKnown = !programme.programme.phases.contains { $0.unreadable.contains("weeks") }
        var out: [Diagnostic] = []
        if gapsKnown, first.weeks.value.first > 1 {
            let missing = WeekRange(first: 1, last: first.weeks.value.first - 1)
            out.append(
                finding(
                    "the first phase, `\(first.phase.id.value)`, starts at week \(first.weeks.value.first): \(Self.weeks(missing)) in no phase",
                    at: first.weeks.range,
                    help: "start the first phase at week 1, or add a phase for \(Self.weeks(missing, verb: false))"))
        }
        // The phase that reaches furthest so far: a later phase must start the week after it.
        var furthest = first
        for current in phases.dropFirst() {
            let reached = furthest.weeks.value.last
            let start = current.weeks.value.first
            if start <= reached {
                out.append(
                    finding(
                        "phase `\(current.phase.id.value)` (weeks \(current.weeks.value.text)) overlaps phase "
                            + "`\(furthest.phase.id.value)` (weeks \(furthest.weeks.value.text))",
                        at: current.weeks.range,
                        help: reached < Int.max
                            ? "start `\(current.phase.id.value)` at week \(reached + 1), or shorten `\(furthest.phase.id.value)`"
                            : "make each phase start the week after the one before it ends",
                        notes: [
                            .init(
                                "phase `\(furthest.phase.id.value)` runs over weeks \(furthest.weeks.value.text)",
                                at: furthest.weeks.range)
                        ]))
            } else if gapsKnown, reached < Int.max, start > reached + 1 {
                let missing = WeekRange(first: reached + 1, last: start - 1)
                out.append(
                    finding(
                        "\(Self.weeks(missing)) in no phase, between `\(furthest.phase.id.value)` and `\(current.phase.id.value)`",
                        at: current.weeks.range,
                        help:
                            "start `\(current.phase.id.value)` at week \(reached + 1), or add a phase for \(Self.weeks(missing, verb: false))",
                        notes: [.init("phase `\(furthest.phase.id.value)` ends at week \(reached)", at: furthest.weeks.range)]))
            }
            if current.weeks.value.last > reached { furthest = current }
        }
        return out
    }

    /// "week 3 is" / "weeks 3-4 are", or without the verb.
    private static func weeks(_ range: WeekRange, verb: Bool = true) -> String {
        let single = range.first == range.last
        return (single ? "week " : "weeks ") + range.text + (verb ? (single ? " is" : " are") : "")
    }
}
