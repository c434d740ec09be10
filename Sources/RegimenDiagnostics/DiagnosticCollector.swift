/// Where stages send their findings. Nothing in a stage prints: the caller decides how
/// findings are shown.
public struct DiagnosticCollector: Sendable {
    /// Everything reported so far, in the order it was reported.
    public private(set) var diagnostics: [Diagnostic] = []

    /// An empty collector.
    public init() {}

    /// Records `diagnostic`.
    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records each of `diagnostics`.
    public mutating func report(contentsOf diagnostics: some Sequence<Diagnostic>) {
        self.diagnostics.append(contentsOf: diagnostics)
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// How many findings have `severity`.
    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}
