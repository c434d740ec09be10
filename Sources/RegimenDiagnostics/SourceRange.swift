/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars (what an editor calls a character).
    public var column: Int

    /// A position at `line`:`column`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The first character of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
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
