/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    // 32 bits each: a position is in every value the loader makes (twice, in a range), and
    // files are far smaller than 2^31 lines (`Limits.maxFileBytes`); larger numbers are clamped.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// The 1-based column, in Unicode scalars (what an editor calls a character).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// A position at `line`:`column`.
    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    private enum CodingKeys: String, CodingKey {
        case line, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    /// The first character of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span of a source file, from `start` up to (not including) `end`.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file as it is shown to the user (relative where it can be).
    public var file: String
    /// The first character of the span.
    public var start: SourcePosition
    /// The position just past the span.
    public var end: SourcePosition

    /// A span of `file` from `start` to `end`.
    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The very start of `file`: for problems that concern a whole file.
    public static func wholeFile(_ file: String) -> SourceRange {
        SourceRange(file: file, start: .start, end: .start)
    }

    public var description: String { "\(file):\(start)" }

    /// Whether `position` lies within the range (its end included: a value's last character).
    public func contains(_ position: SourcePosition) -> Bool {
        !(position < start) && !(end < position)
    }
}

/// A value together with where it was written.
public struct Located<Value> {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var range: SourceRange

    /// `value`, written at `range`.
    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}
