import RegimenCompile

/// The words a patient reads for doses, frequencies, sides and weeks: one place for all of
/// them, shared by every handout exporter. (Being completed: see the handouts issue.)
public enum PlainLanguage {
    /// The dose in sentences, such as "Hold for 30 seconds. Do this 3 times on your left side,
    /// twice a day." `sessions` is the phase's session frequency, used when the dose gives none.
    public static func dose(_ dose: Plan.DoseInfo, sessions: Plan.FrequencyInfo?) -> String {
        var parts: [String] = []
        if let reps = dose.reps { parts.append("\(reps) repetitions") }
        if let sets = dose.sets { parts.append("\(sets) sets") }
        return parts.joined(separator: ", ")
    }

    /// "twice a day", "3 times a week".
    public static func frequency(_ frequency: Plan.FrequencyInfo) -> String {
        "\(frequency.count) times a \(frequency.per)"
    }

    /// "Week 3", "Weeks 1 to 2".
    public static func weeks(_ span: Plan.WeekSpan) -> String {
        span.first == span.last ? "Week \(span.first)" : "Weeks \(span.first) to \(span.last)"
    }

    /// "30 seconds", "1 minute 30 seconds".
    public static func time(seconds: Int) -> String {
        "\(seconds) seconds"
    }
}
