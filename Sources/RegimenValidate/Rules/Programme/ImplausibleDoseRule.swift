import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG203: a dose, or the ceiling a progression grows to, must be one a clinician could mean.
public struct ImplausibleDoseRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG203", name: "implausible-dose", severity: .error,
        summary: "a dose or a progression ceiling outside what any clinician would prescribe",
        explanation: """
            Doses are printed on the patient's handout exactly as written, and a patient will \
            usually try to do what it says. A slip of the keyboard (`sets: 30` for 3, `hold: 30 \
            min` for 30 seconds) can turn a gentle exercise into an overload, so values outside \
            plausible bounds are errors: sets 1 to 20, repetitions 1 to 100, a hold of more than \
            nothing and at most 5 minutes, rest at most 10 minutes, a duration of more than \
            nothing and at most 2 hours, a frequency of 1 to 12 times a day or 1 to 50 times a \
            week, and a load of at most 200 kg (440 lb). The same bounds apply to the ceilings a \
            progression grows to (`until`), and the frequency bounds to a phase's `sessions`.

            Correct the value. If a dose really is outside these bounds, say so in words in the \
            item's `notes` rather than in the dose.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-replacement-rehab
                title: Getting strong after a knee replacement
                condition: total-knee-replacement
                red-flags:
                  - Your calf becomes hot, swollen and painful
                  - The wound becomes red or starts to leak
                exercises:
                  quads-set:
                    name: Thigh squeeze
                    steps: [Sit with your leg out straight, Tighten your thigh to press the back of your knee down, Relax]
                  heel-slide:
                    name: Heel slide
                    steps: [Lie on your back, Slide your heel towards your bottom to bend the knee, Slide it back]
                phases:
                  - id: early
                    weeks: 1-2
                    items:
                      - use: quads-set
                        dose: { sets: ↓30, reps: 10, hold: 5s }
                      - use: heel-slide
                        dose: { sets: 2, reps: 10, hold: ↓30 min }
                  - id: build
                    weeks: 3-6
                    items:
                      - use: heel-slide
                        dose: { sets: 2, reps: 10 }
                        progress: { every: 1 week, reps: +5, until: { reps: ↓150 } }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: knee-replacement-rehab
                title: Getting strong after a knee replacement
                condition: total-knee-replacement
                red-flags:
                  - Your calf becomes hot, swollen and painful
                  - The wound becomes red or starts to leak
                exercises:
                  quads-set:
                    name: Thigh squeeze
                    steps: [Sit with your leg out straight, Tighten your thigh to press the back of your knee down, Relax]
                  heel-slide:
                    name: Heel slide
                    steps: [Lie on your back, Slide your heel towards your bottom to bend the knee, Slide it back]
                phases:
                  - id: early
                    weeks: 1-2
                    sessions: 3 per day
                    items:
                      - use: quads-set
                        dose: { sets: 3, reps: 10, hold: 5s }
                      - use: heel-slide
                        dose: { sets: 2, reps: 10, hold: 30s }
                  - id: build
                    weeks: 3-6
                    items:
                      - use: heel-slide
                        dose: { sets: 2, reps: 10 }
                        progress: { every: 1 week, reps: +5, until: { reps: 20 } }
                """)
        ])

    /// The bounds, in one place so that the explanation and the checks agree.
    enum Bounds {
        static let sets = 1...20
        static let reps = 1...100
        static let holdSeconds = 1...300
        static let restSeconds = 0...600
        static let durationSeconds = 1...7200
        static let perDay = 1...12
        static let perWeek = 1...50
        static let kilograms = 200.0
        static let pounds = 440.0
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            if let sessions = phase.sessions, let problem = Self.problem(frequency: sessions.value, of: "a session") {
                out.append(
                    finding(
                        "implausible sessions: \(problem.shown)", at: sessions.range,
                        help: problem.bounds + "; check for a slip of the keyboard"))
            }
            for item in phase.items {
                if let dose = item.dose { out += check(dose, isCeiling: false) }
                if let progress = item.progress {
                    // The ceiling's repetitions are done with the dose's load.
                    var until = progress.until
                    if until.load == nil, let load = item.dose?.load, case .repetitionMaximum = load.value { until.load = load }
                    out += check(until, isCeiling: true)
                }
            }
        }
        return out
    }

    private struct Problem {
        /// The value as the message shows it ("30 sets", "a hold of 30 min").
        var shown: String
        /// The bounds, for the help line.
        var bounds: String
    }

    private func check(_ dose: Dose, isCeiling: Bool) -> [Diagnostic] {
        var problems: [(Problem, SourceRange)] = []
        /// The end of `amount` outside `bounds`, if one is: the top when both are.
        func outside<T>(_ amount: Amount<T>, _ bounds: (T) -> Bool) -> T? {
            !bounds(amount.high) ? amount.high : !bounds(amount.low) ? amount.low : nil
        }
        if let sets = dose.sets, let value = outside(sets.value, Bounds.sets.contains) {
            problems.append((Problem(shown: Shown.count(value, "set", "sets"), bounds: "use 1 to 20 sets"), sets.range))
        }
        if let reps = dose.reps, let value = outside(reps.value, Bounds.reps.contains) {
            problems.append(
                (
                    Problem(shown: Shown.count(value, "repetition", "repetitions"), bounds: "use 1 to 100 repetitions"),
                    reps.range
                ))
        }
        if let hold = dose.hold, let value = outside(hold.value, { Bounds.holdSeconds.contains($0.seconds) }) {
            problems.append(
                (
                    Problem(shown: "a hold of \(Shown.time(value))", bounds: "a hold lasts more than 0s and at most 5 min"),
                    hold.range
                ))
        }
        if let rest = dose.rest, let value = outside(rest.value, { Bounds.restSeconds.contains($0.seconds) }) {
            problems.append(
                (
                    Problem(shown: "a rest of \(Shown.time(value))", bounds: "a rest between sets lasts at most 10 min"),
                    rest.range
                ))
        }
        if let duration = dose.duration, let value = outside(duration.value, { Bounds.durationSeconds.contains($0.seconds) }) {
            problems.append(
                (
                    Problem(
                        shown: "a duration of \(Shown.time(value))",
                        bounds: "a duration lasts more than 0s and at most 2 h"),
                    duration.range
                ))
        }
        // A repetition maximum is, by definition, the most repetitions the load allows.
        if let load = dose.load, case .repetitionMaximum(let most) = load.value, let reps = dose.reps, reps.value.high > most {
            problems.append(
                (
                    Problem(
                        shown: "\(Shown.amount(reps.value)) repetitions with a \(most)RM load",
                        bounds: "a \(most)RM load can be lifted \(most) times at most, so give at most \(most) repetitions "
                            + "(or a lighter load, such as `\(min(30, reps.value.high))RM`)"),
                    reps.range
                ))
        }
        if let frequency = dose.frequency, let problem = Self.problem(frequency: frequency.value, of: "a dose") {
            problems.append((problem, frequency.range))
        }
        if let load = dose.load, case .mass(let value, let unit) = load.value {
            let limit = unit == .kg ? Bounds.kilograms : Bounds.pounds
            if !(value <= limit) {
                problems.append(
                    (
                        Problem(
                            shown: "a load of \(Shown.load(load.value))",
                            bounds: "a load is at most \(Shown.number(limit)) \(unit.rawValue)"),
                        load.range
                    ))
            }
        }
        let what = isCeiling ? "implausible ceiling" : "implausible dose"
        return problems.map { problem, range in
            finding("\(what): \(problem.shown)", at: range, help: problem.bounds + "; check for a slip of the keyboard")
        }
    }

    /// The problem with `frequency`, if it is implausible; `subject` is what is done that often.
    private static func problem(frequency: Frequency, of subject: String) -> Problem? {
        switch frequency.period {
        case .day where !Bounds.perDay.contains(frequency.count):
            Problem(
                shown: "\(Shown.count(frequency.count, "time", "times")) a day",
                bounds: "\(subject) is done 1 to 12 times a day")
        case .week where !Bounds.perWeek.contains(frequency.count):
            Problem(
                shown: "\(Shown.count(frequency.count, "time", "times")) a week",
                bounds: "\(subject) is done 1 to 50 times a week")
        default:
            nil
        }
    }
}
