import ArgumentParser
import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenTranslate

/// `regimen translate`: the clinic's own texts in other languages (docs/languages.md).
struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Keep the translations of programme and library texts (gettext PO files) up to date.",
        discussion: """
            A programme's and a library file's own texts (titles, steps, red flags, precautions) \
            are translated in gettext PO files beside them: NAME.LANG.po beside NAME.yaml. \
            `regimen compile` and `regimen export` use them with --language, or in the patient's \
            language; `regimen validate` reports what is missing, stale or fuzzy \
            (docs/languages.md).

            EXAMPLES:
              regimen translate extract programmes/
                a template NAME.pot beside each file, for translators
              regimen translate extract -l es programmes/neck-pain.yaml programmes/library/
                write or update the Spanish translations, NAME.es.po
              regimen export --format text programmes/neck-pain.yaml --language es
                a handout in Spanish
            """,
        subcommands: [TranslateExtractCommand.self])
}

/// `regimen translate extract FILE… [-l LANG]`
struct TranslateExtractCommand: ParsableCommand, NamesInputFiles {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write each file's texts to NAME.pot, or update its translation NAME.LANG.po.",
        discussion: """
            Without -l, writes the template NAME.pot beside each NAME.yaml: every text a patient \
            reads, with its path as msgctxt. With -l LANG, writes or updates NAME.LANG.po: \
            translations are kept, a translation whose source text changed is marked fuzzy with \
            the old text beside it (#| msgid), and translations of texts that are gone are kept \
            at the end as obsolete (#~), as msgmerge does. Open the file in a translator's tool \
            (Poedit, Lokalize); `regimen validate` then reports what is missing, stale or fuzzy.

            Each PATH is a file, or a directory searched (recursively) for *.yaml and *.yml \
            files, less those .regimen.yml ignores. Files are written atomically.

            EXAMPLES:
              regimen translate extract programmes/
                NAME.pot beside each programme and library file
              regimen translate extract -l es programmes/neck-pain.yaml programmes/library/
                NAME.es.po for the programme and the library files
              regimen translate extract --language es-MX programmes/
                NAME.es-MX.po, for Mexican Spanish: read before NAME.es.po

            \(ExitStatus.helpText)
            """)

    @Argument(help: "Programme or library files, or directories holding them.")
    var paths: [String]

    @Option(name: [.short, .customLong("language")], help: ArgumentHelp("The language to update, such as es or es-MX.", valueName: "lang"))
    var language: String?

    @Option(help: ConfigurationArguments.configHelp)
    var config: String?

    @Option(
        help: ArgumentHelp(
            "The repository root that library files must stay inside.",
            discussion: "Defaults to the nearest directory above each programme that holds .git, or the programme's own directory.",
            valueName: "dir"))
    var root: String?

    var inputFiles: [String] { paths }

    func validate() throws {
        if let language, !LanguageTag.isValid(language) {
            throw ValidationError("`\(language)` is not a language tag; write one such as es, fr or es-MX")
        }
    }

    func run() throws {
        let console = Console.current
        let workspace = try PluginOptions.none.workspace(
            inputs: paths, root: root, config: config, walksDirectories: true, rulePlugins: .never)
        try workspace.reportInputErrors()
        let loader = workspace.loader()
        let fs = loader.fileSystem
        var files: [String] = []
        var found = Set<String>()
        for path in paths {
            let absolute = Paths.join(fs.currentDirectory, path)
            guard fs.kind(of: absolute) == .directory else {
                files.append(path)
                continue
            }
            let ignored = workspace.configuration?.configuration
            for file in loader.yamlFiles(under: absolute).sorted() where !(ignored?.ignores(file) ?? false) {
                guard Paths.name(of: file) != ".regimen.yml" else { continue }
                files.append(Paths.relative(file, to: fs.currentDirectory))
                found.insert(files[files.count - 1])
            }
        }
        let result = TranslationExtraction(loader: loader).run(files: files, language: language, found: found)
        for problem in result.inputErrors { console.err("error: \(Visible.escaped(problem))\n") }
        var failed = !result.inputErrors.isEmpty
        if !result.diagnostics.isEmpty {
            console.err(TextRenderer(colour: false).render(result.diagnostics, sources: result.sources))
            failed = true
        }
        for output in result.outputs {
            do {
                try AtomicFile.write(Data(output.text.utf8), to: output.path)
            } catch {
                console.err("error: \(Visible.escaped(error.description))\n")
                failed = true
                continue
            }
            var line = "\(output.isNew ? "wrote" : "updated") \(Visible.escaped(output.path)): \(output.texts) texts"
            if language != nil {
                line += ", \(output.translated) translated"
                if output.fuzzy > 0 { line += ", \(output.fuzzy) fuzzy" }
            }
            if output.obsolete > 0 { line += ", \(output.obsolete) obsolete" }
            console.out(line + "\n")
        }
        if failed { throw ExitStatus.findings.exitCode }
    }
}
