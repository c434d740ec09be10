extension Limits {
    /// The most each limit can be raised to, by `--limit` or `.regimen.yml`: beyond these, a
    /// file could make a run take unbounded time or memory whatever the configuration says.
    public static func ceiling(for limit: KeyPath<Limits, Int>) -> Int {
        switch limit {
        case \Limits.maxDepth: 1_000
        default: 1 << 40
        }
    }
}
