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

    /// A well-formed identifier close to `text` (lower-cased, spaces and underscores as hyphens).
    public static func suggestion(for text: String) -> String? {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return isValid(out) ? out : nil
    }
}
