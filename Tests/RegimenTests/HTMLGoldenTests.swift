import Foundation
import Testing

/// The HTML handout of every sample programme, compared with a golden file
/// (`Fixtures/golden/html/NAME.html`; `RECORD=1 swift test` re-records). Normalised so that a
/// review reads what changed for the patient: the style sheet (the template's, the same for
/// every handout) is left out, and embedded pictures are shown by size, not by their bytes.
@Suite struct HTMLGoldenTests {
    static func normalised(_ html: String) -> String {
        html.replacing(/(?s)<style>.*?<\/style>/, with: "<style>…</style>")
            .replacing(/data:image\/([a-z+]+);base64,([A-Za-z0-9+\/=]+)/) { match in
                "data:image/\(match.1);base64,[\(match.2.count) base64 characters]"
            }
    }

    @Test(arguments: CompileTests.samples)
    func theHandoutMatchesItsGoldenFile(_ programme: String) throws {
        let result = try BinaryTests.run(["export", programme, "--format", "html"])
        #expect(result.status == 0, "\(result.err)")
        let name = (programme as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: ".html")
        try CompileTests.golden("html/\(name)", Self.normalised(result.out))
    }

    /// One phase, as printed at a review visit, for a patient with a start date.
    @Test func onePhaseForAPatientMatchesItsGoldenFile() throws {
        let result = try BinaryTests.run([
            "export", "programmes/sciatica-muscle-imbalance.yaml", "--patient", "docs/examples/patients/left-sciatica.yaml",
            "--format", "html", "--phase", "restore-movement",
        ])
        #expect(result.status == 0, "\(result.err)")
        try CompileTests.golden("html/sciatica.left-sciatica.restore-movement.html", Self.normalised(result.out))
    }
}
