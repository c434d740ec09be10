import RegimenDiagnostics

/// A closed set of words, such as the levels of a precaution or the sides of a dose: each case
/// is written as its raw value. Decoding a word outside the set fails with a message that names
/// the word and the words accepted ("`sometimes` is not one of `contraindicated`,
/// `precaution`"); the coding path says where.
public protocol ClosedSet: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {}

extension ClosedSet {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let word = try container.decode(String.self)
        guard let value = Self(rawValue: word) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.refusal(of: word))
        }
        self = value
    }

    /// The words accepted, in order, each in backquotes: "`day`, `week`".
    public static var accepted: String {
        allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    }

    /// Why `word` is refused: "`sometimes` is not one of `contraindicated`, `precaution`",
    /// the word shortened and its hidden characters escaped (it came from a file).
    static func refusal(of word: String) -> String {
        let shown = word.count > 40 ? word.prefix(40) + "…" : word
        return "`\(Visible.escaped(String(shown)))` is not one of \(accepted)"
    }
}

extension ExerciseKind: ClosedSet {}
extension Region: ClosedSet {}
extension Level: ClosedSet {}
extension PrecautionLevel: ClosedSet {}
extension Frequency.Period: ClosedSet {}
extension Load.Unit: ClosedSet {}
extension Load.Band: ClosedSet {}
extension Intensity.Effort: ClosedSet {}
extension Side: ClosedSet {}
extension AffectedSide: ClosedSet {}
extension Weekday: ClosedSet {}
