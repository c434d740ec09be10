import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG211: a parametric progression must grow what the dose gives, towards a ceiling beyond it.
public struct ProgressionMismatchRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG211", name: "progression-mismatch", severity: .error,
        summary: "a progress that does not fit its item's dose, or whose ceiling is not beyond the start",
        explanation: """
            A `progress` grows an item's dose week by week: `reps: +2` every week, until the \
            ceiling in `until`. Each part must fit the dose it grows. An increment for something \
            the dose does not give (`reps: +2` with no `reps` in the dose) has nothing to start \
            from; an increment without a ceiling grows for as long as the programme lasts; a \
            ceiling without an increment is never reached; and a ceiling at or below the starting \
            dose (above it, for a rest that shortens) means the dose never changes, or would have \
            to go backwards. A load increment must be in the same unit as the dose's load, and a \
            `progress` must add something. Each of these leaves the patient's weekly plan \
            different from what the clinician intended.

            Give the starting value in `dose`, the step in `progress` and the most it should \
            reach in `until`, for each thing that grows.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-strength
                title: Stronger knees for stairs and walking
                red-flags:
                  - A hot, swollen knee with a fever
                exercises:
                  sit-to-stand:
                    name: Sit to stand
                    steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down slowly]
                  step-up:
                    name: Step up
                    steps: [Stand facing a low step, Step up with the sore leg and bring the other up, Step down slowly]
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: sit-to-stand
                        dose: { sets: 2, reps: 10 }
                        progress: { every: 1 week, reps: +2, until: { reps: ↓8 } }
                      - use: step-up
                        dose: { sets: 2, reps: 8 }
                        progress: { every: 2 weeks, sets: ↓+1, reps: +2, until: { reps: 12, load: ↓5 kg } }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-strength
                title: Stronger knees for stairs and walking
                red-flags:
                  - A hot, swollen knee with a fever
                exercises:
                  sit-to-stand:
                    name: Sit to stand
                    steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down slowly]
                  step-up:
                    name: Step up
                    steps: [Stand facing a low step, Step up with the sore leg and bring the other up, Step down slowly]
                phases:
                  - id: build
                    weeks: 1-6
                    items:
                      - use: sit-to-stand
                        dose: { sets: 2, reps: 10 }
                        progress: { every: 1 week, reps: +2, until: { reps: 15 } }
                      - use: step-up
                        dose: { sets: 2, reps: 8, rest: 1 min, load: 2 kg }
                        progress: { every: 2 weeks, sets: +1, rest: -15s, load: +1 kg, until: { sets: 3, rest: 30s, load: 5 kg } }
                """)
        ])

    /// A value of a field that can grow.
    private enum Value {
        case count(Amount<Int>)
        case seconds(Amount<Int>)
        case load(Load)

        var shown: String {
            switch self {
            case .count(let n): Shown.amount(n)
            case .seconds(let s):
                Shown.time(Amount(low: TimeSpan(seconds: s.low), high: TimeSpan(seconds: s.high)))
            case .load(let load): Shown.load(load)
            }
        }

        /// The number to compare, for counts and times: a range's top when it grows, its
        /// bottom when it shrinks (a ceiling caps the top; a floor the bottom).
        func magnitude(growing: Bool) -> Int? {
            switch self {
            case .count(let n), .seconds(let n): growing ? n.high : n.low
            case .load: nil
            }
        }
    }

    /// One field across the dose, the increment and the ceiling.
    private struct Field {
        var key: String
        /// An increment as it could be written, for help lines.
        var example: String
        var start: Located<Value>?
        var step: Located<Value>?
        var ceiling: Located<Value>?
    }

    private static func fields(_ dose: Dose?, _ progress: Progression) -> [Field] {
        func count(_ v: Located<Amount<Int>>?) -> Located<Value>? { v.map { Located(.count($0.value), at: $0.range) } }
        func step(_ v: Located<Int>?) -> Located<Value>? { v.map { Located(.count(Amount($0.value)), at: $0.range) } }
        func time(_ v: Located<Amount<TimeSpan>>?) -> Located<Value>? {
            v.map { Located(.seconds(Amount(low: $0.value.low.seconds, high: $0.value.high.seconds)), at: $0.range) }
        }
        func timeStep(_ v: Located<TimeSpan>?) -> Located<Value>? { v.map { Located(.seconds(Amount($0.value.seconds)), at: $0.range) } }
        func load(_ v: Located<Load>?) -> Located<Value>? { v.map { Located(.load($0.value), at: $0.range) } }
        let until = progress.until
        return [
            Field(key: "sets", example: "+1", start: count(dose?.sets), step: step(progress.sets), ceiling: count(until.sets)),
            Field(key: "reps", example: "+2", start: count(dose?.reps), step: step(progress.reps), ceiling: count(until.reps)),
            Field(key: "hold", example: "+5s", start: time(dose?.hold), step: timeStep(progress.hold), ceiling: time(until.hold)),
            Field(
                key: "duration", example: "+2 min", start: time(dose?.duration), step: timeStep(progress.duration),
                ceiling: time(until.duration)),
            Field(key: "rest", example: "-10s", start: time(dose?.rest), step: timeStep(progress.rest), ceiling: time(until.rest)),
            Field(key: "load", example: "+1 kg", start: load(dose?.load), step: load(progress.load), ceiling: load(until.load)),
        ]
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            for item in phase.items {
                if let progress = item.progress { out += check(item, progress) }
            }
        }
        return out
    }

    /// The findings for one item's `progress`.
    private func check(_ item: Item, _ progress: Progression) -> [Diagnostic] {
        let fields = Self.fields(item.dose, progress)
        guard fields.contains(where: { $0.step != nil }) else {
            return [
                finding(
                    "`progress` has no increment: nothing grows", at: NodeRanges.head(progress.range),
                    help: "add what grows each time, such as `reps: +2`, with the most it should reach in `until`")
            ]
        }
        // A dose, or a part of it, that was written but could not be read was reported where it
        // is: that it is "missing" would only repeat the finding.
        let unread = item.unreadable.contains("dose") ? Set(fields.map(\.key)) : item.dose?.unreadable ?? []
        return fields.filter { !($0.start == nil && unread.contains($0.key)) }.flatMap { check($0) }
    }

    private func check(_ field: Field) -> [Diagnostic] {
        let key = field.key
        guard let step = field.step else {
            guard let ceiling = field.ceiling else { return [] }
            return [
                finding(
                    "the ceiling for `\(key)` has no increment in `progress`", at: ceiling.range,
                    help: "add how much `\(key)` grows each time (such as `\(key): \(field.example)`), or remove `\(key)` from `until`")
            ]
        }
        guard let start = field.start else {
            return [
                finding(
                    "`progress` adds to `\(key)`, but the item's dose has no `\(key)`", at: step.range,
                    help: "give the starting `\(key)` in the item's `dose`, or remove `\(key)` from `progress`")
            ]
        }
        var out: [Diagnostic] = []
        if case .load(let startLoad) = start.value {
            guard case .mass(_, let startUnit) = startLoad else {
                return [
                    finding(
                        "`progress` adds weight to the load, but the dose's load is \(Shown.load(startLoad))", at: step.range,
                        help: "give the dose a load in kg or lb, or move to a heavier load in a later phase instead")
                ]
            }
            if case .load(.mass(_, let stepUnit)) = step.value, stepUnit != startUnit {
                out.append(
                    finding(
                        "the load increment is in \(stepUnit.rawValue), but the dose's load is in \(startUnit.rawValue)", at: step.range,
                        help: "write the increment in \(startUnit.rawValue), such as `load: +1 \(startUnit.rawValue)`"))
            }
        }
        guard let ceiling = field.ceiling else {
            out.append(
                finding(
                    "`\(key)` grows with no ceiling in `until`", at: step.range,
                    help: "add to `until` the most `\(key)` should reach, so that it stops growing"))
            return out
        }
        if let diagnostic = compare(key, start: start, step: step, ceiling: ceiling) { out.append(diagnostic) }
        return out
    }

    /// The finding when the ceiling is not beyond the start, in the direction the step goes.
    private func compare(_ key: String, start: Located<Value>, step: Located<Value>, ceiling: Located<Value>) -> Diagnostic? {
        let from: Double
        let to: Double
        let grows: Bool
        switch (start.value, step.value, ceiling.value) {
        case (.load(.mass(let a, let startUnit)), _, .load(let ceilingLoad)):
            guard case .mass(let b, let ceilingUnit) = ceilingLoad else {
                return finding(
                    "the ceiling for `load` is \(Shown.load(ceilingLoad)), not a weight", at: ceiling.range,
                    help: "give the heaviest load in \(startUnit.rawValue), such as `load: 10 \(startUnit.rawValue)`")
            }
            guard ceilingUnit == startUnit else {
                return finding(
                    "the ceiling for `load` is in \(ceilingUnit.rawValue), but the dose's load is in \(startUnit.rawValue)",
                    at: ceiling.range, help: "give the ceiling in \(startUnit.rawValue), like the dose")
            }
            (from, to, grows) = (a, b, true)
        default:
            guard let s = step.value.magnitude(growing: true) else { return nil }
            guard let a = start.value.magnitude(growing: s > 0), let b = ceiling.value.magnitude(growing: s > 0) else { return nil }
            (from, to, grows) = (Double(a), Double(b), s > 0)
        }
        let shownCeiling = "`\(key): \(ceiling.value.shown)`"
        let shownStart = "`\(key): \(start.value.shown)`"
        if from == to {
            return finding(
                "the ceiling \(shownCeiling) is the same as the starting dose: nothing is left to progress", at: ceiling.range,
                help: grows ? "raise the ceiling above the starting \(shownStart)" : "lower the ceiling below the starting \(shownStart)",
                notes: [.init("the dose starts here", at: start.range)])
        }
        if grows, to < from {
            return finding(
                "the ceiling \(shownCeiling) is below the starting dose \(shownStart)", at: ceiling.range,
                help: "raise the ceiling above the starting dose, or lower the starting dose",
                notes: [.init("the dose starts here", at: start.range)])
        }
        if !grows, to > from {
            return finding(
                "the ceiling \(shownCeiling) is above the starting dose \(shownStart), but `progress` shortens it", at: ceiling.range,
                help: "set the ceiling below the starting dose, or make the increment positive",
                notes: [.init("the dose starts here", at: start.range)])
        }
        return nil
    }
}
