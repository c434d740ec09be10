import RegimenDiagnostics

/// The words `regimen explain` prints and docs/rules.md holds, made from the registry so they
/// cannot drift from the rules.
public enum RuleDocumentation {
    /// One line per rule.
    public static func list(_ registry: RuleRegistry) -> String {
        registry.rules.map { rule in
            let d = rule.descriptor
            return
                "\(d.code)  \(d.name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(d.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.summary)"
        }.joined(separator: "\n") + "\n"
    }

    /// The terminal text for one rule.
    public static func text(_ d: RuleDescriptor) -> String {
        var out = "\(d.code) \(d.name) (\(d.severity.rawValue))\n\n\(d.summary)\n\n"
        out += wrap(d.explanation, width: 78) + "\n"
        for (title, examples) in [("Fails", d.triggering), ("Passes", d.nonTriggering)] {
            for example in examples {
                out += "\n\(title):\n\n"
                out += example.text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                out += "\n"
                for (path, text) in example.files.sorted(by: { $0.key < $1.key }) {
                    out += "\n  with \(path):\n\n"
                    out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                    out += "\n"
                }
                if let patient = example.patient {
                    out += "\n  screened with this patient profile:\n\n"
                    out += patient.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                    out += "\n"
                }
                if title == "Fails" {
                    let places = example.markedPlaces.map { place in
                        "line \(place.position.line), column \(place.position.column)" + (place.file.map { " of \($0)" } ?? "")
                    }.joined(separator: "; ")
                    out += "\n    (reported at \(places))\n"
                }
            }
        }
        return out
    }

    /// The Markdown section for one rule.
    public static func markdown(_ d: RuleDescriptor) -> String {
        var out = "## \(d.code) \(d.name)\n\n"
        let stage =
            switch d.stage {
            case .load: "the loader"
            case .programme: "the rule"
            case .screening: "the rule, when a patient profile is given (`--patient`)"
            case .translation: "the translation check, for each `NAME.LANG.po` beside a file"
            }
        out += "Severity: **\(d.severity.rawValue)** · reported by: \(stage)\n\n"
        out += "\(d.summary.prefix(1).uppercased() + d.summary.dropFirst()).\n\n\(d.explanation)\n"
        for (title, examples) in [("Fails", d.triggering), ("Passes", d.nonTriggering)] {
            for example in examples {
                out += "\n**\(title)**"
                if title == "Fails" {
                    let places = example.markedPlaces.map { place in
                        "\(place.position.line):\(place.position.column)" + (place.file.map { " in `\($0)`" } ?? "")
                    }.joined(separator: ", ")
                    out += " (reported at \(places))"
                }
                out += ":\n\n```yaml\n\(example.text)\n```\n"
                for (path, text) in example.files.sorted(by: { $0.key < $1.key }) {
                    out += "\nwith `\(path)`:\n\n```\(path.hasSuffix(".po") ? "po" : "yaml")\n\(text)\n```\n"
                }
                if let patient = example.patient {
                    out += "\nscreened with `--patient patient.yaml`:\n\n```yaml\n\(patient)\n```\n"
                }
            }
        }
        return out
    }

    /// docs/rules.md: an index, then every rule.
    public static func markdown(_ registry: RuleRegistry) -> String {
        var out = """
            # Rules

            Every finding Regimen reports has a stable code. This page is generated from the rules \
            themselves (`regimen explain --markdown > docs/rules.md`, or `make docs`), and the tests \
            check that it is current; each example below is also run by the tests.

            | code | name | severity | reports |
            | --- | --- | --- | --- |

            """
        for rule in registry.rules {
            let d = rule.descriptor
            out += "| [\(d.code)](#\(d.code.lowercased())-\(d.name)) | \(d.name) | \(d.severity.rawValue) | \(d.summary) |\n"
        }
        for rule in registry.rules {
            out += "\n" + markdown(rule.descriptor)
        }
        return out
    }

    /// Wraps paragraphs (separated by blank lines) at `width` columns.
    static func wrap(_ text: String, width: Int) -> String {
        text.components(separatedBy: "\n\n").map { paragraph in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { lines.append(line) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
