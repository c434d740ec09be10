import ArgumentParser
import RegimenPlugins
import RegimenValidate

/// `regimen explain CODE`, like `rustc --explain`.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a rule, with an example that fails and one that passes.",
        discussion: """
            With no code, lists every rule. With --markdown, prints the reference in docs/rules.md.

            EXAMPLES:
              regimen explain RG104
                the rule behind `error[RG104]` in a report
              regimen explain invalid-quantity
                the same rule, by its name
              regimen explain
                every rule: code, name, severity and what it catches
              regimen explain --markdown > rules.md
            """)

    @Argument(help: "A rule's code (RG104) or name (invalid-quantity).")
    var code: String?

    @Flag(help: "Print Markdown (the whole reference when no code is given).")
    var markdown = false

    func run() throws {
        let console = Console.current
        let registry = RuleRegistry.builtIn
        guard let code else {
            console.say(markdown ? RuleDocumentation.markdown(registry) : RuleDocumentation.list(registry))
            return
        }
        // The plugin host's own codes are not rules (they have no programme examples to run).
        if let entry = PluginCode.all.first(where: { $0.code == code.uppercased() || $0.name == code.lowercased() }) {
            console.say(
                "\(entry.code) \(entry.name) (error)\n\n\(entry.summary)\n\n"
                    + "Reported by the plugin host, not by a rule; the run exits 3. See docs/plugins.md for each failure\n"
                    + "and how to fix it.\n")
            return
        }
        guard let rule = registry.rule(code) else {
            let codes = registry.rules.map(\.descriptor.code) + registry.rules.map(\.descriptor.name) + PluginCode.all.map(\.code)
            let suggestion = Suggestions.closestCode(to: code, in: codes)
            console.err("error: no rule is called `\(Visible.escaped(code))`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n")
            console.err("help: `regimen explain` lists every rule\n")
            throw ExitStatus.usage.exitCode
        }
        console.say(markdown ? RuleDocumentation.markdown(rule.descriptor) : RuleDocumentation.text(rule.descriptor))
    }
}

import RegimenDiagnostics

extension Suggestions {
    static func closestCode(to word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates)
    }
}
