import Foundation
import RegimenLoad

/// The bounds on a plan read back from JSON (`regimen export plan.json`): a plan from a stranger
/// is refused with the place it passes a bound, before it is decoded, so that "a plan of a
/// million weeks" costs a scan, not the memory to hold it. The bounds are those programmes have
/// (`Limits`), so that every plan `regimen compile` writes under the same limits is read back.
public struct PlanBounds: Sendable {
    /// The loader's limits the plan's collections are held to.
    public var limits: Limits

    /// The largest plan file read: plans may embed images (each up to 16 MiB, base64), so this
    /// is above `max-file-bytes`, and fixed.
    public static let maxFileBytes = 64 * 1024 * 1024
    /// The longest string: an embedded 16 MiB image as a base64 `data:` URI, with room to spare.
    public static let maxStringBytes = 24 * 1024 * 1024
    /// The longest text other than an image's `src`, in characters.
    public static let maxTextCharacters = 100_000
    /// How deeply a plan's values may nest (a plan nests 7 deep).
    public static let maxDepth = 32
    /// How many entries any list or object not bound by a `Limits` value may hold.
    public static let maxEntries = 10_000

    /// Bounds from `limits`.
    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Why a plan was refused: what passed which bound, where.
    public struct Refusal: Error, Sendable, Equatable {
        /// What is over the bound, in the house style.
        public var message: String
        /// How to get past it.
        public var help: String
        /// 1-based line and column in the file, when the place is known.
        public var line: Int?
        public var column: Int?
    }

    /// The shape check made before decoding: depth, values, strings, and the collections that
    /// `Limits` bounds, by their keys in the plan.
    public var shape: JSONBounds {
        JSONBounds(
            maxDepth: Self.maxDepth, maxValues: limits.maxNodes, maxStringBytes: Self.maxStringBytes, maxEntries: Self.maxEntries,
            entriesByKey: [
                "schedule": (limits.maxWeeks, "max-weeks"), "phases": (limits.maxPhases, "max-phases"),
                "items": (limits.maxItems, "max-items"), "exercises": (limits.maxExercises, "max-exercises"),
            ])
    }

    /// Reads `data` as a plan within these bounds: the size and shape first, then the decoding,
    /// then the numbers and texts the shape does not show (week numbers, text lengths).
    public func decode(_ data: Data) throws -> Plan {
        guard data.count <= Self.maxFileBytes else {
            throw Refusal(
                message: "the plan is larger than \(Self.maxFileBytes) bytes (64 MiB)",
                help: "a plan is at most 64 MiB, embedded images included; compile it again with fewer or smaller images", line: 1,
                column: 1)
        }
        if let violation = shape.check(data) {
            throw Refusal(
                message: "the plan passes a limit: \(violation.message)",
                help: violation.limitName.map { "compile the programme within the limits, or " + Limits.howToRaise($0) }
                    ?? "a plan `regimen compile` writes stays within these bounds (see docs/limits.md)",
                line: violation.line, column: violation.column)
        }
        let plan = try Plan.decode(data)
        try check(plan)
        return plan
    }

    /// The bounds a decoded plan must still meet.
    func check(_ plan: Plan) throws(Refusal) {
        func refuse(_ message: String, _ name: String? = nil) -> Refusal {
            Refusal(
                message: "the plan passes a limit: \(message)",
                help: name.map { "compile the programme within the limits, or " + Limits.howToRaise($0) }
                    ?? "a plan `regimen compile` writes stays within these bounds (see docs/limits.md)")
        }
        let weeks = limits.maxWeeks
        for week in plan.schedule where !(1...weeks).contains(week.week) {
            throw refuse("week \(week.week) is not from 1 to \(weeks)", "max-weeks")
        }
        for phase in plan.phases where !(1...weeks).contains(phase.weeks.first) || !(1...weeks).contains(phase.weeks.last) {
            throw refuse("phase weeks \(phase.weeks.first)-\(phase.weeks.last) are not from 1 to \(weeks)", "max-weeks")
        }
        for restriction in plan.restrictions {
            if let span = restriction.weeks, !(1...weeks).contains(span.first) || !(1...weeks).contains(span.last) {
                throw refuse("restriction weeks \(span.first)-\(span.last) are not from 1 to \(weeks)", "max-weeks")
            }
        }
        if let long = longText(in: plan) {
            throw refuse("a text (\(long)) is longer than \(Self.maxTextCharacters) characters")
        }
    }

    /// Where the first text over `maxTextCharacters` is, or nil. Image sources are bounded by
    /// the shape check alone: they carry whole pictures.
    private func longText(in plan: Plan) -> String? {
        let limit = Self.maxTextCharacters
        // utf8.count bounds the character count from above and costs nothing for native strings.
        func long(_ text: String?) -> Bool {
            guard let text, text.utf8.count > limit else { return false }
            return text.count > limit
        }
        let p = plan.programme
        if long(p.title) || long(p.summary) || long(p.notes) || p.references.contains(where: { long($0) }) { return "in `programme`" }
        if plan.redFlags.contains(where: { long($0) }) { return "in `redFlags`" }
        if long(plan.patient?.notes) { return "in `patient`" }
        for (id, exercise) in plan.exercises {
            let texts: [String?] =
                [exercise.name, exercise.purpose, exercise.position] + (exercise.steps + exercise.cues + exercise.mistakes).map { $0 }
            if texts.contains(where: { long($0) }) || exercise.images.contains(where: { long($0.alt) || long($0.credit) })
                || exercise.precautions.contains(where: { long($0.why) || long($0.advice) })
            {
                return "in exercise `\(id.prefix(80))`"
            }
        }
        for phase in plan.phases
        where long(phase.title) || long(phase.goal) || long(phase.notes) || phase.advanceWhen.contains(where: { long($0) })
            || phase.items.contains(where: { long($0.notes) || long($0.purpose) || ($0.cues ?? []).contains(where: { long($0) }) })
        {
            return "in phase `\(phase.id.prefix(80))`"
        }
        if plan.restrictions.contains(where: { long($0.why) }) || plan.exclusions.contains(where: { long($0.why) }) {
            return "in `restrictions` or `exclusions`"
        }
        return nil
    }
}
