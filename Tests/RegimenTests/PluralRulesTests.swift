import Foundation
import RegimenExport
import Testing

/// CLDR's plural rules as `PluralRules` writes them, checked against Babel's (the CLDR data
/// Python's Babel ships): every whole number from 0 to 200, large ones, and decimals as they are
/// printed. CI installs Babel (`pip install babel`); without it the comparison is skipped and
/// says so, while the written-out cases below still run.
@Suite struct PluralRulesTests {
    static let languages = ["en", "de", "es", "fr", "pl", "ar"]
    static let decimals = [
        "0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.7", "5.25", "10.0", "11.5", "22.0", "100.0", "1.25", "102.5",
    ]
    static let wholes = Array(0...200) + [1000, 1002, 1011, 1_000_000, 2_000_000, 1_000_001]

    /// Babel's category for every number, by language: nil when Python or Babel is missing.
    static let babel: [String: [String: String]]? = {
        guard let python = Browser.which(["python3"]) else { return nil }
        let script = """
            import json, sys
            from decimal import Decimal
            from babel import Locale
            numbers = json.loads(sys.argv[1])
            print(json.dumps({l: {n: Locale.parse(l).plural_form(Decimal(n)) for n in numbers} for l in json.loads(sys.argv[2])}))
            """
        let numbers = wholes.map(String.init) + decimals
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        let encode = { (value: [String]) in String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self) }
        process.arguments = ["-c", script, encode(numbers), encode(languages)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode([String: [String: String]].self, from: data)
    }()

    @Test(.enabled(if: babel != nil, "Babel is not installed (pip install babel): the comparison with CLDR's data is skipped"))
    func theRulesAreCLDRsAsBabelHasThem() throws {
        let babel = try #require(Self.babel)
        for language in Self.languages {
            let expected = try #require(babel[language])
            for number in Self.wholes.map(String.init) + Self.decimals {
                let operands = try #require(PluralOperands(number))
                #expect(
                    PluralRules.category(operands, language: language).rawValue == expected[number],
                    "\(language) \(number)")
            }
            // The categories a catalogue must give are the ones the rules can choose.
            let used = Set(expected.values)
            #expect(Set(try #require(PluralRules.categories(for: language)).map(\.rawValue)) == used, "\(language)")
        }
    }

    @Test(arguments: [
        ("en", "1", "one"), ("en", "1.0", "other"), ("en", "1.5", "other"), ("en", "0", "other"),
        ("fr", "0", "one"), ("fr", "1.5", "one"), ("fr", "2", "other"), ("fr", "1000000", "many"),
        ("es", "1", "one"), ("es", "1.5", "other"), ("es", "1000000", "many"),
        ("de", "1", "one"), ("de", "22", "other"),
        ("pl", "1", "one"), ("pl", "2", "few"), ("pl", "5", "many"), ("pl", "12", "many"), ("pl", "22", "few"), ("pl", "1.5", "other"),
        ("pl", "0", "many"),
        ("ar", "0", "zero"), ("ar", "1", "one"), ("ar", "2", "two"), ("ar", "5", "few"), ("ar", "22", "many"), ("ar", "1.5", "other"),
        ("ar", "100", "other"), ("ar", "103", "few"), ("ar", "3.0", "few"),
    ])
    func categories(_ language: String, _ number: String, _ expected: String) throws {
        #expect(PluralRules.category(try #require(PluralOperands(number)), language: language).rawValue == expected)
    }

    @Test func operandsAreTheDigitsAsPrinted() throws {
        let operands = try #require(PluralOperands("1.50"))
        #expect(operands.i == 1 && operands.v == 2 && operands.f == 50 && operands.n == 1.5)
        for bad in ["", "1.", ".5", "1e3", "1,5", "x", "1.2.3"] { #expect(PluralOperands(bad) == nil, "\(bad)") }
    }
}
