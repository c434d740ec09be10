import RegimenDiagnostics

/// A calendar date (proleptic Gregorian), without time or zone.
public struct CalendarDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month.
    public var day: Int

    /// A valid date, or nil (for instance for 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil algorithm: pure integers, no
    /// time zones).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, when it is within years 1 to 9999.
    public init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)
    }

    /// Its day of the week (1 January 1970 was a Thursday).
    public var weekday: Weekday { Weekday(index: ((dayNumber % 7) + 7 + 3) % 7) }

    /// The date `days` later (or earlier), when it is within years 1 to 9999.
    public func adding(days: Int) -> CalendarDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CalendarDate(dayNumber: sum)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// "2026-12-01".
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Reads "YYYY-MM-DD".
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// Which side a patient's problem is on.
public enum AffectedSide: String, Hashable, Sendable, Codable, CaseIterable {
    case left, right, both
}

/// What is known of one patient at compile time. Given with `--patient`, never stored in a
/// programme (`regimen-patient: 1`).
public struct PatientProfile: Sendable {
    /// The profile format version.
    public var formatVersion: Located<Int>
    /// The patient's conditions (identifiers), screened against precautions and exclusions.
    public var conditions: [Text]
    /// The side of the problem; resolves `side: affected` and `side: unaffected`.
    public var affectedSide: Located<AffectedSide>?
    /// The first day of week 1.
    public var start: Located<CalendarDate>?
    /// The language of the handout, as a BCP 47 tag such as `en-GB`.
    public var language: Text?
    /// Notes for the handout.
    public var notes: Text?
    /// The whole document.
    public var range: SourceRange

    /// A profile with nothing but its version.
    public init(formatVersion: Located<Int>, range: SourceRange) {
        self.formatVersion = formatVersion
        self.conditions = []
        self.range = range
    }
}
