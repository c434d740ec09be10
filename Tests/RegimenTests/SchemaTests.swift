import Foundation
import RegimenCLI
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import Testing

/// A YAML file as yaml-language-server hands it to a JSON Schema validator: YAML 1.2 with the
/// core schema, so plain `3` is a number, `true` a boolean, `~` and nothing null, and quoted
/// scalars are always text.
enum YAMLAsJSON {
    /// The JSON text of the YAML file `text`; nil when it is not well-formed YAML.
    static func convert(_ text: String) -> String? {
        var diagnostics = DiagnosticCollector()
        let parsed = YAMLParser().parse(Array(text.utf8), path: "file.yaml", diagnostics: &diagnostics)
        return parsed.root.map(json)
    }

    static func json(_ node: YAMLNode) -> String {
        switch node.content {
        case .sequence(let items):
            return "[" + items.map(json).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { quote($0.key.scalar ?? "") + ":" + json($0.value) }.joined(separator: ",") + "}"
        case .scalar(let text, let style):
            return scalar(text, plain: style == .plain && node.tag != "tag:yaml.org,2002:str")
        }
    }

    /// The core schema's reading of a scalar (YAML 1.2, section 10.3.2).
    static func scalar(_ text: String, plain: Bool) -> String {
        guard plain else { return quote(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return "null"
        case "true", "True", "TRUE": return "true"
        case "false", "False", "FALSE": return "false"
        default: break
        }
        if text.wholeMatch(of: /[-+]?[0-9]+/) != nil {
            if let number = Int(text) { return String(number) }
            // Too large for 64 bits: still a JSON number.
            let negative = text.hasPrefix("-")
            let digits = text.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
            return (negative ? "-" : "") + (digits.isEmpty ? "0" : String(digits))
        }
        if text.wholeMatch(of: /0o[0-7]+/) != nil, let number = Int(text.dropFirst(2), radix: 8) { return String(number) }
        if text.wholeMatch(of: /0x[0-9a-fA-F]+/) != nil, let number = Int(text.dropFirst(2), radix: 16) { return String(number) }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil, let number = Double(text),
            number.isFinite
        {
            return "\(number)"
        }
        // `.inf` and `.nan` are numbers to YAML but have no JSON spelling; none of the format's
        // values is one, so text stands in for them.
        return quote(text)
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Checks JSON instances against the generated schema with python's `jsonschema` (its
/// Draft7Validator, which .ci/run installs), all in one process.
enum SchemaCheck {
    struct Outcome: Decodable, Sendable {
        /// What `Draft7Validator.check_schema` found wrong with the schema, if anything.
        var schemaError: String?
        /// For each instance, its errors as "path: message" (each by its most relevant cause);
        /// empty when it is valid.
        var results: [[String]]
    }

    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// One instance: its JSON text, checked against the whole schema or, with `schema`, a part of
    /// it (JSON text whose `$ref`s point into the whole schema's definitions).
    struct Instance: Sendable {
        var json: String
        var schema: String? = nil

        /// `json`, checked against the definition `name`.
        init(json: String, definition name: String) {
            self.json = json
            self.schema = ##"{"$ref":"#/definitions/"## + name + ##""}"##
        }

        init(json: String, schema: String? = nil) {
            self.json = json
            self.schema = schema
        }
    }

    static let script = """
        import json, sys
        import jsonschema
        from jsonschema.exceptions import best_match
        schema = json.load(open(sys.argv[1]))
        try:
            jsonschema.Draft7Validator.check_schema(schema)
            schema_error = None
        except jsonschema.SchemaError as e:
            schema_error = e.message
        validators = {}
        def validator(part):
            key = json.dumps(part, sort_keys=True)
            if key not in validators:
                target = schema if part is None else {"definitions": schema["definitions"], "allOf": [part]}
                validators[key] = jsonschema.Draft7Validator(target)
            return validators[key]
        results = []
        for case in json.load(open(sys.argv[2])):
            # An error under anyOf or oneOf is shown by its most relevant cause, as editors do.
            errors = [best_match([e]) for e in validator(case["schema"]).iter_errors(case["instance"])]
            errors.sort(key=lambda e: list(map(str, e.absolute_path)))
            results.append(["/".join(map(str, e.absolute_path)) + ": " + e.message[:300] for e in errors])
        print(json.dumps({"schemaError": schema_error, "results": results}))
        """

    static func run(_ instances: [Instance], schema: Data = JSONSchemaGenerator().encoded()) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-programme-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaFile = directory.appendingPathComponent("schema.json")
        let casesFile = directory.appendingPathComponent("cases.json")
        try schema.write(to: schemaFile)
        let cases = instances.map { #"{"schema":"# + ($0.schema ?? "null") + #","instance":"# + $0.json + "}" }
        try Data(("[" + cases.joined(separator: ",\n") + "]").utf8).write(to: casesFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaFile.path, casesFile.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if problems.contains("No module named 'jsonschema'") {
            throw Failure(description: "python's jsonschema is missing: pip install jsonschema (.ci/run installs it)")
        }
        guard process.terminationStatus == 0, let outcome = try? JSONDecoder().decode(Outcome.self, from: output),
            outcome.results.count == instances.count
        else {
            throw Failure(description: "the validator failed (exit \(process.terminationStatus)): \(problems.prefix(2000))")
        }
        return outcome
    }
}

/// The message yaml-language-server shows for each problem with a file, worked out the way its
/// validator chooses it (src/languageservice/parser/schemaValidation/baseValidator.ts): for a
/// type it does not expect, the schema's `errorMessage` (else "Incorrect type…"); for a pattern,
/// `patternErrorMessage`, then `errorMessage`; under an `anyOf` none of whose alternatives
/// matches, the first alternative's problems (it keeps the first of equally bad matches).
/// python's `jsonschema` finds the problems.
enum EditorMessages {
    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        def message(e):
            if e.validator == "type":
                types = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
                return e.schema.get("errorMessage") or "Incorrect type. Expected " + " | ".join(types) + "."
            if e.validator == "pattern":
                return e.schema.get("patternErrorMessage") or e.schema.get("errorMessage") or "String does not match the pattern."
            if e.validator == "minimum":
                return "Value is below the minimum of %s." % e.validator_value
            if e.validator == "maximum":
                return "Value is above the maximum of %s." % e.validator_value
            return e.message
        def messages(e):
            if e.validator in ("anyOf", "oneOf"):
                first = [c for c in e.context if c.relative_schema_path[0] == 0]
                return [m for c in first for m in messages(c)]
            return ["/".join(map(str, e.absolute_path)) + ": " + message(e)]
        out = []
        for case in json.load(open(sys.argv[2])):
            validator = jsonschema.Draft7Validator({"definitions": schema["definitions"], "$ref": "#/definitions/" + case["definition"]})
            found = []
            for e in validator.iter_errors(case["instance"]):
                found += messages(e)
            out.append(sorted(found))
        print(json.dumps(out))
        """

    /// For each (definition, JSON instance), the messages an editor shows, as "path: message".
    static func run(_ cases: [(definition: String, json: String)]) throws -> [[String]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-editor-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaFile = directory.appendingPathComponent("schema.json")
        let casesFile = directory.appendingPathComponent("cases.json")
        try JSONSchemaGenerator().encoded().write(to: schemaFile)
        let cases = cases.map { #"{"definition":""# + $0.definition + #"","instance":"# + $0.json + "}" }
        try Data(("[" + cases.joined(separator: ",\n") + "]").utf8).write(to: casesFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaFile.path, casesFile.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if problems.contains("No module named 'jsonschema'") {
            throw SchemaCheck.Failure(description: "python's jsonschema is missing: pip install jsonschema (.ci/run installs it)")
        }
        guard process.terminationStatus == 0, let result = try? JSONDecoder().decode([[String]].self, from: output) else {
            throw SchemaCheck.Failure(description: "the validator failed (exit \(process.terminationStatus)): \(problems.prefix(2000))")
        }
        return result
    }
}

/// check-jsonschema (PyPI), run on YAML files as a CI job or a pre-commit hook would run it.
enum CheckJSONSchema {
    static let installed: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["check-jsonschema", "--version"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let missing = "check-jsonschema is missing: skipping (pip install check-jsonschema; .ci/run installs it)"

    /// check-jsonschema's exit status and output for `files`, against the generated schema.
    static func run(_ files: [String], in directory: URL = Harness.repositoryRoot) throws -> (status: Int32, out: String) {
        let schema = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-schema-\(UUID().uuidString).json")
        try JSONSchemaGenerator().encoded().write(to: schema)
        defer { try? FileManager.default.removeItem(at: schema) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["check-jsonschema", "--schemafile", schema.path] + files
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

@Suite struct SchemaTests {
    static let generator = JSONSchemaGenerator()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: The generated file

    @Test func committedSchemaIsCurrent() throws {
        let committed = try Data(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/programme.schema.json"))
        #expect(
            committed == Self.generator.encoded(),
            "regenerate docs/programme.schema.json with `make docs` (`regimen schema -o docs/programme.schema.json`)")
    }

    @Test func schemaCommandPrintsTheSchemaOrWritesItAtomically() throws {
        let printed = CLITests.run(["schema"])
        #expect(printed.status == 0)
        #expect(Data(printed.out.utf8) == Self.generator.encoded())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-schema-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("programme.schema.json").path
        let written = CLITests.run(["schema", "-o", file])
        #expect(written.status == 0)
        #expect(written.out.isEmpty)
        #expect(FileManager.default.contents(atPath: file) == Self.generator.encoded())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["programme.schema.json"])
        let missing = CLITests.run(["schema", "-o", directory.appendingPathComponent("no/such/dir.json").path])
        #expect(missing.status == 2)
        #expect(missing.err.contains("does not exist"))
    }

    @Test func schemaIsListedInHelp() {
        #expect(CLITests.run(["--help"]).out.contains("schema"))
    }

    /// Every key of every mapping is in the schema, with its description, and mappings take no
    /// other keys.
    @Test func everyKeyIsDescribed() throws {
        let schema = Self.generator.schema()
        for (name, spec) in FormatSpec.objects {
            let definition = try #require(schema["definitions"]?[name], "no definition for \(name)")
            #expect(definition["additionalProperties"] == false)
            for key in spec.keys {
                let property = try #require(definition["properties"]?[key.name], "\(name).\(key.name) is missing")
                guard case .string(let description)? = property["description"] else {
                    Issue.record("\(name).\(key.name) has no description")
                    continue
                }
                #expect(description.hasPrefix(key.summary))
            }
            let required = spec.keys.filter(\.required).map { JSONSchemaGenerator.Value.string($0.name) }
            #expect(definition["required"] == (required.isEmpty ? nil : .array(required)), "\(name)")
        }
        let valueNames = Set(QuantityKind.allCases.map(\.rawValue) + ["identifier"])
        #expect(valueNames.isDisjoint(with: FormatSpec.objects.keys), "a definition name is used twice")
    }

    /// Patterns are compiled by ECMAScript with the `u` flag (yaml-language-server) and by
    /// Python's `re` (jsonschema): they keep to escapes both read alike.
    @Test func patternsUseOnlyPortableEscapes() {
        var patterns: [String] = []
        func collect(_ value: JSONSchemaGenerator.Value) {
            switch value {
            case .object(let members):
                if case .string(let pattern)? = members["pattern"] { patterns.append(pattern) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(Self.generator.schema())
        #expect(patterns.count >= QuantityKind.allCases.count + 2)
        for pattern in patterns {
            for match in pattern.matches(of: /\\(.)/) {
                #expect(["s", "+", "."].contains(match.1), "`\\\(match.1)` in \(pattern)")
            }
            #expect(pattern.hasPrefix("^") && pattern.hasSuffix("$"), "unanchored: \(pattern)")
            #expect(!pattern.contains("(?<") && !pattern.contains("(?i"), "\(pattern)")
        }
    }

    /// The examples shown on hover are values their key accepts.
    @Test func examplesAreValid() throws {
        var instances: [SchemaCheck.Instance] = []
        var names: [String] = []
        let schema = Self.generator.schema()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (name, spec) in FormatSpec.objects.sorted(by: { $0.key < $1.key }) {
            for key in spec.keys {
                let property = try #require(schema["definitions"]?[name]?["properties"]?[key.name])
                guard case .array(let examples)? = property["examples"] else { continue }
                for example in examples {
                    instances.append(
                        .init(
                            json: String(decoding: try encoder.encode(example), as: UTF8.self),
                            schema: String(decoding: try encoder.encode(property), as: UTF8.self)))
                    names.append("\(name).\(key.name)")
                }
            }
        }
        #expect(names.count >= 80)
        let outcome = try SchemaCheck.run(instances)
        for (name, errors) in zip(names, outcome.results) {
            #expect(errors.isEmpty, "the example of \(name) is not valid: \(errors)")
        }
    }

    // MARK: What the editor shows

    /// Each quantity is a named definition with its accepted forms, and the messages and hover
    /// text that go with them; its type is a list, which keeps `errorMessage` in
    /// yaml-language-server when an optional key's "nothing" alternative fails too.
    @Test func quantityDefinitionsCarryTheirFormsAndMessages() throws {
        let schema = Self.generator.schema()
        for kind in QuantityKind.allCases {
            let definition = try #require(schema["definitions"]?[kind.rawValue], "no definition for \(kind.rawValue)")
            let message = JSONSchemaGenerator.Value.string(JSONSchemaGenerator.quantityMessage(kind))
            #expect(definition["errorMessage"] == message && definition["patternErrorMessage"] == message, "\(kind.rawValue)")
            #expect(JSONSchemaGenerator.quantityMessage(kind).hasSuffix("as one of: \(kind.acceptedForms)."))
            #expect(definition["markdownDescription"] == .string("Accepted forms: \(kind.acceptedForms)."))
            guard case .array = definition["type"] else {
                Issue.record("the type of \(kind.rawValue) is not a list: \(String(describing: definition["type"]))")
                continue
            }
        }
    }

    /// Hover text is Markdown as written: every description has a `markdownDescription`, which
    /// yaml-language-server shows instead of the description with its backticks escaped.
    @Test func everyDescriptionHasItsMarkdownTwin() {
        var described = 0
        func walk(_ value: JSONSchemaGenerator.Value, at path: String) {
            switch value {
            case .object(let members):
                if case .string(let text)? = members["description"] {
                    described += 1
                    #expect(members["markdownDescription"] == .string(text), "\(path) has no markdownDescription")
                    #expect(!text.contains("\\`"), "\(path): an escaped backtick in \(text)")
                }
                for (key, member) in members { walk(member, at: path + "/" + key) }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, at: path + "/\(index)") }
            default: break
            }
        }
        walk(Self.generator.schema(), at: "#")
        #expect(described >= 140)
        #expect(
            String(decoding: Self.generator.encoded(), as: UTF8.self).contains(
                #""markdownDescription" : "How long to hold each repetition. Accepted forms: `30s`"#))
    }

    struct Slip: CustomTestStringConvertible, Sendable {
        let definition: String
        let path: String
        let message: String
        let text: String
        var testDescription: String { "\(path): \(text.split(separator: "\n").last ?? "")" }

        init(
            _ path: String, _ message: String, in base: String = SchemaTests.programme, definition: String = "programme", _ old: String,
            _ new: String
        ) {
            self.definition = definition
            self.path = path
            self.message = message
            self.text = base.replacingOccurrences(of: old, with: new)
        }
    }

    static let slips: [Slip] = [
        Slip("phases/0/items/0/dose/hold", JSONSchemaGenerator.quantityMessage(.timeRange), "hold: 5s", "hold: 30"),
        Slip("phases/0/items/0/dose/hold", JSONSchemaGenerator.quantityMessage(.timeRange), "hold: 5s", "hold: 30 secondz"),
        Slip("phases/0/items/0/dose/load", JSONSchemaGenerator.quantityMessage(.load), "hold: 5s }", "hold: 5s, load: 5 }"),
        Slip("phases/0/items/0/dose/load", JSONSchemaGenerator.quantityMessage(.load), "hold: 5s }", "hold: 5s, load: 5 stone }"),
        Slip(
            "phases/0/items/0/dose/tempo", JSONSchemaGenerator.quantityMessage(.tempo), "hold: 5s }",
            "hold: 5s, tempo: { lower: 3, lift: 1 } }"),
        Slip("phases/0/items/0/dose/tempo", JSONSchemaGenerator.quantityMessage(.tempo), "hold: 5s }", "hold: 5s, tempo: 3-1 }"),
        Slip(
            "phases/0/items/0/dose/intensity", JSONSchemaGenerator.quantityMessage(.intensity), "hold: 5s }",
            "hold: 5s, intensity: RPE 11 }"),
        Slip("phases/0/items/0/dose/frequency", JSONSchemaGenerator.quantityMessage(.frequency), "hold: 5s }", "hold: 5s, frequency: 2 }"),
        Slip("phases/0/weeks", JSONSchemaGenerator.quantityMessage(.weeks), "weeks: 1-4", "weeks: [1, 4]"),
        Slip("phases/0/weeks", JSONSchemaGenerator.quantityMessage(.weeks), "weeks: 1-4", "weeks: first month"),
        Slip("phases/0/sessions", JSONSchemaGenerator.quantityMessage(.frequency), "    weeks: 1-4", "    weeks: 1-4\n    sessions: 2"),
        Slip(
            "phases/0/items/0/progress/every", JSONSchemaGenerator.quantityMessage(.interval), "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: 2, reps: +2, until: { reps: 12 } }"),
        Slip(
            "phases/0/items/0/progress/hold", JSONSchemaGenerator.quantityMessage(.timeIncrement), "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: 1 week, hold: 5s, until: { hold: 10s } }"),
        Slip("phases/0/items/0/dose/reps", JSONSchemaGenerator.quantityMessage(.count), "reps: 10", "reps: 10.5"),
        Slip("phases/0/items/0/dose/sets", JSONSchemaGenerator.quantityMessage(.count), "sets: 2", "sets: abc"),
        Slip(
            "start", JSONSchemaGenerator.quantityMessage(.date), in: patient, definition: "patient", "start: 2026-12-07",
            "start: 2026-13-01"),
        Slip(
            "start", JSONSchemaGenerator.quantityMessage(.date), in: patient, definition: "patient", "start: 2026-12-07", "start: 20261207"),
    ]

    /// A quantity in no accepted form, or of the wrong type, is refused with the accepted forms
    /// (what docs/editors.md promises), never "Incorrect type"; and the loader refuses it too.
    @Test func badQuantitiesShowTheAcceptedForms() throws {
        let messages = try EditorMessages.run(
            try Self.slips.map { ($0.definition, try #require(YAMLAsJSON.convert($0.text), "\($0.testDescription) is not YAML")) })
        for (slip, shown) in zip(Self.slips, messages) {
            #expect(shown == ["\(slip.path): \(slip.message)"], "\(slip.testDescription)")
            #expect(slip.message.contains("`"), "the message names the forms")
            let report = slip.definition == "patient" ? Harness.validate(Self.programme, patient: slip.text) : Harness.validate(slip.text)
            #expect(report.diagnostics.contains { $0.severity == .error }, "the loader reads \(slip.testDescription)")
        }
        // docs/editors.md quotes the message for `hold: 30`.
        let docs = try Self.read("docs/editors.md")
        #expect(docs.contains("    " + JSONSchemaGenerator.quantityMessage(.timeRange) + "\n"), "docs/editors.md quotes another message")
        #expect(docs.contains("\"" + JSONSchemaGenerator.quantityMessage(.count) + "\""))
        // The base files give no message at all.
        #expect(try EditorMessages.run([("programme", try #require(YAMLAsJSON.convert(Self.programme)))]) == [[]])
    }

    /// check-jsonschema, reading the YAML files itself, passes every sample and refuses each
    /// slip at its place.
    @Test(.enabled(if: CheckJSONSchema.installed || ReportSchemas.inCI, Comment(rawValue: CheckJSONSchema.missing)))
    func checkJSONSchemaPassesTheSamplesAndRefusesTheSlips() throws {
        try #require(CheckJSONSchema.installed, "CI must run check-jsonschema, but \(CheckJSONSchema.missing)")
        let samples = try CheckJSONSchema.run(Self.samples)
        #expect(samples.status == 0, "\(samples.out)")
        #expect(samples.out.contains("ok -- validation done"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-slips-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, slip) in Self.slips.enumerated() {
            try slip.text.write(to: directory.appendingPathComponent("slip-\(index).yaml"), atomically: true, encoding: .utf8)
        }
        let result = try CheckJSONSchema.run(Self.slips.indices.map { "slip-\($0).yaml" }, in: directory)
        #expect(result.status == 1, "\(result.out)")
        for (index, slip) in Self.slips.enumerated() {
            #expect(result.out.contains("slip-\(index).yaml::"), "\(slip.testDescription) passes:\n\(result.out)")
        }
    }

    // MARK: Samples

    /// The sample programmes and library files, and the example patient profiles.
    static let samples: [String] = {
        let root = Harness.repositoryRoot
        var paths: [String] = []
        if let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent("programmes").path) {
            for case let path as String in walker where path.hasSuffix(".yaml") { paths.append("programmes/" + path) }
        }
        let patients =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs/examples/patients").path)) ?? []
        paths += patients.filter { $0.hasSuffix(".yaml") }.map { "docs/examples/patients/" + $0 }
        return paths.sorted()
    }()

    @Test func everySampleValidatesAgainstTheSchema() throws {
        #expect(Self.samples.count >= 14, "\(Self.samples)")
        #expect(Self.samples.contains { $0.hasPrefix("programmes/library/") })
        #expect(Self.samples.contains { $0.hasPrefix("docs/examples/patients/") })
        let instances = try Self.samples.map { path in
            SchemaCheck.Instance(json: try #require(YAMLAsJSON.convert(try Self.read(path)), "\(path) is not YAML"))
        }
        let outcome = try SchemaCheck.run(instances)
        #expect(outcome.schemaError == nil, "the schema is not a valid draft-07 schema: \(outcome.schemaError ?? "")")
        for (path, errors) in zip(Self.samples, outcome.results) {
            #expect(errors.isEmpty, "\(path) does not validate:\n\(errors.prefix(5).joined(separator: "\n"))")
        }
    }

    /// The examples in docs/format.md and docs/library.md: those the loader reads without a shape
    /// error validate, those with an unknown or missing key or a wrong type (RG101-RG103) do
    /// not. (A bad quantity or value, RG104 and RG105, is caught only where a pattern can.)
    @Test func documentedExamplesAgree() throws {
        let shapeErrors: Set<String> = [LoadCode.wrongType, LoadCode.unknownKey, LoadCode.missingKey]
        let patternErrors: Set<String> = [LoadCode.quantity, LoadCode.invalidValue]
        var checked: [(DocsTests.Example, shouldPass: Bool)] = []
        // Configuration examples (`.regimen.yml`) are another format.
        let files = DocsTests.formatExamples.filter { example in
            !example.path.hasSuffix(".regimen.yml") && !example.text.split(separator: "\n").contains { $0.hasPrefix("regimen-config:") }
        }
        for example in files {
            let codes = Set(example.expectation.matches(of: /RG[0-9]+/).map { String($0.0) })
            if !codes.isDisjoint(with: shapeErrors) {
                checked.append((example, false))
            } else if codes.isDisjoint(with: patternErrors) {
                checked.append((example, true))
            }
        }
        #expect(checked.count >= 10)
        let instances = try checked.map { SchemaCheck.Instance(json: try #require(YAMLAsJSON.convert($0.0.text))) }
        let outcome = try SchemaCheck.run(instances)
        for ((example, shouldPass), errors) in zip(checked, outcome.results) {
            if shouldPass {
                #expect(errors.isEmpty, "\(example.testDescription) does not validate:\n\(errors.prefix(5).joined(separator: "\n"))")
            } else {
                #expect(!errors.isEmpty, "\(example.testDescription) validates, but the loader reports \(example.expectation)")
            }
        }
    }

    /// The file of typical slips is refused at each slip the schema can see.
    @Test func commonMistakesAreSchemaErrors() throws {
        let json = try #require(YAMLAsJSON.convert(try Self.read("docs/examples/common-mistakes.yaml")))
        let outcome = try SchemaCheck.run([.init(json: json, definition: "programme")])
        let paths = Set(outcome.results[0].map { String($0.prefix { $0 != ":" }) })
        for path in ["exercises/sit-to-stand/kind", "phases/0/items/0/dose/hold", "phases/0/items/1", "phases/1/items/0/dose/load"] {
            #expect(paths.contains(path), "no schema error at \(path): \(outcome.results[0])")
        }
    }

    // MARK: Type errors

    static let programme = """
        regimen: 1
        id: neck-basics
        title: Neck basics
        red-flags: [Sudden severe headache]
        exercises:
          chin-tuck:
            name: Chin tuck
            steps: [Draw your chin straight back, Hold, then relax]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: chin-tuck
                dose: { sets: 2, reps: 10, hold: 5s }

        """

    static let patient = """
        regimen-patient: 1
        conditions: [sciatica]
        affected-side: left
        start: 2026-12-07

        """

    static let library = """
        regimen-library: 1
        title: Neck
        exercises:
          chin-tuck:
            name: Chin tuck
            steps: [Draw your chin straight back, Hold, then relax]

        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let code: String
        let text: String
        var testDescription: String { "\(code): \(name)" }

        /// `base` with `old` replaced by `new` (which must be there).
        init(_ code: String, _ name: String, in base: String = SchemaTests.programme, _ old: String, _ new: String) {
            self.code = code
            self.name = name
            self.text = base.contains(old) ? base.replacingOccurrences(of: old, with: new) : "(`\(old)` is not in the base file)"
        }
    }

    /// Mistakes the loader reports, each of which the schema must refuse too.
    static let typeErrors: [Case] = [
        Case(LoadCode.wrongType, "a list where text is expected", "title: Neck basics", "title: [Neck, basics]"),
        Case(LoadCode.wrongType, "a mapping where text is expected", "name: Chin tuck", "name: { first: Chin }"),
        Case(LoadCode.wrongType, "a mapping where a number is expected", "sets: 2", "sets: { count: 2 }"),
        Case(LoadCode.quantity, "words where a number is expected", "sets: 2", "sets: abc"),
        Case(LoadCode.wrongType, "a decimal where a whole number is expected", "reps: 10", "reps: 10.5"),
        Case(
            LoadCode.wrongType, "text where a list is expected", "red-flags: [Sudden severe headache]", "red-flags: Sudden severe headache"),
        Case(LoadCode.wrongType, "a list where a mapping is expected", "dose: { sets: 2, reps: 10, hold: 5s }", "dose: [2, 10, 5s]"),
        Case(LoadCode.wrongType, "a word for the format version", "regimen: 1", "regimen: one"),
        Case(LoadCode.wrongType, "a list where a quantity is expected", "weeks: 1-4", "weeks: [1, 4]"),
        Case(
            LoadCode.wrongType, "a list of lists of steps", "steps: [Draw your chin straight back, Hold, then relax]",
            "steps: [[Draw], [Hold]]"),
        Case(LoadCode.wrongType, "a file that is a list", in: "- Neck basics\n", "Neck", "Neck"),
        Case(
            LoadCode.wrongType, "a mapping for the patient's conditions", in: patient, "conditions: [sciatica]",
            "conditions: { sciatica: yes }"),
        Case(LoadCode.unknownKey, "an unknown key at the top", "title: Neck basics", "title: Neck basics\nauthor: A. Physio"),
        Case(LoadCode.unknownKey, "a misspelt dose key", "reps: 10", "repetitions: 10"),
        Case(LoadCode.unknownKey, "a misspelt item key", "dose: {", "dosage: {"),
        Case(LoadCode.unknownKey, "a misspelt exercise key", "    steps: [", "    step: ["),
        Case(LoadCode.unknownKey, "a misspelt patient key", in: patient, "affected-side: left", "afected-side: left"),
        Case(LoadCode.unknownKey, "a programme key in a library file", in: library, "title: Neck", "title: Neck\nphases: []"),
        Case(LoadCode.missingKey, "no title", "title: Neck basics\n", ""),
        Case(LoadCode.missingKey, "a title with no value", "title: Neck basics", "title:"),
        Case(LoadCode.missingKey, "a phase without weeks", "    weeks: 1-4\n", ""),
        Case(LoadCode.missingKey, "an item without use", "      - use: chin-tuck\n        dose:", "      - dose:"),
        Case(LoadCode.missingKey, "no version key", "regimen: 1\n", ""),
        Case(LoadCode.missingKey, "a library file without exercises", in: library, "exercises:", "exercise-list:"),
        Case(LoadCode.invalidValue, "an identifier with capitals and spaces", "id: neck-basics", "id: Neck Basics"),
        Case(LoadCode.invalidValue, "an exercise id with an underscore", "  chin-tuck:", "  chin_tuck:"),
        Case(LoadCode.invalidValue, "a side that is not one", "hold: 5s }", "hold: 5s, side: middle }"),
        Case(LoadCode.invalidValue, "a kind of exercise misspelt", "    name: Chin tuck", "    name: Chin tuck\n    kind: strenght"),
        Case(LoadCode.invalidValue, "an affected side that is not one", in: patient, "affected-side: left", "affected-side: middle"),
        Case(LoadCode.quantity, "a time without its unit", "hold: 5s", "hold: 5"),
        Case(LoadCode.quantity, "a time in a unit it cannot be", "hold: 5s", "hold: 5 years"),
        Case(LoadCode.quantity, "weeks in words", "weeks: 1-4", "weeks: first month"),
        Case(LoadCode.quantity, "week 0", "weeks: 1-4", "weeks: 0"),
        Case(LoadCode.quantity, "a tempo of two parts", "hold: 5s }", "hold: 5s, tempo: 3-1 }"),
        Case(LoadCode.quantity, "a tempo without its lift", "hold: 5s }", "hold: 5s, tempo: lower 3 pause 1 }"),
        Case(LoadCode.wrongType, "a tempo as a mapping", "hold: 5s }", "hold: 5s, tempo: { lower: 3, lift: 1 } }"),
        Case(LoadCode.quantity, "a load in stone", "hold: 5s }", "hold: 5s, load: 5 stone }"),
        Case(LoadCode.quantity, "an intensity out of 11", "hold: 5s }", "hold: 5s, intensity: RPE 11 }"),
        Case(LoadCode.quantity, "sessions in words", "    weeks: 1-4", "    weeks: 1-4\n    sessions: often"),
        Case(
            LoadCode.quantity, "an increment without its sign, quoted", "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: 1 week, reps: \"2\", until: { reps: 12 } }"),
        Case(
            LoadCode.quantity, "a progression every fortnight", "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: fortnight, reps: +2, until: { reps: 12 } }"),
        Case(LoadCode.quantity, "the 30th of February", in: patient, "start: 2026-12-07", "start: 2026-02-30"),
        Case(LoadCode.version, "format version 2", "regimen: 1", "regimen: 2"),
    ]

    static let typeErrorOutcome: Result<SchemaCheck.Outcome, SchemaCheck.Failure> = {
        do {
            let instances = typeErrors.map { SchemaCheck.Instance(json: YAMLAsJSON.convert($0.text) ?? "\"not YAML\"") }
            return .success(try SchemaCheck.run(instances))
        } catch let failure as SchemaCheck.Failure {
            return .failure(failure)
        } catch {
            return .failure(SchemaCheck.Failure(description: "\(error)"))
        }
    }()

    @Test(arguments: typeErrors)
    func loaderTypeErrorsAreSchemaErrors(_ mistake: Case) throws {
        let report = Harness.validate(mistake.text)
        #expect(
            report.diagnostics.contains { $0.code == mistake.code },
            "the loader does not report \(mistake.code): \(Harness.summary(report))")
        let outcome = try Self.typeErrorOutcome.get()
        let index = try #require(Self.typeErrors.firstIndex { $0.name == mistake.name })
        #expect(!outcome.results[index].isEmpty, "the schema accepts \(mistake.name)")
    }

    /// Forms the loader reads without an error, written the ways YAML types differently: the
    /// schema must accept them all, or editors would flag files `regimen validate` passes.
    static let acceptedForms: [Case] = [
        Case("", "weeks as a bare number", "weeks: 1-4", "weeks: 3"),
        Case("", "weeks quoted", "weeks: 1-4", "weeks: \"1-4\""),
        Case("", "weeks with `to`", "weeks: 1-4", "weeks: 1 to 4"),
        Case("", "sets quoted", "sets: 2", "sets: \"2\""),
        Case("", "the version quoted", "regimen: 1", "regimen: \"1\""),
        Case("", "a number as a title", "title: Neck basics", "title: 2026"),
        Case("", "an empty optional key", "title: Neck basics", "title: Neck basics\nsummary:"),
        Case("", "a null optional key", "title: Neck basics", "title: Neck basics\nnotes: ~"),
        Case("", "a number as an identifier", "  - id: start", "  - id: 1"),
        Case("", "one condition, not a list", "title: Neck basics", "title: Neck basics\ncondition: neck-pain"),
        Case("", "a time as minutes and seconds", "hold: 5s", "hold: 1:30"),
        Case("", "a time in capitals", "hold: 5s", "hold: 30 SEC"),
        Case("", "a tempo with a lower-case x", "hold: 5s }", "hold: 5s, tempo: 2-0-x-1 }"),
        Case("", "a tempo that names its parts", "hold: 5s }", "hold: 5s, tempo: \"lift 1, pause 1, lower 3\" }"),
        Case("", "a tempo that names its parts without commas", "hold: 5s }", "hold: 5s, tempo: Lower 2s lift X pause 1 }"),
        Case("", "an RPE range with `to`", "hold: 5s }", "hold: 5s, intensity: rpe 5 to 7 }"),
        Case("", "a pain rule", "hold: 5s }", "hold: 5s, intensity: pain <= 3/10 }"),
        Case("", "a load in pounds", "hold: 5s }", "hold: 5s, load: 10 lbs }"),
        Case("", "a band", "hold: 5s }", "hold: 5s, load: Light band }"),
        Case("", "sessions with a times sign", "    weeks: 1-4", "    weeks: 1-4\n    sessions: 3 × per week"),
        Case(
            "", "a progression with bare increments", "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: 1 week, sets: +1, reps: +2, hold: +5s, until: { sets: 3, reps: 12, hold: 10s } }"
        ),
        Case(
            "", "a quoted increment", "dose: { sets: 2, reps: 10, hold: 5s }",
            "dose: { sets: 2, reps: 10, hold: 5s }\n        progress: { every: 2 weeks, reps: \"+2\", until: { reps: 12 } }"),
        Case(
            "", "exclusions as ids and mappings", "title: Neck basics",
            "title: Neck basics\nexclusions: [cervical-myelopathy, { condition: neck-fracture, why: Needs imaging }]"),
        Case("", "a patient's one condition", in: patient, "conditions: [sciatica]", "conditions: sciatica"),
        Case("", "a patient's language", in: patient, "start: 2026-12-07", "start: 2024-02-29\nlanguage: en-GB"),
        Case("", "a library file", in: library, "title: Neck", "title: Neck\ncredits: [\"Photos: our own\"]"),
    ]

    static let acceptedOutcome: Result<SchemaCheck.Outcome, SchemaCheck.Failure> = {
        do {
            let instances = acceptedForms.map { SchemaCheck.Instance(json: YAMLAsJSON.convert($0.text) ?? "\"not YAML\"") }
            return .success(try SchemaCheck.run(instances))
        } catch let failure as SchemaCheck.Failure {
            return .failure(failure)
        } catch {
            return .failure(SchemaCheck.Failure(description: "\(error)"))
        }
    }()

    @Test(arguments: acceptedForms)
    func formsTheLoaderReadsAreSchemaValid(_ form: Case) throws {
        let report = Harness.validate(form.text)
        let loadErrors = report.diagnostics.filter { $0.severity == .error && ($0.code.hasPrefix("RG0") || $0.code.hasPrefix("RG1")) }
        #expect(loadErrors.isEmpty, "the loader refuses \(form.name): \(Harness.summary(report))")
        let outcome = try Self.acceptedOutcome.get()
        let index = try #require(Self.acceptedForms.firstIndex { $0.name == form.name })
        #expect(outcome.results[index].isEmpty, "the schema refuses \(form.name): \(outcome.results[index])")
    }

    // MARK: Quantity patterns against the parser

    static func parses(_ kind: QuantityKind, _ text: String) -> Bool {
        switch kind {
        case .time: QuantityParser.time(text) != nil
        case .frequency: QuantityParser.frequency(text) != nil
        case .load: QuantityParser.load(text) != nil
        case .intensity: QuantityParser.intensity(text) != nil
        case .tempo: QuantityParser.tempo(text) != nil
        case .weeks: QuantityParser.weeks(text, maxWeek: Limits.default.maxWeeks) != nil
        case .interval: QuantityParser.interval(text) != nil
        case .date: CalendarDate(parsing: text) != nil
        case .timeIncrement: QuantityParser.timeIncrement(text) != nil
        case .loadIncrement: QuantityParser.loadIncrement(text) != nil
        case .countIncrement: QuantityParser.countIncrement(text) != nil
        case .count: QuantityParser.count(text) != nil
        case .timeRange: QuantityParser.timeAmount(text) != nil
        case .setsByReps: if case .read = QuantityParser.setsByReps(text) { true } else { false }
        case .weekday: QuantityParser.weekdays(text) != nil
        }
    }

    /// More ways of writing each kind than its accepted forms show.
    static let seeds: [QuantityKind: [String]] = [
        .time: ["1 hour 30 min 10 s", "1:30", "90 secs", "1h30m", ".5 min", "2 hrs"],
        .frequency: ["twice daily", "2 x per a day", "once every week", "3 per wk", "5 times per week", "2×/d", "3 weekly"],
        .load: ["own body weight", "own bodyweight", "body weight", "2.5kg", "10 pounds", "1000 kilos"],
        .intensity: ["rpe 5 to 7", "pain at most 2/10", "pain no more than 3/10", "pain <= 3/10", "pain ≤ 2/10", "RPE 0"],
        .tempo: [
            "3 - 1 - 3", "x-0-x-0", "60-0-60", "lift 1 lower 3", "lower 3 seconds, lift 1 sec, pause 0", "lift x, pause 60, lower 60",
            "pause 1, lower 3, lift 1", "lower 3, pause x, lift 1", "lower 0, lift 1",
        ],
        .weeks: ["1 to 4", "104", "000001-000002"],
        .interval: ["weekly", "52 weeks"],
        .date: ["2024-02-29", "9999-12-31", "0001-01-01"],
        .timeIncrement: ["+1 min 30 s", "- 1:30"],
        .loadIncrement: ["+ 2.5 kgs", "+1000 lb"],
        .countIncrement: ["+ 100", "+000100"],
        .count: ["8–12", "000008-12", "12"],
        .timeRange: ["20s-30s", "1 min to 1 min 30 s", "30–45 sec", "1:00-1:30"],
        .setsByReps: ["3 X 10", "3 sets x 10 reps", "2-3 x 8-12", "3 sets of 10 repetitions", "1 set of 1 rep", "3*10"],
        .weekday: ["Monday", "THURS", "weekdays", "tues"],
    ]

    /// Words, numbers and marks to put in place of each piece of a form.
    static let vocabulary = [
        "h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minute", "minutes", "s", "sec", "secs", "second", "seconds",
        "once", "twice", "thrice", "x", "X", "times", "time", "per", "a", "an", "each", "every", "day", "daily", "d", "week",
        "weekly", "wk", "w", "weeks", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "lb", "lbs", "pound", "pounds",
        "bodyweight", "body", "weight", "own", "light", "medium", "heavy", "band", "moderate", "hard", "rpe", "pain", "up",
        "to", "at", "most", "no", "more", "than", "of", "ms", "days", "month", "stone", "blue", "hourly", "perday", "%",
        "0", "1", "2", "3", "5", "9", "10", "11", "12", "29", "30", "31", "52", "53", "59", "60", "61", "99", "100", "101",
        "104", "105", "1440", "1441", "1.5", ".5", "2.5", "1.25", "1.2345", "000100", "0000100", "00", "01", "02", "13",
        "0000", "2026", "9999", "10000", "999999", "1000000", "-", "/", ":", "×", "<", "=", "≤", "+", ".", "–",
        "lower", "lift", "pause", ",", "rm", "RM", "other", "second", "alternate", "on", "sets", "set", "reps", "rep", "mon",
        "monday", "fri", "weekdays", "*",
    ]

    /// Pieces of `text`: runs of digits and points, runs of letters, and single marks.
    static func pieces(_ text: String) -> [String] {
        func kind(_ c: Character) -> Int { c.isNumber || c == "." ? 0 : c.isLetter ? 1 : 2 }
        var out: [String] = []
        for character in text where !character.isWhitespace {
            if let previous = out.last?.last, kind(character) != 2, kind(previous) == kind(character) {
                out[out.count - 1].append(character)
            } else {
                out.append(String(character))
            }
        }
        return out
    }

    /// The forms of `kind`, each with one piece replaced, dropped or doubled, written with and
    /// without spaces, and in capitals.
    static func corpus(_ kind: QuantityKind) -> [String] {
        let forms = kind.acceptedForms.matches(of: /`([^`]+)`/).map { String($0.1) } + (seeds[kind] ?? [])
        var out = Set<String>()
        for form in forms {
            out.formUnion([form, form.uppercased(), " \(form) "])
            let parts = pieces(form)
            var variants: [[String]] = []
            for index in parts.indices {
                var dropped = parts
                dropped.remove(at: index)
                var doubled = parts
                doubled.insert(parts[index], at: index)
                variants += [dropped, doubled]
                for replacement in vocabulary {
                    var replaced = parts
                    replaced[index] = replacement
                    variants.append(replaced)
                }
            }
            for variant in variants {
                out.formUnion([variant.joined(separator: " "), variant.joined()])
            }
        }
        return out.sorted()
    }

    /// Whatever the parser reads, the pattern accepts (a pattern may accept more where its
    /// `$comment` says so: the loader still checks).
    @Test func quantityPatternsAcceptWhatTheParserReads() throws {
        var instances: [SchemaCheck.Instance] = []
        var expected: [(kind: QuantityKind, text: String, parses: Bool)] = []
        for kind in QuantityKind.allCases {
            for text in Self.corpus(kind) {
                instances.append(.init(json: YAMLAsJSON.quote(text), definition: kind.rawValue))
                expected.append((kind, text, Self.parses(kind, text)))
            }
        }
        let outcome = try SchemaCheck.run(instances)
        var refused: [String: [String]] = [:]
        var looser: [String: [String]] = [:]
        for (entry, errors) in zip(expected, outcome.results) {
            if entry.parses, !errors.isEmpty { refused[entry.kind.rawValue, default: []].append(entry.text) }
            if !entry.parses, errors.isEmpty { looser[entry.kind.rawValue, default: []].append(entry.text) }
        }
        for (kind, texts) in refused.sorted(by: { $0.key < $1.key }) {
            Issue.record("the \(kind) pattern refuses what the parser reads: \(texts.prefix(10))")
        }
        #expect(expected.filter(\.parses).count >= 1000)
        let schema = Self.generator.schema()
        for kind in QuantityKind.allCases where schema["definitions"]?[kind.rawValue]?["$comment"] == nil {
            let texts = looser[kind.rawValue] ?? []
            #expect(texts.isEmpty, "the \(kind.rawValue) pattern accepts what the parser refuses: \(texts.prefix(10))")
        }
    }

    /// Slips a clinician could make, which the parser and the pattern both refuse.
    static let quantityMistakes: [(QuantityKind, String)] = [
        (.time, "30"), (.time, "thirty seconds"), (.time, "30 s 1 min"), (.time, "1:75"), (.time, "5 kg"), (.time, "30ss"),
        (.frequency, "2"), (.frequency, "per day"), (.frequency, "2 per month"), (.frequency, "twicea day"), (.frequency, "0 per day"),
        (.load, "5"), (.load, "5 stone"), (.load, "blue band"), (.load, "kg"), (.intensity, "RPE 11"), (.intensity, "pain 3/5"),
        (.intensity, "very hard"), (.intensity, "6"), (.tempo, "3-1"), (.tempo, "3-1-61"), (.tempo, "lower 3"),
        (.tempo, "lift 1, lift 3"), (.tempo, "lower 3, pause X, lift 1"), (.tempo, "pause 1, lower 3, lift 1"), (.weeks, "0-2"),
        (.weeks, "week 1"),
        (.weeks, "1–2"), (.interval, "fortnight"), (.interval, "0 weeks"), (.date, "2026-13-01"), (.date, "1/12/2026"),
        (.timeIncrement, "5s"), (.loadIncrement, "-1 kg"), (.loadIncrement, "+bodyweight"), (.countIncrement, "2"),
        (.countIncrement, "+0"), (.countIncrement, "-1"), (.count, "8-"), (.count, "ten"), (.count, "8-12-14"),
        (.timeRange, "20-30"), (.timeRange, "20 s - 30"), (.setsByReps, "3x"), (.setsByReps, "3x10x2"), (.setsByReps, "x10"),
        (.weekday, "mond"), (.weekday, "mon wed"), (.frequency, "every other week"), (.frequency, "every 8 days"),
        (.load, "10 RM kg"), (.load, "70%"), (.load, "31RM"),
    ]

    @Test func quantityPatternsRefuseMistakes() throws {
        let outcome = try SchemaCheck.run(
            Self.quantityMistakes.map { .init(json: YAMLAsJSON.quote($0.1), definition: $0.0.rawValue) })
        for ((kind, text), errors) in zip(Self.quantityMistakes, outcome.results) {
            #expect(!Self.parses(kind, text), "the parser reads `\(text)` as a \(kind.rawValue)")
            #expect(!errors.isEmpty, "the \(kind.rawValue) pattern accepts `\(text)`")
        }
    }
}
