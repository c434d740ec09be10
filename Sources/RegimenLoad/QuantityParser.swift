import RegimenDiagnostics
import RegimenFormat

/// Reads quantities the way clinicians write them. Every function returns nil for text it
/// cannot read; the decoder then shows the accepted forms. No arithmetic here can overflow:
/// numbers are bounded before they are combined.
public enum QuantityParser {
    /// The largest number of seconds a time may reach (one day).
    static let maxSeconds = 86_400

    /// Splits "1 min 30 s" into number/word tokens: ["1", "min", "30", "s"].
    static func tokens(_ text: String) -> [String] {
        if let tokens = asciiTokens(text) { return tokens }
        var out: [String] = []
        var current = ""
        var currentIsNumber = false
        for ch in text.lowercased() {
            let isNumber = ch.isASCII && (ch.isNumber || ch == ".")
            let isWord = ch.isLetter || ch == "%"
            if isNumber || isWord {
                if !current.isEmpty && isNumber != currentIsNumber {
                    out.append(current); current = ""
                }
                current.append(ch)
                currentIsNumber = isNumber
            } else {
                if !current.isEmpty { out.append(current); current = "" }
                if !ch.isWhitespace { out.append(String(ch)) }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// `tokens` for ASCII text (nearly every dose), on bytes; nil for any other text.
    static func asciiTokens(_ text: String) -> [String]? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            @inline(__always) func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            @inline(__always) func token(_ range: Range<Int>) -> String {
                String(decoding: bytes[range].lazy.map(lowered), as: UTF8.self)
            }
            var out: [String] = []
            out.reserveCapacity(4)
            var start = 0
            var currentIsNumber = false
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x80 else { return nil }
                let lower = lowered(byte)
                let isNumber = (lower >= 0x30 && lower <= 0x39) || lower == 0x2E
                let isWord = (lower >= 0x61 && lower <= 0x7A) || lower == 0x25
                if isNumber || isWord {
                    if start < index && isNumber != currentIsNumber {
                        out.append(token(start..<index))
                        start = index
                    }
                    currentIsNumber = isNumber
                } else {
                    if start < index { out.append(token(start..<index)) }
                    start = index + 1
                    // Character.isWhitespace, for ASCII: space, and tab to carriage return.
                    if !(lower == 0x20 || (lower >= 0x09 && lower <= 0x0D)) { out.append(token(index..<index + 1)) }
                }
            }
            if start < bytes.count { out.append(token(start..<bytes.count)) }
            return out
        } ?? nil
    }

    /// A non-negative decimal number with at most 6 digits before the point; nil otherwise.
    static func number(_ token: String) -> Double? {
        // On the bytes: digits, at most one point, at most 6 digits before it and 1 to 3 after.
        var whole = 0
        var fraction = 0
        var seenPoint = false
        for byte in token.utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if seenPoint { fraction += 1 } else { whole += 1 }
            } else {
                return nil
            }
        }
        guard whole <= 6, whole > 0 || seenPoint, !seenPoint || (1...3).contains(fraction) else { return nil }
        return Double(token)
    }

    /// A whole number of at most 6 digits.
    static func integer(_ token: String) -> Int? {
        guard !token.isEmpty, token.count <= 6, token.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(token)
    }

    static func secondsPerUnit(_ word: String) -> Int? {
        switch word {
        case "s", "sec", "secs", "second", "seconds": 1
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hr", "hrs", "hour", "hours": 3600
        default: nil
        }
    }

    /// "30s", "30 sec", "1 min", "1.5 min", "1 min 30 s", "2 minutes", "1:30" (minutes:seconds).
    public static func time(_ text: String) -> TimeSpan? {
        let parts = tokens(text)
        guard !parts.isEmpty else { return nil }
        if parts.count == 3, parts[1] == ":", let m = integer(parts[0]), let s = integer(parts[2]), s < 60, m <= 1440 {
            return TimeSpan(seconds: m * 60 + s)
        }
        guard parts.count % 2 == 0 else { return nil }
        var total = 0.0
        var previousUnit = Int.max
        var index = 0
        while index < parts.count {
            guard let value = number(parts[index]), let unit = secondsPerUnit(parts[index + 1]), unit < previousUnit else {
                return nil
            }
            total += value * Double(unit)
            previousUnit = unit
            index += 2
        }
        guard total.isFinite, total <= Double(maxSeconds), total == total.rounded() else { return nil }
        return TimeSpan(seconds: Int(total))
    }

    /// Whether `token` joins the two ends of a range: `-`, an en dash, or `to`.
    static func isRangeJoin(_ token: String) -> Bool { token == "-" || token == "–" || token == "to" }

    /// The tokens before and after the one range join in `parts`, or nil when there is none.
    static func splitRange(_ parts: [String]) -> ([String], [String])? {
        let joins = parts.indices.filter { isRangeJoin(parts[$0]) }
        guard joins.count == 1, let at = joins.first, at > 0, at < parts.count - 1 else { return nil }
        return (Array(parts[..<at]), Array(parts[(at + 1)...]))
    }

    /// "10", "8-12", "8 to 12": a whole number, or a range of them from the smaller to the larger.
    public static func count(_ text: String) -> Amount<Int>? {
        let parts = tokens(text)
        if parts.count == 1, let n = integer(parts[0]) { return Amount(n) }
        guard let (left, right) = splitRange(parts), left.count == 1, right.count == 1,
            let low = integer(left[0]), let high = integer(right[0]), low <= high
        else { return nil }
        return Amount(low: low, high: high)
    }

    /// Whether `text` is a range written from the larger number to the smaller (`12-8`, `30-20s`).
    public static func isReversedRange(_ text: String) -> Bool {
        let parts = tokens(text)
        guard let (left, right) = splitRange(parts), let a = left.first.flatMap(number), let b = right.first.flatMap(number) else {
            return false
        }
        return a > b && left.count <= right.count
    }

    /// "30s", "1 min", or a range: "20-30s", "20 to 30 seconds", "20s-30s", "1-2 min", "30s to 1 min".
    /// A bare number before the join takes the unit after it.
    public static func timeAmount(_ text: String) -> Amount<TimeSpan>? {
        if let one = time(text) { return Amount(one) }
        let parts = tokens(text)
        guard var (left, right) = splitRange(parts), !right.isEmpty else { return nil }
        if left.count == 1, right.count == 2, number(left[0]) != nil { left.append(right[1]) }
        guard let low = time(left.joined(separator: " ")), let high = time(right.joined(separator: " ")), low < high else {
            return nil
        }
        return Amount(low: low, high: high)
    }

    /// What a one-string dose such as `3x10` says, or why it cannot be read.
    public enum SetsByReps: Equatable, Sendable {
        /// Sets by repetitions, each perhaps a range (`3x8-12`, `2-3 sets of 10`).
        case read(sets: Amount<Int>, reps: Amount<Int>)
        /// A number of sets by a time (`3x30s`): a hold or a duration, the text does not say.
        case setsByTime(sets: Amount<Int>, time: Amount<TimeSpan>)
        /// More than two numbers multiplied (`3x10x2`).
        case tooManyParts
        /// Not a dose written in one string.
        case unreadable
    }

    /// "3x10", "3 x 10", "3×10", "3 sets of 10", "3 sets of 10 reps", "3 sets x 10 reps",
    /// "3x8-12", "2-3 sets of 10": sets, then repetitions.
    public static func setsByReps(_ text: String) -> SetsByReps {
        var parts = tokens(text)
        // Split a token such as "x10" or "3x" that the tokenizer kept whole: it splits at
        // digits already, so only a lone multiplication sign needs a name.
        parts = parts.map { $0 == "×" || $0 == "*" ? "x" : $0 }
        let multiplied = parts.indices.filter { parts[$0] == "x" }
        var setsPart: [String]
        var repsPart: [String]
        if multiplied.count > 1 { return .tooManyParts }
        if let at = multiplied.first {
            setsPart = Array(parts[..<at])
            repsPart = Array(parts[(at + 1)...])
        } else if let of = parts.firstIndex(of: "of") {
            setsPart = Array(parts[..<of])
            repsPart = Array(parts[(of + 1)...])
        } else {
            return .unreadable
        }
        if let last = setsPart.last, last == "sets" || last == "set" { setsPart.removeLast() }
        if let last = repsPart.last, ["reps", "rep", "repetitions", "repetition", "times"].contains(last) { repsPart.removeLast() }
        guard let sets = count(setsPart.joined(separator: " ")), sets.low >= 1 else { return .unreadable }
        let repsText = repsPart.joined(separator: " ")
        if let reps = count(repsText), reps.low >= 1 { return .read(sets: sets, reps: reps) }
        if let time = timeAmount(repsText) { return .setsByTime(sets: sets, time: time) }
        return .unreadable
    }

    /// "mon", "Monday", "Tues", "thu", "weekdays" (Monday to Friday): the days a word names.
    public static func weekdays(_ text: String) -> [Weekday]? {
        let parts = tokens(text)
        guard parts.count == 1 else { return nil }
        return Weekday.words.first { $0.word == parts[0] }?.days
    }

    /// "2 per day", "2x/day", "2x per day", "2 times a day", "twice a day", "twice daily",
    /// "daily", "once a week", "3x/week", "3 per week", "weekly".
    /// Also once every so many days: "every other day", "every second day", "alternate days",
    /// "on alternate days", "every 2 days" (2 to 7), and "every day".
    public static func frequency(_ text: String) -> Frequency? {
        var parts = tokens(text)
        guard !parts.isEmpty else { return nil }
        switch parts {
        case ["every", "day"]: return Frequency(count: 1, per: .day)
        case ["every", "other", "day"], ["every", "second", "day"], ["alternate", "days"], ["on", "alternate", "days"],
            ["every", "alternate", "day"]:
            return Frequency(count: 1, per: .day, interval: 2)
        case let p where p.count == 3 && p[0] == "every" && p[2] == "days":
            guard let n = integer(p[1]), (2...7).contains(n) else { return nil }
            return Frequency(count: 1, per: .day, interval: n)
        default: break
        }
        func period(_ word: String) -> Frequency.Period? {
            switch word {
            case "day", "daily", "d": .day
            case "week", "weekly", "wk", "w": .week
            default: nil
            }
        }
        if parts.count == 1 {
            switch parts[0] {
            case "daily": return Frequency(count: 1, per: .day)
            case "weekly": return Frequency(count: 1, per: .week)
            default: return nil
            }
        }
        var count: Int
        switch parts[0] {
        case "once": count = 1
        case "twice": count = 2
        case "thrice": count = 3
        default:
            guard let n = integer(parts[0]), n >= 1, n <= 100 else { return nil }
            count = n
        }
        parts.removeFirst()
        if let first = parts.first, ["x", "times", "time", "×"].contains(first) { parts.removeFirst() }
        guard let last = parts.last, let p = period(last) else { return nil }
        parts.removeLast()
        // What is left joins count and period: "per", "/", "a", "an", "each", "every", or nothing
        // before "daily"/"weekly".
        switch parts {
        case [] where last == "daily" || last == "weekly": break
        case ["per"], ["/"], ["a"], ["an"], ["each"], ["every"], ["per", "a"]: break
        default: return nil
        }
        return Frequency(count: count, per: p)
    }

    /// "5 kg", "2.5kg", "10 lb", "bodyweight", "body weight", "light band"; relative to the
    /// patient: "10RM" (1 to 30), "70% 1RM", "70% of 1RM" (1 to 100 per cent), "RPE 7", "RPE 6-7".
    public static func load(_ text: String) -> Load? {
        let parts = tokens(text)
        if parts.first == "rpe", case .rpe(let low, let high)? = intensity(text) { return .perceivedExertion(low: low, high: high) }
        if parts.count == 2, parts[1] == "rm" {
            guard let n = integer(parts[0]), (1...30).contains(n) else { return nil }
            return .repetitionMaximum(n)
        }
        if parts.count >= 4, parts[1] == "%", parts.suffix(2) == ["1", "rm"], parts.count == 4 || (parts.count == 5 && parts[2] == "of") {
            guard let value = number(parts[0]), value >= 1, value <= 100 else { return nil }
            return .percentOfMaximum(value)
        }
        switch parts {
        case ["bodyweight"], ["body", "weight"], ["own", "body", "weight"], ["own", "bodyweight"]:
            return .bodyweight
        case let p where p.count == 2 && p[1] == "band":
            return Load.Band(rawValue: p[0]).map(Load.band)
        case let p where p.count == 2:
            guard let value = number(p[0]), value <= 1000 else { return nil }
            switch p[1] {
            case "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms": return .mass(value: value, unit: .kg)
            case "lb", "lbs", "pound", "pounds": return .mass(value: value, unit: .lb)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// "RPE 6", "RPE 5-7", "pain up to 3/10", "pain 3/10", "pain <= 3/10", "light", "moderate", "hard".
    public static func intensity(_ text: String) -> Intensity? {
        let parts = tokens(text)
        guard let first = parts.first else { return nil }
        if parts.count == 1, let effort = Intensity.Effort(rawValue: first) { return .effort(effort) }
        if first == "rpe" {
            switch parts.count {
            case 2:
                guard let n = integer(parts[1]), n <= 10 else { return nil }
                return .rpe(low: n, high: n)
            case 4 where parts[2] == "-" || parts[2] == "to":
                guard let a = integer(parts[1]), let b = integer(parts[3]), a <= b, b <= 10 else { return nil }
                return .rpe(low: a, high: b)
            default: return nil
            }
        }
        if first == "pain" {
            var rest = Array(parts.dropFirst())
            // Accept "up to", "at most", "<=", "≤", "<" … before "N/10".
            while let word = rest.first, ["up", "to", "at", "most", "<", "=", "≤", "no", "more", "than", "of"].contains(word) {
                rest.removeFirst()
            }
            guard rest.count == 3, rest[1] == "/", rest[2] == "10", let n = integer(rest[0]), n <= 10 else { return nil }
            return .painAtMost(n)
        }
        return nil
    }

    /// A tempo with each part named, in the order it is done: "lower 3, pause 1, lift 1",
    /// "lift 1, lower 3, pause 2", "lower 2s, lift X"; or bare, read as lower, pause, lift,
    /// pause: "3-1-3", "3-1-3-0", "2-0-X-1".
    public static func tempo(_ text: String) -> Tempo? {
        if let bare = bareTempo(text) { return bare }
        if case .success(let tempo) = labelledTempo(text) { return tempo }
        return nil
    }

    /// "3-1-3", "3-1-3-0", "2-0-X-1": three or four parts, each 0 to 60 seconds or X.
    static func bareTempo(_ text: String) -> Tempo? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace.uppercased()
        }
        guard fields.count == 3 || fields.count == 4 else { return nil }
        var parts: [Tempo.Part] = []
        for (kind, field) in zip(Tempo.bareOrder, fields) {
            if field == "X" {
                parts.append(Tempo.Part(kind, seconds: nil))
            } else {
                guard let n = integer(field), n <= 60 else { return nil }
                parts.append(Tempo.Part(kind, seconds: n))
            }
        }
        return Tempo(parts: parts, notation: .bare)
    }

    /// Why a tempo that names its parts cannot be read, as a help line; nil for text that does
    /// not try to name them (a bare tempo, or no words at all) and for a tempo that reads.
    public static func tempoProblem(_ text: String) -> String? {
        guard bareTempo(text) == nil, case .failure(let problem) = labelledTempo(text) else { return nil }
        return problem.help
    }

    /// A reason a named tempo cannot be read: a help line, or nil when the text does not try
    /// to name the parts.
    struct TempoProblem: Error {
        let help: String?
    }

    /// "lower 3, pause 1, lift 1": `lower` and `lift` once each, with at most one pause after
    /// each of them, in the order they are done; each part's seconds (1 to 60 for a movement,
    /// or X; 0 to 60 for a pause) may be followed by a unit of seconds. Commas between the parts
    /// are optional, so that a tempo in a `{ … }` dose can be written without quotes.
    static func labelledTempo(_ text: String) -> Result<Tempo, TempoProblem> {
        let tokens = tokens(text)
        let named = "name each part, then its seconds, in the order they are done, such as `lower 3, pause 1, lift 1`"
        func notAPart(_ word: String) -> TempoProblem {
            let suggestion = Suggestions.closest(to: word, in: Tempo.Part.Kind.allCases.map(\.rawValue))
            return TempoProblem(
                help: "`\(word)` is not a part of a tempo" + (suggestion.map { " (did you mean `\($0)`?)" } ?? "")
                    + "; the parts are `lower`, `lift` and `pause`: " + named)
        }
        // Without a part's name, this is a bare tempo mistyped (or nothing like a tempo), unless
        // a word in it shows it tries to name one.
        guard tokens.contains(where: { Tempo.Part.Kind(rawValue: $0) != nil }) else {
            let word = tokens.first { $0.first?.isLetter == true && $0 != "x" && secondsPerUnit($0) == nil }
            return .failure(word.map(notAPart) ?? TempoProblem(help: nil))
        }
        var parts: [Tempo.Part] = []
        var index = 0
        while index < tokens.count {
            let word = tokens[index]
            guard let kind = Tempo.Part.Kind(rawValue: word) else {
                if word.first?.isLetter != true {
                    return .failure(TempoProblem(help: "separate the parts with one comma, or none: " + named))
                }
                return .failure(notAPart(word))
            }
            index += 1
            guard index < tokens.count, tokens[index] != "," else {
                return .failure(
                    TempoProblem(help: "give `\(kind.rawValue)` its seconds, such as `\(kind.rawValue) \(kind == .pause ? 1 : 3)`"))
            }
            let amount = tokens[index]
            index += 1
            if amount == "x" {
                guard kind != .pause else {
                    return .failure(
                        TempoProblem(
                            help: "X (as fast as is safe) is for `lower` and `lift`; a pause takes seconds, or leave it out"))
                }
                parts.append(Tempo.Part(kind, seconds: nil))
            } else {
                let range = kind == .pause ? 0...60 : 1...60
                guard let seconds = integer(amount), range.contains(seconds) else {
                    return .failure(
                        TempoProblem(
                            help: kind == .pause
                                ? "a pause takes a whole number of seconds from 0 to 60"
                                : "`\(kind.rawValue)` takes a whole number of seconds from 1 to 60, or X for as fast as is safe"))
                }
                parts.append(Tempo.Part(kind, seconds: seconds))
                if index < tokens.count, secondsPerUnit(tokens[index]) == 1 { index += 1 }
            }
            if index < tokens.count, tokens[index] == "," {
                index += 1
                guard index < tokens.count else { return .failure(TempoProblem(help: "end the tempo without a comma: " + named)) }
            }
        }
        let lowers = parts.filter { $0.kind == .lower }.count
        let lifts = parts.filter { $0.kind == .lift }.count
        if parts.first?.kind == .pause {
            return .failure(TempoProblem(help: "start with `lower` or `lift`: a pause comes after the movement it follows"))
        }
        if lowers > 1 || lifts > 1 {
            return .failure(TempoProblem(help: "name `lower` and `lift` once each: a tempo is one repetition"))
        }
        if lowers == 0 || lifts == 0 {
            return .failure(
                TempoProblem(
                    help: "name both `lower` and `lift`, in the order they are done; in a `{ … }` dose a comma ends the value, "
                        + "so quote a tempo written with commas (`tempo: \"lower 3, pause 1, lift 1\"`) or leave the commas out"))
        }
        if zip(parts, parts.dropFirst()).contains(where: { $0.kind == .pause && $1.kind == .pause }) {
            return .failure(TempoProblem(help: "write one pause after a movement, not two in a row"))
        }
        return .success(Tempo(parts: parts, notation: .labelled))
    }

    /// "3", "1-2", "3 - 6"; first ≥ 1, last ≥ first, last ≤ `maxWeek`.
    public static func weeks(_ text: String, maxWeek: Int) -> WeekRange? {
        let parts = tokens(text)
        switch parts.count {
        case 1:
            guard let n = integer(parts[0]), n >= 1, n <= maxWeek else { return nil }
            return WeekRange(first: n, last: n)
        case 3 where parts[1] == "-" || parts[1] == "to":
            guard let a = integer(parts[0]), let b = integer(parts[2]), a >= 1, a <= b, b <= maxWeek else { return nil }
            return WeekRange(first: a, last: b)
        default:
            return nil
        }
    }

    /// "1 week", "2 weeks", "week": a whole number of weeks, 1 to 52.
    public static func interval(_ text: String) -> Int? {
        let parts = tokens(text)
        switch parts {
        case ["week"], ["weekly"]: return 1
        case let p where p.count == 2 && (p[1] == "week" || p[1] == "weeks"):
            guard let n = integer(p[0]), n >= 1, n <= 52 else { return nil }
            return n
        default: return nil
        }
    }

    /// Splits a leading sign: "+2" → (1, "2"), "-10s" → (-1, "10s"); a sign is required.
    static func signed(_ text: String) -> (Int, String)? {
        let trimmed = text.trimmingWhitespace
        guard let sign = trimmed.first, sign == "+" || sign == "-" else { return nil }
        return (sign == "+" ? 1 : -1, String(trimmed.dropFirst()))
    }

    /// "+1", "+2" (a whole number to add; 1 to 100).
    public static func countIncrement(_ text: String) -> Int? {
        guard let (sign, rest) = signed(text), sign == 1, let n = integer(rest.trimmingWhitespace),
            n >= 1, n <= 100
        else { return nil }
        return n
    }

    /// "+5s", "+1 min", "-10s".
    public static func timeIncrement(_ text: String) -> TimeSpan? {
        guard let (sign, rest) = signed(text), let span = time(rest), span.seconds > 0 else { return nil }
        return TimeSpan(seconds: sign * span.seconds)
    }

    /// "+1 kg", "+2.5 lb".
    public static func loadIncrement(_ text: String) -> Load? {
        guard let (sign, rest) = signed(text), sign == 1, case .mass(let value, let unit)? = load(rest), value > 0 else {
            return nil
        }
        return .mass(value: value, unit: unit)
    }
}


extension String {
    /// The text without leading and trailing spaces and tabs: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives (Unicode's space separators and the tab),
    /// without bridging to NSString for every value read.
    var trimmingWhitespace: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return self }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
