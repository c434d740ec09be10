import RegimenDiagnostics
import RegimenFormat

/// Applies parametric progressions: the dose after `steps` increments, each field capped at
/// its ceiling. No arithmetic here can overflow: every step is checked.
public enum Progressions {
    /// `dose` after `steps` increments of `progression`, capped at `progression.until`.
    public static func apply(_ progression: Progression?, to dose: Dose?, steps: Int) -> Dose? {
        guard let progression, var dose, steps > 0 else { return dose }
        dose.sets = grow(dose.sets, by: progression.sets.map { $0.value }, steps: steps, ceiling: progression.until.sets?.value)
        dose.reps = grow(dose.reps, by: progression.reps.map { $0.value }, steps: steps, ceiling: progression.until.reps?.value)
        dose.hold = growTime(dose.hold, by: progression.hold?.value, steps: steps, ceiling: progression.until.hold?.value)
        dose.duration = growTime(dose.duration, by: progression.duration?.value, steps: steps, ceiling: progression.until.duration?.value)
        dose.rest = growTime(dose.rest, by: progression.rest?.value, steps: steps, ceiling: progression.until.rest?.value)
        if let start = dose.load, case .mass(let value, let unit) = start.value,
            case .mass(let increment, let incrementUnit)? = progression.load?.value, incrementUnit == unit
        {
            var grown = value + increment * Double(steps)
            if case .mass(let ceiling, let ceilingUnit)? = progression.until.load?.value, ceilingUnit == unit {
                grown = min(grown, max(ceiling, value))
            }
            if grown.isFinite { dose.load = Located(.mass(value: (grown * 1000).rounded() / 1000, unit: unit), at: start.range) }
        }
        return dose
    }

    /// A whole-number field grown by `increment` per step, never past `ceiling` (nor below
    /// its start, for a ceiling written below it).
    static func grow(_ start: Located<Amount<Int>>?, by increment: Int?, steps: Int, ceiling: Amount<Int>?) -> Located<Amount<Int>>? {
        guard let start, let increment else { return start }
        return Located(moved(start.value, increment, steps, ceiling), at: start.range)
    }

    static func growTime(
        _ start: Located<Amount<TimeSpan>>?, by increment: TimeSpan?, steps: Int, ceiling: Amount<TimeSpan>?
    ) -> Located<Amount<TimeSpan>>? {
        guard let start, let increment else { return start }
        let seconds = moved(
            Amount(low: start.value.low.seconds, high: start.value.high.seconds), increment.seconds, steps,
            ceiling.map { Amount(low: $0.low.seconds, high: $0.high.seconds) })
        return Located(Amount(low: TimeSpan(seconds: seconds.low), high: TimeSpan(seconds: seconds.high)), at: start.range)
    }

    /// `start` moved by `increment × steps`. A range moves as a whole, keeping its width, until
    /// its top reaches a ceiling of one value (its bottom, a floor, for a negative increment);
    /// a ceiling that is a range stops each end at its own. One value is `capped`.
    public static func moved(_ start: Amount<Int>, _ increment: Int, _ steps: Int, _ ceiling: Amount<Int>?) -> Amount<Int> {
        if let ceiling, ceiling.isRange {
            let low = capped(start.low, increment, steps, ceiling.low)
            let high = capped(start.high, increment, steps, ceiling.high)
            return Amount(low: min(low, high), high: max(low, high))
        }
        guard start.isRange else { return Amount(capped(start.low, increment, steps, ceiling?.low)) }
        // The distance the range may move: up to the ceiling from its top, or down to the floor
        // from its bottom.
        let edge = increment >= 0 ? start.high : start.low
        let moved = capped(edge, increment, steps, ceiling?.low)
        let (delta, overflow) = moved.subtractingReportingOverflow(edge)
        guard !overflow else { return start }
        let (low, overflowLow) = start.low.addingReportingOverflow(delta)
        let (high, overflowHigh) = start.high.addingReportingOverflow(delta)
        guard !overflowLow, !overflowHigh else { return start }
        return Amount(low: low, high: high)
    }

    /// `start + increment × steps`, stopped at `ceiling` (a floor for a negative increment);
    /// saturating instead of overflowing.
    public static func capped(_ start: Int, _ increment: Int, _ steps: Int, _ ceiling: Int?) -> Int {
        let (delta, overflow1) = increment.multipliedReportingOverflow(by: steps)
        let (sum, overflow2) = start.addingReportingOverflow(delta)
        var value = overflow1 || overflow2 ? (increment > 0 ? Int.max : Int.min) : sum
        if let ceiling {
            value = increment >= 0 ? min(value, max(ceiling, start)) : max(value, min(ceiling, start))
        }
        return value
    }
}
