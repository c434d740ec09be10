import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// The loader's cache of parsed files (what the language server keeps between keystrokes): a
/// check with it says exactly what a check without it says, and a file that changed is read again.
struct DocumentCacheTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"

    /// A copy of the sciatica sample and its library in a scratch repository.
    static func repository() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-cache-\(UUID().uuidString)")
        let programmes = directory.appendingPathComponent("programmes")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: programmes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent(programme), to: directory.appendingPathComponent(programme))
        try FileManager.default.copyItem(
            at: Harness.repositoryRoot.appendingPathComponent("programmes/library"), to: programmes.appendingPathComponent("library"))
        return directory
    }

    static func findings(_ path: String, cache: DocumentCache?) -> [String] {
        var loader = Loader()
        loader.documentCache = cache
        let report = ValidationPipeline(loader: loader).run(paths: [path])
        return report.diagnostics.map { "\($0.code) \($0.range) \($0.message)" }
    }

    @Test func aCachedCheckSaysWhatAFreshOneSaysAndAChangedFileIsReadAgain() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(Self.programme).path
        let cache = DocumentCache()

        let fresh = Self.findings(path, cache: nil)
        #expect(Self.findings(path, cache: cache) == fresh)
        #expect(cache.count >= 2, "the programme and the library files it includes are kept")
        let kept = cache.count
        #expect(Self.findings(path, cache: cache) == fresh, "a second check, from the cache, says the same")
        #expect(cache.count == kept, "nothing changed, nothing new was parsed")

        // A misspelt key saved in an included library file is found at once, not served stale.
        let library = directory.appendingPathComponent("programmes/library/lumbar.yaml")
        let text = try String(contentsOf: library, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "    name:", with: "    nmae:", options: [], range: text.range(of: "    name:"))
        try edited.write(to: library, atomically: true, encoding: .utf8)
        let after = Self.findings(path, cache: cache)
        #expect(after == Self.findings(path, cache: nil))
        #expect(after.contains { $0.hasPrefix("RG102") && $0.contains("lumbar.yaml") }, "\(after)")
    }

    @Test func theCacheKeepsNoMoreThanItsCapacity() throws {
        let directory = try Self.repository()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = DocumentCache(capacity: 1)
        _ = Self.findings(directory.appendingPathComponent(Self.programme).path, cache: cache)
        #expect(cache.count == 1)
        // Nor more bytes than it may: a file larger than the whole cache is not kept at all.
        let small = DocumentCache(maxBytes: 100)
        let path = directory.appendingPathComponent(Self.programme).path
        #expect(Self.findings(path, cache: small) == Self.findings(path, cache: nil))
        #expect(small.count == 0)
    }
}
