import Foundation

/// What kind of exercise an exercise is.
public enum ExerciseKind: String, Hashable, Sendable, Codable, CaseIterable {
    case stretch, mobility, strength, stability, balance, aerobic, plyometric, power
    case neuralMobility = "neural-mobility"
    case breathing, functional, relaxation
}

/// Where in the body an exercise works.
public enum Region: String, Hashable, Sendable, Codable, CaseIterable {
    case neck, thoracic, lumbar, pelvis, hip, buttock, thigh, knee
    case lowerLeg = "lower-leg"
    case ankle, foot, shoulder
    case upperArm = "upper-arm"
    case elbow, forearm, wrist, hand, chest, abdomen, core
    case wholeBody = "whole-body"
}

/// How demanding an exercise is to learn and do.
public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
    case beginner, intermediate, advanced
}

/// How strongly a precaution or restriction holds.
public enum PrecautionLevel: String, Hashable, Sendable, Codable, CaseIterable {
    /// Must not be done: prescribing it is an error.
    case contraindicated
    /// May be done with care: a warning, and the advice goes on the handout.
    case precaution
}

/// Identifiers (exercise ids, conditions, movement tags) are lower-case words joined by
/// hyphens: `piriformis-stretch`, `total-hip-replacement`, `lumbar-flexion`.
public enum Identifier {
    /// Whether `text` is a well-formed identifier.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 80 else { return false }
        guard ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        var previousHyphen = false
        for scalar in text.unicodeScalars {
            let isHyphen = scalar == "-"
            guard isHyphen || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) else { return false }
            if isHyphen && previousHyphen { return false }
            previousHyphen = isHyphen
        }
        return !previousHyphen
    }

    /// A well-formed identifier close to `text`: lower-cased, accents taken off (`é` as `e`),
    /// look-alike letters from other scripts and full-width forms as the ASCII letters they look
    /// like (Cyrillic `а` as `a`), invisible characters left out (a zero-width space is not a
    /// word break), and anything else (spaces, underscores, dashes) as a hyphen. No letter is
    /// dropped that a reader can see.
    public static func suggestion(for text: String) -> String? {
        var out = ""
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if let ascii = asciiLookAlike(scalar) {
                out.unicodeScalars.append(ascii)
            } else if scalar.properties.generalCategory == .nonspacingMark || isInvisible(scalar) {
                continue
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return isValid(out) ? out : nil
    }

    /// The first character of `text` that an identifier cannot hold and that a reader may not
    /// see for what it is (a letter of another script, an invisible or control character), with
    /// its position (1-based, in characters as Unicode counts them); nil when every character
    /// is ASCII (an upper-case letter or a space is plain to see) or none is wrong.
    public static func hiddenProblem(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let allowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
            if !allowed, !scalar.isASCII || scalar.value < 0x20 || scalar.value == 0x7F { return (scalar, offset + 1) }
        }
        return nil
    }

    /// Lower-case `a`–`z`, digits, and what looks like them: Cyrillic and Greek look-alikes,
    /// full-width forms.
    static func asciiLookAlike(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { return scalar }
        switch scalar.value {
        case 0xFF41...0xFF5A: return Unicode.Scalar(scalar.value - 0xFF41 + 0x61)  // full-width a–z
        case 0xFF10...0xFF19: return Unicode.Scalar(scalar.value - 0xFF10 + 0x30)  // full-width 0–9
        default: return lookAlikes[scalar]
        }
    }

    /// Letters of other scripts that are drawn like an ASCII lower-case letter.
    private static let lookAlikes: [Unicode.Scalar: Unicode.Scalar] = [
        // Cyrillic
        "\u{430}": "a", "\u{435}": "e", "\u{43E}": "o", "\u{440}": "p", "\u{441}": "c", "\u{443}": "y", "\u{445}": "x",
        "\u{456}": "i", "\u{458}": "j", "\u{455}": "s", "\u{501}": "d", "\u{51B}": "q", "\u{51D}": "w", "\u{4BB}": "h",
        "\u{4CF}": "l", "\u{43A}": "k", "\u{432}": "b", "\u{442}": "t", "\u{43C}": "m", "\u{43D}": "h", "\u{451}": "e",
        // Greek
        "\u{3B1}": "a", "\u{3BF}": "o", "\u{3BD}": "v", "\u{3B9}": "i", "\u{3BA}": "k", "\u{3C1}": "p", "\u{3C4}": "t",
        "\u{3C5}": "u", "\u{3C7}": "x", "\u{3B5}": "e", "\u{3B2}": "b",
        // Latin letters that are not a–z but read as them
        "\u{131}": "i", "\u{237}": "j", "\u{269}": "i", "\u{261}": "g",
    ]

    /// Characters a reader cannot see: controls, format characters (zero-width, bidi), the
    /// line and paragraph separators.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
