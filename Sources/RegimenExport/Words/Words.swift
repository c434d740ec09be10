import Foundation
import RegimenFormat

/// Regimen's own words in one language: a catalogue's messages filled in, numbers with the
/// language's decimal separator, and dates with its month and weekday names. Everything a
/// handout says in its fixed wording goes through one of these.
public struct Words: Sendable {
    /// The catalogue the words come from.
    public let catalogue: MessageCatalogue
    /// The locale numbers and dates follow.
    public let locale: Locale
    /// The British English words, for callers that have no language.
    public static let britishEnglish = Words(
        catalogue: MessageCatalogue.shipped[MessageCatalogue.reference]
            ?? MessageCatalogue(language: MessageCatalogue.reference, name: "English", direction: "ltr", messages: [:]))

    /// The words of `catalogue`.
    ///
    /// Digits are Latin (0-9) in every language, Arabic included: the handout prints card,
    /// week and page numbers the template and the browser write in Latin digits, the
    /// clinic's own texts (translated or not) carry Latin digits, and a dose must read the same
    /// wherever it appears on the sheet; the Maghreb writes Latin digits too. Foundation's
    /// formatters on Linux give Latin digits for `ar` as well; the locale says so explicitly.
    public init(catalogue: MessageCatalogue) {
        self.catalogue = catalogue
        self.locale = Locale(identifier: catalogue.language.replacingOccurrences(of: "-", with: "_") + "@numbers=latn")
    }

    /// The language's tag ("en-GB", "pl").
    public var language: String { catalogue.language }

    // MARK: Messages

    /// The text of `key` with its placeholders filled from `values`; a placeholder without a
    /// value stays as written, so that a mistake shows rather than hides.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(pattern(key, count: nil), values)
    }

    /// The form of `key` for `count` (a plural message), with `{count}` the number as the
    /// language writes it.
    public func count(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(count)
        return Self.fill(pattern(key, count: (String(count), PluralOperands(count))), values)
    }

    /// The form of `key` for the decimal `amount` (as `number(_:)` writes it, so "1.5"
    /// chooses by i = 1, v = 1), with `{count}` the number written the language's way.
    public func amount(_ key: String, _ amount: Double, _ values: [String: String] = [:]) -> String? {
        guard let plain = PlainLanguage.number(amount) else { return nil }
        var values = values
        values["count"] = localised(plain)
        // A number too large for digits ("1e+300") has no operands: it takes `other`.
        let operands = PluralOperands(plain) ?? PluralOperands(1_000_001)
        return Self.fill(pattern(key, count: (plain, operands)), values)
    }

    /// The pattern for `key`: for a plural message, the exact form for the number, else its
    /// category's, else `other`. A key the catalogue lacks takes the reference catalogue's
    /// text (CatalogueTests make sure no shipped catalogue lacks one).
    func pattern(_ key: String, count: (printed: String, operands: PluralOperands)?) -> String {
        let message = catalogue.messages[key] ?? MessageCatalogue.shipped[MessageCatalogue.reference]?.messages[key] ?? .text(key)
        switch message {
        case .text(let text):
            return text
        case .plural(let forms, let exact):
            guard let count else { return forms[.other] ?? "" }
            if let form = exact[count.printed] { return form }
            let category = PluralRules.category(count.operands, language: catalogue.language)
            return forms[category] ?? forms[.other] ?? ""
        }
    }

    /// `pattern` with each `{name}` replaced by `values[name]`, in one pass (a value that
    /// contains braces is not read again).
    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        guard pattern.contains("{") else { return pattern }
        var out = ""
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    // MARK: Numbers

    /// "2,5" in German for "2.5": a number as `PlainLanguage.number` writes it, with the
    /// language's decimal separator.
    public func localised(_ plain: String) -> String {
        let separator = locale.decimalSeparator ?? "."
        return separator == "." ? plain : plain.replacingOccurrences(of: ".", with: separator)
    }

    /// `value` to three decimal places, written the language's way; nil for a negative or
    /// non-finite value.
    public func number(_ value: Double) -> String? {
        PlainLanguage.number(value).map(localised)
    }

    // MARK: Lists

    /// "1, 2 and 3" in the language's words (`list.pair`, `list.middle`, `list.end`).
    public func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return text("list.pair", ["first": items[0], "second": items[1]])
        default:
            var joined = items[0]
            for item in items.dropFirst().dropLast() { joined = text("list.middle", ["first": joined, "second": item]) }
            return text("list.end", ["first": joined, "second": items[items.count - 1]])
        }
    }

    // MARK: Dates

    /// The date in the language's long form: "7 December 2026", "7 de diciembre de 2026",
    /// "7. Dezember 2026", "7 grudnia 2026" (ICU's pattern for the skeleton `yMMMMd`).
    public func date(_ date: CalendarDate) -> String { format(date, skeleton: "yMMMMd") }

    /// The day and month: "7 December", "7 de diciembre", "December 7".
    public func dayAndMonth(_ date: CalendarDate) -> String { format(date, skeleton: "MMMMd") }

    /// The day of the month alone: "7".
    public func day(_ date: CalendarDate) -> String { format(date, skeleton: "d") }

    /// A short date for a narrow column: "7 Dec", "7 dic", "7. Dez.".
    public func shortDate(_ date: CalendarDate) -> String { format(date, skeleton: "MMMd") }

    /// The weekday's name: "Monday", "lunes".
    public func weekday(_ date: CalendarDate) -> String { name(ofWeekday: PlainLanguage.weekday(date), pattern: "EEEE") }

    /// The name of `day`: "Monday", "lunes", "poniedziałek".
    public func weekdayName(_ day: Weekday) -> String { name(ofWeekday: day.index, pattern: "EEEE") }

    /// The short name of `day`, for a narrow column: "Mon", "lun", "pon.".
    public func shortWeekdayName(_ day: Weekday) -> String { name(ofWeekday: day.index, pattern: "EEE") }

    /// The weekdays' one-letter labels, Monday first ("M", "T", "W"…; Polish "P", "W", "Ś"…).
    public var dayLetters: [String] {
        (0..<7).map { name(ofWeekday: $0, pattern: "ccccc") }
    }

    /// `date` in ICU's pattern for `skeleton` in this locale. ICU gives the pattern and the
    /// month and weekday names; the pattern is filled in here, because ICU's calendar turns
    /// Julian before 1582 while a plan's dates are proleptic Gregorian (year 1 to 9999).
    private func format(_ date: CalendarDate, skeleton: String) -> String {
        let formatter = Self.formatter(locale)
        formatter.setLocalizedDateFormatFromTemplate(skeleton)
        return format(date, pattern: formatter.dateFormat ?? "d MMMM y")
    }

    /// `date` in the CLDR date pattern `pattern` (fields d, M, L, y, E, c; quoted literals).
    private func format(_ date: CalendarDate, pattern: String) -> String {
        var out = ""
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                // 'de' is literal text; '' is a quote.
                var end = index + 1
                if end < characters.count, characters[end] == "'" {
                    out.append("'")
                    index = end + 1
                    continue
                }
                while end < characters.count, characters[end] != "'" { end += 1 }
                out += String(characters[(index + 1)..<min(end, characters.count)])
                index = end + 1
                continue
            }
            guard character.isASCII, character.isLetter else {
                out.append(character)
                index += 1
                continue
            }
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            index += run
            switch character {
            case "d": out += run >= 2 && date.day < 10 ? "0\(date.day)" : String(date.day)
            case "y": out += run == 2 ? String(format: "%02d", date.year % 100) : String(date.year)
            case "M", "L":
                out += run >= 3 ? name(ofMonth: date.month, pattern: String(repeating: character, count: run)) : String(date.month)
            case "E", "c", "e":
                out += name(
                    ofWeekday: PlainLanguage.weekday(date),
                    pattern: String(repeating: character == "e" ? "E" : character, count: max(3, run)))
            default: break  // a time or era field: never in the skeletons used here
            }
        }
        return out
    }

    /// The month's name in the form `pattern` asks (MMMM, LLLL, MMM…), from ICU.
    private func name(ofMonth month: Int, pattern: String) -> String {
        guard let reference = CalendarDate(year: 2026, month: min(12, max(1, month)), day: 15) else { return String(month) }
        return icu(reference, pattern: pattern)
    }

    /// The weekday's name (0 is Monday) in the form `pattern` asks, from ICU.
    private func name(ofWeekday weekday: Int, pattern: String) -> String {
        // Day 4, 5 January 1970, was a Monday.
        guard let reference = CalendarDate(dayNumber: 4 + weekday) else { return "" }
        return icu(reference, pattern: pattern)
    }

    private func icu(_ date: CalendarDate, pattern: String) -> String {
        let formatter = Self.formatter(locale)
        formatter.dateFormat = pattern
        return formatter.string(from: Self.instant(date))
    }

    private static func formatter(_ locale: Locale) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.calendar = utcCalendar
        formatter.timeZone = utcCalendar.timeZone
        return formatter
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()

    /// Midday UTC of `date`, so no time zone moves it to another day.
    private static func instant(_ date: CalendarDate) -> Date {
        Date(timeIntervalSince1970: (Double(date.dayNumber) * 86_400) + 43_200)
    }
}
