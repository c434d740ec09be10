/// The codes of the findings the loader itself reports. The rule registry describes each one
/// (see `RegimenValidate`), so `regimen explain` and the docs cover them like any other rule.
public enum LoadCode {
    /// The file is not well-formed YAML, or not UTF-8 text.
    public static let syntax = "RG001"
    /// The file holds no document.
    public static let empty = "RG002"
    /// The file holds more than one YAML document.
    public static let multipleDocuments = "RG003"
    /// A limit (size, depth, aliases) was reached.
    public static let limit = "RG004"
    /// A key appears twice in one mapping.
    public static let duplicateKey = "RG005"
    /// A plain `yes`/`no`/`on`/`off` where text is expected.
    public static let booleanText = "RG006"
    /// A YAML feature Regimen does not accept (custom tags, merge keys).
    public static let unsupportedYAML = "RG007"
    /// A file that is (or is read through) a symbolic link leading out of the repository.
    public static let outsideRepository = "RG008"
    /// Text that YAML cut short at a `#` (`Back class #2`): the rest of the line is a comment.
    public static let textCutByComment = "RG009"
    /// A value of the wrong type.
    public static let wrongType = "RG101"
    /// A key the format does not know.
    public static let unknownKey = "RG102"
    /// A required key is missing.
    public static let missingKey = "RG103"
    /// A quantity (time, frequency, load, intensity, tempo, weeks) that cannot be read.
    public static let quantity = "RG104"
    /// A value outside the allowed set (a kind, a side, a region, an id's spelling).
    public static let invalidValue = "RG105"
    /// A format version this Regimen does not read.
    public static let version = "RG106"
    /// Text that holds a control character (an escape, a bidi control).
    public static let controlCharacter = "RG107"
    /// A bare tempo (`3-0-1`) that means something else read lift first.
    public static let ambiguousTempo = "RG108"
    /// A dose in one string whose sets come before fewer repetitions (`10x3`): read sets first.
    public static let ambiguousDose = "RG109"
    /// A library file that is missing, unreadable, or outside the repository.
    public static let libraryFile = "RG202"
    /// An image that is missing, unreadable, or outside the repository.
    public static let imageFile = "RG213"
}
