/// A length of time, in whole seconds ("30s", "1 min", "1 min 30 s").
public struct TimeSpan: Hashable, Sendable, Codable, Comparable {
    /// The number of seconds; negative only for a decrement in a progression.
    public var seconds: Int

    /// `seconds` seconds.
    public init(seconds: Int) { self.seconds = seconds }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}

/// An amount that is one value or a range, as clinicians prescribe it: `10`, or `8-12`
/// ("between 8 and 12, stopping when your muscles feel tired"). `low` is never above `high`.
public struct Amount<Value: Hashable & Sendable & Comparable & Codable>: Hashable, Sendable, Codable {
    /// The least, or the only value.
    public var low: Value
    /// The most; equal to `low` for one value.
    public var high: Value

    /// One value.
    public init(_ value: Value) {
        self.low = value
        self.high = value
    }

    /// The values from `low` to `high`.
    public init(low: Value, high: Value) {
        self.low = low
        self.high = high
    }

    /// Whether it is a range rather than one value.
    public var isRange: Bool { low != high }
}

/// How often something is done: a count per day or per week ("2 per day", "3x/week", "daily"),
/// or once every so many days ("every other day").
public struct Frequency: Hashable, Sendable, Codable {
    /// The period a count is given over.
    public enum Period: String, Hashable, Sendable, Codable, CaseIterable {
        case day, week
    }

    /// How many times in each period.
    public var count: Int
    /// The period.
    public var period: Period
    /// How many periods apart: 2 for every other day; 1 otherwise. Only days have one above 1.
    public var interval: Int

    /// `count` times a `period`, every `interval` periods.
    public init(count: Int, per period: Period, interval: Int = 1) {
        self.count = count
        self.period = period
        self.interval = interval
    }

    /// How many days a week it needs at most: 7 for anything done daily, 4 for every other day.
    public var daysNeeded: Int {
        switch period {
        case .day: (7 + interval - 1) / max(interval, 1)
        case .week: min(count, 7)
        }
    }
}

/// A day of the week, in ISO 8601 order (Monday first).
public enum Weekday: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// 0 for Monday to 6 for Sunday.
    public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// The day `index` (0 for Monday), wrapping.
    public init(index: Int) { self = Self.allCases[((index % 7) + 7) % 7] }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }

    /// The words for days a programme may use, lower-case, and the days each names: short and
    /// full English names, and `weekdays` for Monday to Friday.
    public static let words: [(word: String, days: [Weekday])] = [
        ("mon", [.mon]), ("monday", [.mon]), ("tue", [.tue]), ("tues", [.tue]), ("tuesday", [.tue]), ("wed", [.wed]),
        ("weds", [.wed]), ("wednesday", [.wed]), ("thu", [.thu]), ("thur", [.thu]), ("thurs", [.thu]), ("thursday", [.thu]),
        ("fri", [.fri]), ("friday", [.fri]), ("sat", [.sat]), ("saturday", [.sat]), ("sun", [.sun]), ("sunday", [.sun]),
        ("weekdays", [.mon, .tue, .wed, .thu, .fri]),
    ]
}

/// How heavy: a mass, body weight, or a resistance band's strength.
public enum Load: Hashable, Sendable, Codable {
    /// A unit of mass.
    public enum Unit: String, Hashable, Sendable, Codable, CaseIterable {
        case kg, lb
    }

    /// A resistance band's strength, as the colour charts of most brands group them.
    public enum Band: String, Hashable, Sendable, Codable, CaseIterable {
        case light, medium, heavy
    }

    /// A mass such as 5 kg; `value` is finite, and non-negative except in a decrement.
    case mass(value: Double, unit: Unit)
    /// The patient's own body weight.
    case bodyweight
    /// A resistance band.
    case band(Band)
    /// A repetition maximum (`10RM`): the heaviest weight the patient can lift `count` times
    /// with good form, and not once more. 1 to 30.
    case repetitionMaximum(Int)
    /// A share of the patient's one-repetition maximum (`70% 1RM`): 1 to 100 per cent.
    case percentOfMaximum(Double)
    /// A weight chosen by how hard it feels (`RPE 7`, `RPE 6-7`): Borg CR10, 0 to 10.
    case perceivedExertion(low: Int, high: Int)

    /// Whether it is set by the patient's own strength (a repetition maximum, a share of one,
    /// or how hard it feels) rather than by a weight or a band.
    public var isRelative: Bool {
        switch self {
        case .repetitionMaximum, .percentOfMaximum, .perceivedExertion: true
        case .mass, .bodyweight, .band: false
        }
    }
}

/// How hard an exercise should feel, or the pain it may cause.
public enum Intensity: Hashable, Sendable, Codable {
    /// A word for effort.
    public enum Effort: String, Hashable, Sendable, Codable, CaseIterable {
        case light, moderate, hard
    }

    /// Rating of perceived exertion (Borg CR10), a single value or a range, 0 to 10.
    case rpe(low: Int, high: Int)
    /// A pain-monitoring rule: pain during the exercise may reach at most `max` out of 10.
    case painAtMost(Int)
    /// A word for effort.
    case effort(Effort)
}

/// How long each part of a repetition takes, in the order the parts are done.
///
/// Written either with each part named (`lower 3, pause 1, lift 1`, `lift 1, lower 3`), which
/// says exactly what is meant, or bare (`3-1-3`, `2-0-X-1`), which is read as lower, pause, lift,
/// pause: clinicians who write the lift first would mean something else by the same numbers.
public struct Tempo: Hashable, Sendable, Codable {
    /// One part of a repetition and how long it takes.
    public struct Part: Hashable, Sendable, Codable {
        /// What the part is.
        public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
            /// Lowering the weight or the body (against gravity, slowly: the eccentric part).
            case lower
            /// Staying still between the movements.
            case pause
            /// Lifting the weight or the body (the concentric part).
            case lift
        }

        /// What the part is.
        public var kind: Kind
        /// Whole seconds; nil for `X`, as fast as is safe (for a pause, in the bare form: no pause).
        public var seconds: Int?

        /// A part of `kind` taking `seconds` (nil: as fast as is safe).
        public init(_ kind: Kind, seconds: Int?) {
            self.kind = kind
            self.seconds = seconds
        }

        /// A pause of no time: written as 0, or as `X` in the bare form.
        var isNoPause: Bool { kind == .pause && (seconds ?? 0) == 0 }
    }

    /// How a tempo was written.
    public enum Notation: String, Hashable, Sendable, Codable {
        /// Numbers only (`3-1-3`): read as lower, pause, lift, pause.
        case bare
        /// Each part named, in the order it is done (`lift 1, pause 1, lower 3`).
        case labelled
    }

    /// The parts, in the order they are done; the bare form's as written, zeros included.
    public var parts: [Part]
    /// How it was written.
    public var notation: Notation

    /// A tempo of `parts`, written in `notation`.
    public init(parts: [Part], notation: Notation) {
        self.parts = parts
        self.notation = notation
    }

    /// The order the bare form is read in.
    public static let bareOrder: [Part.Kind] = [.lower, .pause, .lift, .pause]

    /// The pause that follows the movement `kind`, if the tempo has one.
    private func pause(after kind: Part.Kind) -> Part? {
        guard let index = parts.firstIndex(where: { $0.kind == kind }), index + 1 < parts.count, parts[index + 1].kind == .pause else {
            return nil
        }
        return parts[index + 1]
    }

    /// The tempo in the bare form, lower first, whatever order it was written in: `3-1-1`, or
    /// `3-0-1-2` when the lift is followed by a pause. A bare tempo is given back as written.
    /// Every pause keeps its place after its movement, so `lift 1, pause 2, lower 3` is `3-0-1-2`.
    public var bare: String {
        func text(_ part: Part?) -> String { part.map { $0.seconds.map(String.init) ?? "X" } ?? "0" }
        if notation == .bare { return parts.map { text($0) }.joined(separator: "-") }
        let lower = parts.first { $0.kind == .lower }
        let lift = parts.first { $0.kind == .lift }
        var out = [text(lower), text(pause(after: .lower)), text(lift)]
        if let top = pause(after: .lift) { out.append(text(top)) }
        return out.joined(separator: "-")
    }

    /// The tempo with each part named, in the order it is done, leaving out pauses of no time:
    /// `lower 3, pause 1, lift 1`.
    public var labelled: String {
        parts.filter { !$0.isNoPause }.map { "\($0.kind.rawValue) \($0.seconds.map(String.init) ?? "X")" }.joined(separator: ", ")
    }

    /// The same numbers read lift first (the bare form's other reading): `3-0-1` becomes lift 3,
    /// lower 1. Nil for a tempo that is not bare.
    public var readLiftFirst: Tempo? {
        guard notation == .bare else { return nil }
        let kinds: [Part.Kind] = [.lift, .pause, .lower, .pause]
        return Tempo(parts: zip(kinds, parts).map { Part($0, seconds: $1.seconds) }, notation: .labelled)
    }

    /// Whether a bare tempo means the same read lower first or lift first: the lowering and the
    /// lifting take the same time, and so do the pause after each (`2-0-2`, `3-1-3-1`). In
    /// `3-1-3` they do not: the pause is after the lowering one way, after the lifting the other.
    public var readsTheSameEitherWay: Bool {
        guard notation == .bare, let other = readLiftFirst else { return true }
        func key(_ tempo: Tempo) -> [Int?] {
            [.lower, .lift].flatMap { kind -> [Int?] in
                [tempo.parts.first { $0.kind == kind }?.seconds, tempo.pause(after: kind).flatMap { $0.isNoPause ? 0 : $0.seconds } ?? 0]
            }
        }
        return key(self) == key(other)
    }
}

/// A week or an inclusive range of weeks, counted from 1.
public struct WeekRange: Hashable, Sendable, Codable {
    /// The first week.
    public var first: Int
    /// The last week (equal to `first` for a single week).
    public var last: Int

    /// Weeks `first` to `last`.
    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    /// Whether the two ranges share a week.
    public func overlaps(_ other: WeekRange) -> Bool { first <= other.last && other.first <= last }

    /// "3" or "3-6".
    public var text: String { first == last ? "\(first)" : "\(first)-\(last)" }
}

/// Which side of the body a dose is for.
public enum Side: String, Hashable, Sendable, Codable, CaseIterable {
    case left, right, both, each, alternating, affected, unaffected
}
