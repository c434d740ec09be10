import RegimenFormat

/// Which days of a week have sessions: the one place that turns "every other day" or
/// `days: [mon, wed, fri]` into days, for the plan's schedule (and so for the handout's log and
/// every calendar made from a plan).
public enum SessionDays {
    /// The days of programme week `week` with sessions, for a `frequency` and named `days`, or
    /// nil when the sessions are not tied to days ("3 times a week": any three days). Every other
    /// day counts from the first day of the phase's first week, `firstWeek`; named days fall on
    /// their dates when `dates` are known, else they are listed by weekday alone.
    public static func days(
        week: Int, firstWeek: Int, frequency: Frequency?, days named: [Weekday]?, dates: Plan.DateSpan?
    ) -> [Plan.SessionDay]? {
        let perDay = frequency.map { $0.period == .day ? max($0.count, 0) : 1 } ?? 1
        func date(_ offset: Int) -> CalendarDate? { dates?.first.adding(days: offset) }
        if let named, !named.isEmpty {
            guard dates != nil else {
                return named.map { Plan.SessionDay(day: nil, weekday: $0, date: nil, sessions: perDay) }
            }
            return (0..<7).compactMap { offset in
                guard let day = date(offset), named.contains(day.weekday) else { return nil }
                return Plan.SessionDay(day: offset + 1, weekday: day.weekday, date: day, sessions: perDay)
            }
        }
        guard let frequency, frequency.period == .day, frequency.count > 0 else { return nil }
        let interval = max(frequency.interval, 1)
        let (weeksIn, overflow) = (week - firstWeek).multipliedReportingOverflow(by: 7)
        guard !overflow else { return nil }
        return (0..<7).compactMap { offset in
            guard (weeksIn + offset) % interval == 0 else { return nil }
            let day = date(offset)
            return Plan.SessionDay(day: offset + 1, weekday: day?.weekday, date: day, sessions: frequency.count)
        }
    }
}
