/// A length of time, in whole seconds ("30s", "1 min", "1 min 30 s").
public struct TimeSpan: Hashable, Sendable, Codable, Comparable {
    /// The number of seconds; negative only for a decrement in a progression.
    public var seconds: Int

    /// `seconds` seconds.
    public init(seconds: Int) { self.seconds = seconds }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}

/// How often something is done: a count per day or per week ("2 per day", "3x/week", "daily").
public struct Frequency: Hashable, Sendable, Codable {
    /// The period a count is given over.
    public enum Period: String, Hashable, Sendable, Codable, CaseIterable {
        case day, week
    }

    /// How many times in each period.
    public var count: Int
    /// The period.
    public var period: Period

    /// `count` times a `period`.
    public init(count: Int, per period: Period) {
        self.count = count
        self.period = period
    }
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

/// Tempo as seconds for each phase of a repetition, such as 3-1-3-0 (lowering, pause,
/// lifting, pause); `X` means as fast as is safe.
public struct Tempo: Hashable, Sendable, Codable {
    /// Each phase: a whole number of seconds, or "X".
    public var phases: [String]

    /// A tempo of `phases`.
    public init(phases: [String]) { self.phases = phases }
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
