import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// Quantities as a clinician would write them, for messages.
enum Shown {
    /// "30s", "5 min", "1 min 30 s", "2 h"; a decrement keeps its sign.
    static func time(_ span: TimeSpan) -> String {
        let sign = span.seconds < 0 ? "-" : ""
        // `magnitude` cannot trap, even on Int.min.
        let seconds = span.seconds.magnitude
        if seconds < 60 { return "\(sign)\(seconds)s" }
        if seconds % 3600 == 0 { return "\(sign)\(seconds / 3600) h" }
        let (minutes, rest) = seconds.quotientAndRemainder(dividingBy: 60)
        return rest == 0 ? "\(sign)\(minutes) min" : "\(sign)\(minutes) min \(rest) s"
    }

    /// "2.5", "5" (no ".0" on whole numbers).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), value.magnitude < 1e15 { return "\(Int(value))" }
        return "\(value)"
    }

    /// "5 kg", "bodyweight", "a light band".
    static func load(_ load: Load) -> String {
        switch load {
        case .mass(let value, let unit): "\(number(value)) \(unit.rawValue)"
        case .bodyweight: "bodyweight"
        case .band(let band): "a \(band.rawValue) band"
        case .repetitionMaximum(let count): "\(count)RM"
        case .percentOfMaximum(let percent): "\(number(percent))% 1RM"
        case .perceivedExertion(let low, let high): low == high ? "RPE \(low)" : "RPE \(low)-\(high)"
        }
    }

    /// "2 per day", "3 per week", "every other day", "every 3 days".
    static func frequency(_ frequency: Frequency) -> String {
        if frequency.interval == 2 { return "every other day" }
        if frequency.interval > 2 { return "every \(frequency.interval) days" }
        return "\(frequency.count) per \(frequency.period.rawValue)"
    }

    /// "8", "8-12".
    static func amount(_ amount: Amount<Int>) -> String {
        amount.isRange ? "\(amount.low)-\(amount.high)" : "\(amount.low)"
    }

    /// "30s", "20s-30s".
    static func time(_ amount: Amount<TimeSpan>) -> String {
        amount.isRange ? "\(time(amount.low))-\(time(amount.high))" : time(amount.low)
    }

    /// "Monday, Wednesday and Friday" style, short: "`mon`, `wed` and `fri`".
    static func days(_ days: [Weekday]) -> String { list(days.map(\.rawValue)) }

    /// "1 set", "3 sets".
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 ? singular : plural)"
    }

    /// "`a`, `b` and `c`".
    static func list(_ words: [String]) -> String {
        let quoted = words.map { "`\($0)`" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// The help line for a word the vocabulary does not know.
public enum VocabularyHelp {
    /// How many unknown words of one kind in one file get a "did you mean".
    public static let suggestionsPerFile = Vocabulary.suggestionsPerFile

    /// "did you mean `thr` (`total-hip-replacement`)?", or how to find or add the word; the
    /// search is made only when `suggesting`.
    public static func unknown(_ word: String, _ kind: TermKind, _ vocabulary: Vocabulary, suggesting: Bool = true) -> String {
        (suggesting ? vocabulary.didYouMean(word, kind) : nil)
            ?? "no \(kind.rawValue) is spelt like it\(suggesting ? "" : " (suggestions stop after \(suggestionsPerFile) unknown words in a file)"): look one up with `regimen vocabulary search`, or add it to the clinic's vocabulary (docs/vocabulary.md)"
    }
}
