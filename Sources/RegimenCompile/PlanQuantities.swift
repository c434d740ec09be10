import RegimenFormat

// A programme's quantities as a plan carries them: made here once, for the compiler and for
// whatever else shows a quantity as a handout will (the language server's hover).

extension Plan.FrequencyInfo {
    /// `frequency` as a plan carries it.
    public init(_ frequency: Frequency) { self.init(count: frequency.count, per: frequency.period, interval: frequency.interval) }
}

extension Plan.LoadInfo {
    /// `load` as a plan carries it.
    public init(_ load: Load) {
        switch load {
        case .mass(let value, let unit): self.init(kind: .mass, value: value, unit: unit)
        case .bodyweight: self.init(kind: .bodyweight)
        case .band(let band): self.init(kind: .band, band: band)
        case .repetitionMaximum(let count): self.init(kind: .repetitionMaximum, value: Double(count))
        case .percentOfMaximum(let percent): self.init(kind: .percentOfMaximum, value: percent)
        case .perceivedExertion(let low, let high): self.init(kind: .perceivedExertion, low: low, high: high)
        }
    }
}

extension Plan.IntensityInfo {
    /// `intensity` as a plan carries it.
    public init(_ intensity: Intensity) {
        switch intensity {
        case .rpe(let low, let high): self.init(kind: .rpe, low: low, high: high)
        case .painAtMost(let max): self.init(kind: .pain, max: max)
        case .effort(let effort): self.init(kind: .effort, effort: effort)
        }
    }
}
