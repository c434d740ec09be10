import Foundation

/// A CLDR plural category: which form of a word a number takes ("1 second", "2 seconds";
/// Polish "2 sekundy", "5 sekund"). Only the categories a language's rules name are used.
public enum PluralCategory: String, Sendable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    /// CLDR's order: zero, one, two, few, many, other.
    public static func < (a: Self, b: Self) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// The operands CLDR's plural rules are written over, taken from a number as it is printed
/// ("1.5" has i = 1, v = 1, f = 5): the printed digits decide the form, so 1 and 1.0 may differ.
public struct PluralOperands: Sendable, Equatable {
    /// The absolute value.
    public var n: Double
    /// The integer digits.
    public var i: Int
    /// How many fraction digits are shown (trailing zeros included).
    public var v: Int
    /// The fraction digits shown, as an integer.
    public var f: Int
    /// The compact exponent (always 0 here: handouts never print "1.2M").
    public var e: Int = 0

    /// The operands of `printed`, a number written with ASCII digits and at most one `.`
    /// ("22", "1.5", "-3"); nil for anything else.
    public init?(_ printed: String) {
        var text = Substring(printed)
        if text.hasPrefix("-") { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, let n = Double(text) else { return nil }
        // Beyond Int's range the last digits do not matter to any rule shipped here.
        i = Int(whole.suffix(18)) ?? 0
        v = fraction.count
        f = Int(fraction.prefix(18)) ?? 0
        self.n = n
    }

    /// The operands of a whole number.
    public init(_ count: Int) {
        n = Double(count.magnitude)
        i = Int(clamping: count.magnitude)
        v = 0
        f = 0
    }
}

/// CLDR's cardinal plural rules (CLDR 44, the rules Babel 2.x ships) for the languages Regimen
/// has words in, written out from the operands rather than read from data: there are few, they
/// change rarely, and `PluralRulesTests` checks every one against Babel over 0 to 200 and
/// decimals.
public enum PluralRules {
    /// The categories `language` (a primary subtag, "pl") uses, `other` last; nil for a
    /// language without rules here.
    public static func categories(for language: String) -> [PluralCategory]? {
        switch primary(language) {
        case "en", "de": [.one, .other]
        case "es", "fr": [.one, .many, .other]
        case "pl": [.one, .few, .many, .other]
        case "ar": [.zero, .one, .two, .few, .many, .other]
        default: nil
        }
    }

    /// The category of `operands` in `language`; `other` for a language without rules here.
    public static func category(_ operands: PluralOperands, language: String) -> PluralCategory {
        let (n, i, v) = (operands.n, operands.i, operands.v)
        // n = a..b holds only when n is a whole number in the range.
        func nIs(_ range: ClosedRange<Int>) -> Bool {
            n == n.rounded() && n >= Double(range.lowerBound) && n <= Double(range.upperBound)
        }
        func nModIs(_ modulus: Double, _ range: ClosedRange<Int>) -> Bool {
            let rest = n.truncatingRemainder(dividingBy: modulus)
            return rest == rest.rounded() && rest >= Double(range.lowerBound) && rest <= Double(range.upperBound)
        }
        // es and fr: "1 millón de repeticiones" (compact exponents never occur here, e = 0).
        let millions = operands.e == 0 && i != 0 && i % 1_000_000 == 0 && v == 0
        switch primary(language) {
        case "en", "de":
            return i == 1 && v == 0 ? .one : .other
        case "es":
            if n == 1 { return .one }
            return millions ? .many : .other
        case "fr":
            if i == 0 || i == 1 { return .one }
            return millions ? .many : .other
        case "pl":
            if i == 1 && v == 0 { return .one }
            guard v == 0 else { return .other }
            if (2...4).contains(i % 10) && !(12...14).contains(i % 100) { return .few }
            return .many
        case "ar":
            if nIs(0...0) { return .zero }
            if nIs(1...1) { return .one }
            if nIs(2...2) { return .two }
            if nModIs(100, 3...10) { return .few }
            if nModIs(100, 11...99) { return .many }
            return .other
        default:
            return .other
        }
    }

    /// The category of the whole number `count` in `language`.
    public static func category(_ count: Int, language: String) -> PluralCategory {
        category(PluralOperands(count), language: language)
    }

    static func primary(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
