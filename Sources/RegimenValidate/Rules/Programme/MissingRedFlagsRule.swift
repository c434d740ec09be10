import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG208: every programme should tell the patient when to stop and seek care.
public struct MissingRedFlagsRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG208", name: "missing-red-flags", severity: .warning,
        summary: "a programme lists no red flags",
        explanation: """
            Red flags are the signs that mean: stop the exercises and seek care (for a back \
            programme, for example, new numbness around the genitals, or problems controlling the \
            bladder or bowel). Every handout prints them first. A programme without them leaves the \
            patient without that safety net, so Regimen warns; list at least one under `red-flags:`.
            """,
        triggering: [
            RuleExample(
                """
                ↓regimen: 1
                id: neck-basics
                title: Neck basics
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                """),
            RuleExample(
                """
                regimen: 1
                id: neck-basics
                title: Neck basics
                red-flags: ↓[]
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                """),
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: neck-basics
                title: Neck basics
                red-flags:
                  - Sudden severe headache, or pain with dizziness, double vision or trouble speaking
                exercises:
                  chin-tuck:
                    name: Chin tuck
                    steps: [Draw your chin straight back, Hold, then relax]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: chin-tuck
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let p = programme.programme
        // Red flags written in a way that could not be read were reported where they are.
        guard p.redFlags.isEmpty, !p.unreadable.contains("red-flags") else { return [] }
        return [
            finding(
                "programme lists no red flags", at: p.redFlagsRange ?? NodeRanges.head(p.range),
                help: "add `red-flags:` with the signs that mean the patient should stop and seek care")
        ]
    }
}

/// Small helpers on ranges shared by rules.
enum NodeRanges {
    /// The first character of `range`, for findings about a whole mapping.
    static func head(_ range: SourceRange) -> SourceRange {
        SourceRange(file: range.file, start: range.start, end: SourcePosition(line: range.start.line, column: range.start.column + 1))
    }
}
