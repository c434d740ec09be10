/// The stable codes of the findings about translations (the RG7xx rules: see docs/rules.md).
public enum TranslationCode {
    /// RG701: a PO file Regimen cannot read, or an entry in it that is malformed.
    public static let invalidFile = "RG701"
    /// RG702: texts of a file with no translation in one of its PO files.
    public static let missing = "RG702"
    /// RG703: a translation made for a source text that has changed since.
    public static let stale = "RG703"
    /// RG704: a translation marked fuzzy, which is not used until a translator confirms it.
    public static let fuzzy = "RG704"
    /// RG705: a translation whose text is no longer in the source file.
    public static let orphaned = "RG705"
    /// RG706: numbers, placeholders, links or markup that differ between a text and its translation.
    public static let placeholders = "RG706"
}
