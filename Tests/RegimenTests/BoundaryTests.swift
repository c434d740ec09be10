import Foundation
import Testing

/// The repository boundary, through the built binary: a file Regimen would read that is a
/// symbolic link leading out of its repository (to a file, to a directory, to the process
/// environment) is refused with a finding naming the link, and no byte of what it leads to
/// reaches standard output, standard error or any file written.
@Suite(.serialized) struct BoundaryTests {
    /// A marker in the files outside the repository, and another in the child's environment.
    let marker = "OUTSIDE-\(UUID().uuidString)"
    let environmentMarker = "ENVIRON-\(UUID().uuidString)"

    /// A programme whose exercise shows `image`, when given.
    static func programme(image: String? = nil, library: String? = nil) -> String {
        var text = """
            regimen: 1
            id: neck-basics
            title: Neck basics
            red-flags: [Sudden severe headache]

            """
        if let library { text += "library: [\(library)]\n" }
        text += """
            exercises:
              chin-tuck:
                name: Chin tuck
                steps: [Draw your chin straight back, Hold, then relax]

            """
        if let image { text += "    images:\n      - path: \(image)\n        alt: Chin drawn back\n" }
        text += """
            phases:
              - id: start
                weeks: 1-4
                items:
                  - use: chin-tuck
                    dose: { reps: 10, hold: 5s }

            """
        return text
    }

    static let jpegHeader: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]

    /// A directory outside any repository holding the marker in files of every kind, and a
    /// directory of them; with a repository beside it holding `files`.
    struct Scene {
        let base: URL
        let outside: URL
        let repository: URL

        init(marker: String, files: [String: String]) throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-boundary-\(UUID().uuidString)")
            outside = base.appendingPathComponent("outside")
            repository = base.appendingPathComponent("repo")
            let secretYAML = "regimen: 1\nid: \(marker.lowercased())\ntitle: \(marker)\nsecret: \(marker)\n"
            var secrets: [String: [UInt8]] = [
                "secret.yaml": Array(secretYAML.utf8), "dir/secret.yaml": Array(secretYAML.utf8),
                "secret.jpg": BoundaryTests.jpegHeader + Array(marker.utf8),
                "dir/secret.jpg": BoundaryTests.jpegHeader + Array(marker.utf8),
                "secret.mustache": Array("<p>\(marker)</p>{{ title }}\n".utf8),
                "dir/secret.mustache": Array("<p>\(marker)</p>{{ title }}\n".utf8),
                "secret.json": Array("{\"\(marker)\": \"\(marker)\"}".utf8),
                "regimen-rule-evil": Array("#!/bin/sh\necho \(marker)\necho \(marker) >&2\n".utf8),
                "regimen-export-evil": Array("#!/bin/sh\necho \(marker)\necho \(marker) >&2\n".utf8),
            ]
            secrets["dir/rule-pack.yaml"] = Array("regimen-rules: 1\nname: \(marker.lowercased())\nrules: []\n".utf8)
            for (path, bytes) in secrets {
                let url = outside.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            for executable in ["regimen-rule-evil", "regimen-export-evil"] {
                try FileManager.default.setAttributes(
                    [.posixPermissions: 0o755], ofItemAtPath: outside.appendingPathComponent(executable).path)
            }
            try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: repository.appendingPathComponent("out"), withIntermediateDirectories: true)
            for (path, text) in files { try write(text, to: path) }
        }

        func write(_ text: String, to path: String) throws {
            let url = repository.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        /// A symbolic link at `path` in the repository to `target` (a path outside, by name, or absolute).
        func link(_ path: String, to target: String) throws {
            let url = repository.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let destination = target.hasPrefix("/") ? target : outside.appendingPathComponent(target).path
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    struct Run {
        let status: Int32
        let out: String
        let err: String
        var all: String { out + err }
    }

    /// The binary run in the repository, with the environment marker in its environment.
    func run(_ arguments: [String], in scene: Scene) throws -> Run {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = scene.repository
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["REGIMEN_TEST_SECRET"] = environmentMarker
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    /// No byte sequence of either marker (nor their base64, as an embedded image would carry
    /// them) in `text`.
    func expectNoLeak(_ text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in [marker, environmentMarker] {
            let forms = [secret, secret.lowercased(), Data(secret.utf8).base64EncodedString().dropLast(4).description]
            for form in forms {
                #expect(!text.contains(form), "\(context): leaked \(form)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Every file under the repository (reports and handouts written), for `expectNoLeak`.
    func writtenFiles(_ scene: Scene) -> String {
        guard let walker = FileManager.default.enumerator(at: scene.repository, includingPropertiesForKeys: [.isSymbolicLinkKey]) else {
            return ""
        }
        var text = ""
        for case let url as URL in walker {
            let isLink = (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) ?? false
            if !isLink, let data = try? Data(contentsOf: url) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }

    /// `validate` in every report format, and with every report written to a file: each exits
    /// `status` and names each of `expected` (a code, and the text its message must hold).
    func validateEverywhere(
        _ targets: [String], in scene: Scene, status: Int32 = 1, expected: [(code: String, text: String)], extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for format in ["text", "json", "sarif", "junit", "github"] {
            let result = try run(["validate", "--format", format] + extra + targets, in: scene)
            #expect(result.status == status, "\(format): exit \(result.status)\n\(result.all)", sourceLocation: sourceLocation)
            for (code, text) in expected {
                #expect(result.out.contains(code), "\(format): no \(code)\n\(result.all)", sourceLocation: sourceLocation)
                // JSON escapes `/` in nothing, but quotes backticks as they are; each format keeps the path.
                #expect(result.out.contains(text), "\(format): no `\(text)`\n\(result.all)", sourceLocation: sourceLocation)
            }
            expectNoLeak(result.all, "validate --format \(format)")
        }
        let written = try run(
            [
                "validate", "--output", "json=out/r.json", "--output", "sarif=out/r.sarif", "--output", "junit=out/r.xml", "--output",
                "github=out/r.txt",
            ]
                + extra + targets, in: scene)
        #expect(written.status == status, "\(written.all)", sourceLocation: sourceLocation)
        expectNoLeak(written.all + writtenFiles(scene), "validate --output")
    }

    // MARK: Programmes

    @Test func walkedAndNamedProgrammesThatLinkOutAreRefused() throws {
        let scene = try Scene(marker: marker, files: ["programmes/ok.yaml": Self.programme()])
        defer { scene.remove() }
        try scene.link("programmes/leak.yaml", to: "secret.yaml")
        try scene.link("programmes/environ.yaml", to: "/proc/self/environ")
        try scene.link("programmes/linked", to: "dir")
        try scene.link("programmes/inside.yaml", to: scene.repository.appendingPathComponent("programmes/ok.yaml").path)
        let outside = scene.outside.path
        try validateEverywhere(
            ["programmes"], in: scene,
            expected: [
                ("RG008", "programmes/leak.yaml"), ("RG008", "\(outside)/secret.yaml"), ("RG008", "programmes/environ.yaml"),
                ("RG008", "/proc/self/environ"),
            ])
        // The link that stays inside is read as usual (once: it is `ok.yaml`); the linked directory is not walked.
        let text = try run(["validate", "programmes"], in: scene)
        #expect(text.out.contains("checked 1 file: 2 errors"), "\(text.all)")
        #expect(!text.out.contains("programmes/linked"))

        // Named on the command line, as pre-commit names files; and through a linked directory.
        try validateEverywhere(["programmes/leak.yaml"], in: scene, expected: [("RG008", "programmes/leak.yaml")])
        try validateEverywhere(["programmes/environ.yaml"], in: scene, expected: [("RG008", "/proc/self/environ")])
        try validateEverywhere(
            ["programmes/linked/secret.yaml"], in: scene,
            expected: [("RG008", "read through `programmes/linked`"), ("RG008", "\(outside)/dir")])
        let inside = try run(["validate", "programmes/inside.yaml"], in: scene)
        #expect(inside.status == 0, "\(inside.all)")

        // Compile and export refuse it the same way: exit 1, no plan, nothing of it shown.
        for target in ["programmes/leak.yaml", "programmes/environ.yaml", "programmes/linked/secret.yaml"] {
            let compiled = try run(["compile", target, "-o", "out/plan.json"], in: scene)
            #expect(compiled.status == 1, "\(compiled.all)")
            #expect(compiled.err.contains("RG008"), "\(compiled.all)")
            #expect(!FileManager.default.fileExists(atPath: scene.repository.appendingPathComponent("out/plan.json").path))
            expectNoLeak(compiled.all, "compile \(target)")
            for format in ["text", "html", "json"] {
                let exported = try run(["export", target, "--format", format, "-o", "out/handout.\(format)"], in: scene)
                #expect(exported.status == 1, "\(format): \(exported.all)")
                #expect(exported.err.contains("RG008"), "\(exported.all)")
                expectNoLeak(exported.all + writtenFiles(scene), "export \(format) \(target)")
            }
        }
    }

    // MARK: Library files and images named in a programme

    @Test func librariesAndImagesThatLinkOutAreRefused() throws {
        let scene = try Scene(
            marker: marker,
            files: [
                "lib.yaml": Self.programme(library: "library/leak.yaml"),
                "env.yaml": Self.programme(library: "library/environ.yaml"),
                "dirlib.yaml": Self.programme(library: "linked/secret.yaml"),
                "image.yaml": Self.programme(image: "images/leak.jpg"),
                "dirimage.yaml": Self.programme(image: "linked/secret.jpg"),
                "fake.yaml": Self.programme(image: "images/fake.jpg"),
                "images/fake.jpg": "not a picture at all",
                "good.yaml": Self.programme(image: "images/good.jpg"),
            ])
        defer { scene.remove() }
        try Data(Self.jpegHeader).write(to: scene.repository.appendingPathComponent("images/real.jpg"))
        try scene.link("library/leak.yaml", to: "secret.yaml")
        try scene.link("library/environ.yaml", to: "/proc/self/environ")
        try scene.link("linked", to: "dir")
        try scene.link("images/leak.jpg", to: "secret.jpg")
        try scene.link("images/good.jpg", to: scene.repository.appendingPathComponent("images/real.jpg").path)
        let outside = scene.outside.path
        try validateEverywhere(
            ["lib.yaml"], in: scene, expected: [("RG202", "`library/leak.yaml`, a symbolic link to `\(outside)/secret.yaml`")])
        try validateEverywhere(["env.yaml"], in: scene, expected: [("RG202", "/proc/self/environ")])
        try validateEverywhere(["dirlib.yaml"], in: scene, expected: [("RG202", "`linked`, a symbolic link to `\(outside)/dir`")])
        try validateEverywhere(
            ["image.yaml"], in: scene, expected: [("RG213", "`images/leak.jpg`, a symbolic link to `\(outside)/secret.jpg`")])
        try validateEverywhere(["dirimage.yaml"], in: scene, expected: [("RG213", "`linked`, a symbolic link to `\(outside)/dir`")])
        try validateEverywhere(["fake.yaml"], in: scene, expected: [("RG213", "does not hold a JPEG image")])
        for target in ["lib.yaml", "env.yaml", "image.yaml", "fake.yaml"] {
            let compiled = try run(["compile", target, "--embed-images"], in: scene)
            #expect(compiled.status == 1, "\(compiled.all)")
            expectNoLeak(compiled.all, "compile \(target)")
            for format in ["text", "html", "json"] {
                let exported = try run(["export", target, "--format", format, "-o", "out/h.\(format)"], in: scene)
                #expect(exported.status == 1, "\(format): \(exported.all)")
                expectNoLeak(exported.all + writtenFiles(scene), "export \(format) \(target)")
            }
        }
        // A link to an image that stays inside the repository is embedded.
        let good = try run(["export", "good.yaml", "--format", "html", "-o", "out/good.html"], in: scene)
        #expect(good.status == 0, "\(good.all)")
        let html = try String(contentsOf: scene.repository.appendingPathComponent("out/good.html"), encoding: .utf8)
        #expect(html.contains("data:image/jpeg;base64,\(Data(Self.jpegHeader).base64EncodedString().prefix(12))"))
    }

    /// Each image type by its first bytes: what passes, and what its extension does not match.
    @Test func imagesAreCheckedByContent() throws {
        let pictures: [(path: String, bytes: [UInt8], passes: Bool)] = [
            ("a.jpg", Self.jpegHeader, true), ("b.jpeg", Self.jpegHeader, true),
            ("c.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], true), ("d.gif", Array("GIF87a..".utf8), true),
            ("e.webp", Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), true),
            ("f.svg", [0xEF, 0xBB, 0xBF] + Array("\n <?xml version=\"1.0\"?>\n<svg/>".utf8), true),
            ("g.svg", Array("<!-- drawn by the clinic -->\n\t<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), true),
            ("h.png", Array("GIF89a".utf8), false), ("i.jpg", Array("<svg/>".utf8), false),
            ("j.svg", Array("<html><script>alert(1)</script></html>".utf8), false), ("k.svg", Array("<!-- never closed <svg>".utf8), false),
            ("l.webp", Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8), false), ("m.gif", [], false),
        ]
        var exercises = ""
        for (index, picture) in pictures.enumerated() {
            exercises += "  ex-\(index):\n    name: Exercise \(index)\n    steps: [Move]\n"
            exercises += "    images:\n      - path: images/\(picture.path)\n        alt: Picture \(index)\n"
        }
        let library = "regimen-library: 1\ntitle: Pictures\nexercises:\n" + exercises
        let scene = try Scene(marker: marker, files: ["library.yaml": library])
        defer { scene.remove() }
        try FileManager.default.createDirectory(at: scene.repository.appendingPathComponent("images"), withIntermediateDirectories: true)
        for picture in pictures { try Data(picture.bytes).write(to: scene.repository.appendingPathComponent("images/" + picture.path)) }
        let result = try run(["validate", "library.yaml"], in: scene)
        #expect(result.status == 1, "\(result.all)")
        for picture in pictures {
            let refused = result.out.contains("error[RG213]: image `images/\(picture.path)` does not hold")
            #expect(refused == !picture.passes, "\(picture.path): \(result.out)")
        }
    }

    // MARK: Configuration, vocabulary and baseline

    @Test func configurationVocabularyAndBaselineThatLinkOutAreRefused() throws {
        let outsidePath = try Scene(marker: marker, files: [:])
        defer { outsidePath.remove() }
        for target in ["secret.yaml", "/proc/self/environ", "dir"] {
            let scene = try Scene(marker: marker, files: ["p.yaml": Self.programme()])
            defer { scene.remove() }
            try scene.link(".regimen.yml", to: target)
            let shown = target.hasPrefix("/") ? target : scene.outside.appendingPathComponent(target).path
            try validateEverywhere(["p.yaml"], in: scene, expected: [("RG008", ".regimen.yml"), ("RG008", shown)])
            let compiled = try run(["compile", "p.yaml"], in: scene)
            #expect(compiled.status == 1, "\(compiled.all)")
            expectNoLeak(compiled.all, "compile under .regimen.yml -> \(target)")
        }

        let scene = try Scene(
            marker: marker,
            files: ["p.yaml": Self.programme(), ".regimen.yml": "regimen-config: 1\nvocabulary: [vocabulary/leak.yaml]\n"])
        defer { scene.remove() }
        try scene.link("vocabulary/leak.yaml", to: "secret.yaml")
        try validateEverywhere(
            ["p.yaml"], in: scene, expected: [("RG501", "`vocabulary/leak.yaml`, a symbolic link to `\(scene.outside.path)/secret.yaml`")])
        try scene.write("regimen-config: 1\nvocabulary: [vocabulary/environ.yaml]\n", to: ".regimen.yml")
        try scene.link("vocabulary/environ.yaml", to: "/proc/self/environ")
        try validateEverywhere(["p.yaml"], in: scene, expected: [("RG501", "/proc/self/environ")])
        try scene.write("regimen-config: 1\nvocabulary: [shelf/secret.yaml]\n", to: ".regimen.yml")
        try scene.link("shelf", to: "dir")
        try validateEverywhere(["p.yaml"], in: scene, expected: [("RG501", "`shelf`, a symbolic link to `\(scene.outside.path)/dir`")])
        try scene.write("regimen-config: 1\n", to: ".regimen.yml")

        for (name, target) in [("baseline.json", "secret.json"), ("environ.json", "/proc/self/environ"), ("linked/secret.json", "dir")] {
            if name == "linked/secret.json" {
                try Data("{}".utf8).write(to: scene.outside.appendingPathComponent("dir/secret.json"))
                try scene.link("linked", to: target)
            } else {
                try scene.link(name, to: target)
            }
            try validateEverywhere(
                ["p.yaml"], in: scene, expected: [("RG008", name.hasPrefix("linked") ? "`linked`" : name)], extra: ["--baseline", name])
        }
    }

    // MARK: Plugins

    @Test func rulePacksAndPluginsThatLinkOutAreNotReadNorRun() throws {
        let scene = try Scene(marker: marker, files: ["p.yaml": Self.programme()])
        defer { scene.remove() }
        try scene.link("plugins/rules/leak.yaml", to: "secret.yaml")
        try scene.link("plugins/rules/environ.yaml", to: "/proc/self/environ")
        try scene.link("plugins/regimen-rule-evil", to: "regimen-rule-evil")
        try validateEverywhere(
            ["p.yaml"], in: scene,
            expected: [("RG008", "plugins/rules/leak.yaml"), ("RG008", "/proc/self/environ"), ("RG008", "plugins/regimen-rule-evil")])
        // An exporter in `plugins/` that links out is not run either.
        try scene.link("plugins/regimen-export-evil", to: "regimen-export-evil")
        let exported = try run(["export", "p.yaml", "--format", "evil", "-o", "out/h.evil"], in: scene)
        #expect(exported.status == 1, "\(exported.all)")
        #expect(exported.err.contains("RG008") && exported.err.contains("plugins/regimen-export-evil"), "\(exported.all)")
        expectNoLeak(exported.all + writtenFiles(scene), "export --format evil")
        let list = try run(["plugins", "list"], in: scene)
        #expect(list.out.contains("refused"), "\(list.all)")
        expectNoLeak(list.all, "plugins list")
        let check = try run(["plugins", "check"], in: scene)
        #expect(check.status == 3, "\(check.all)")
        #expect(check.out.contains("RG008"), "\(check.all)")
        expectNoLeak(check.all, "plugins check")

        // The whole `plugins/rules/` a link to a directory outside.
        let linkedDirectory = try Scene(marker: marker, files: ["p.yaml": Self.programme()])
        defer { linkedDirectory.remove() }
        try linkedDirectory.link("plugins/rules", to: "dir")
        try validateEverywhere(["p.yaml"], in: linkedDirectory, expected: [("RG008", "read through `plugins/rules`")])
    }

    // MARK: Templates, plans and imports

    @Test func templatesThatLinkOutAreNotRead() throws {
        let scene = try Scene(marker: marker, files: ["p.yaml": Self.programme()])
        defer { scene.remove() }
        try scene.link("templates/leak.mustache", to: "secret.mustache")
        try scene.link("templates/environ.mustache", to: "/proc/self/environ")
        try scene.link("templates/linked", to: "dir")
        for template in ["templates/leak.mustache", "templates/environ.mustache", "templates/linked/secret.mustache"] {
            let result = try run(["export", "p.yaml", "--format", "html", "--template", template, "-o", "out/h.html"], in: scene)
            #expect(result.status == 1, "\(result.all)")
            #expect(result.err.contains("RG008") && result.err.contains(template), "\(result.all)")
            expectNoLeak(result.all + writtenFiles(scene), "export --template \(template)")
        }
    }

    @Test func planImagesOutsideThePlansRepositoryAreNotEmbedded() throws {
        let scene = try Scene(marker: marker, files: ["p.yaml": Self.programme(image: "images/chin.jpg"), "images/.keep": ""])
        defer { scene.remove() }
        try Data(Self.jpegHeader).write(to: scene.repository.appendingPathComponent("images/chin.jpg"))
        let compiled = try run(["compile", "p.yaml", "-o", "plan.json"], in: scene)
        #expect(compiled.status == 0, "\(compiled.all)")
        let plan = try String(contentsOf: scene.repository.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(plan.contains("\"images/chin.jpg\""))
        let outside = scene.outside.path
        let cases: [(src: String, expected: String)] = [
            ("images/leak.jpg", "`images/leak.jpg` is a symbolic link to `\(outside)/secret.jpg`"),
            ("images/environ.jpg", "/proc/self/environ"),
            ("linked/secret.jpg", "read through `linked`"),
            ("\(outside)/secret.jpg", "is absolute"),
            ("../outside/secret.jpg", "outside"),
            ("images/fake.jpg", "does not hold a JPEG image"),
        ]
        try scene.link("images/leak.jpg", to: "secret.jpg")
        try scene.link("images/environ.jpg", to: "/proc/self/environ")
        try scene.link("linked", to: "dir")
        try scene.write("GIF89a, not a JPEG", to: "images/fake.jpg")
        for (src, expected) in cases {
            try scene.write(plan.replacingOccurrences(of: "\"images/chin.jpg\"", with: "\"\(src)\""), to: "bad-plan.json")
            for format in ["html"] {
                let result = try run(["export", "bad-plan.json", "--format", format, "-o", "out/h.\(format)"], in: scene)
                #expect(result.status == 1, "\(src): \(result.all)")
                #expect(result.err.contains("RG213") && result.err.contains(expected), "\(src): \(result.all)")
                expectNoLeak(result.all + writtenFiles(scene), "export \(format) of a plan naming \(src)")
            }
        }
        // The plan itself a link out.
        try scene.link("linked-plan.json", to: "secret.json")
        for format in ["text", "html", "json"] {
            let result = try run(["export", "linked-plan.json", "--format", format], in: scene)
            #expect(result.status == 1, "\(result.all)")
            #expect(result.err.contains("RG008"), "\(result.all)")
            expectNoLeak(result.all, "export \(format) of a linked plan")
        }
        // The plan as compiled embeds its image.
        let good = try run(["export", "plan.json", "--format", "html", "-o", "out/good.html"], in: scene)
        #expect(good.status == 0, "\(good.all)")
    }

    @Test func importedPhotosThatLinkOutOfTheDataSetAreNotCopied() throws {
        let json = """
            [{"id": "Neck_Tuck", "name": "Neck tuck", "level": "beginner", "equipment": "body only", "category": "stretching",
              "primaryMuscles": ["neck"], "secondaryMuscles": [], "instructions": ["Draw your chin back."],
              "images": ["Neck_Tuck/0.jpg", "Neck_Tuck/1.jpg", "Neck_Tuck/2.jpg"]},
             {"id": "Chin_Hold", "name": "Chin hold", "level": "beginner", "equipment": "body only", "category": "stretching",
              "primaryMuscles": ["neck"], "secondaryMuscles": [], "instructions": ["Hold your chin back."],
              "images": ["Chin_Hold/secret.jpg"]}]
            """
        let scene = try Scene(marker: marker, files: ["data/exercises.json": json])
        // The data set's folder is the boundary, so `real.jpg` beside it is inside it.
        defer { scene.remove() }
        try Data(Self.jpegHeader).write(to: scene.repository.appendingPathComponent("data/real.jpg"))
        try scene.link("data/images/Neck_Tuck/0.jpg", to: "secret.jpg")
        try scene.link("data/images/Neck_Tuck/1.jpg", to: "/proc/self/environ")
        try scene.link("data/images/Neck_Tuck/2.jpg", to: scene.repository.appendingPathComponent("data/real.jpg").path)
        try scene.link("data/images/Chin_Hold", to: "dir")
        let result = try run(["import", "free-exercise-db", "data", "-o", "lib"], in: scene)
        #expect(result.status == 0, "\(result.all)")
        #expect(result.err.contains("warning: photo not copied") && result.err.contains("Neck_Tuck/0.jpg"), "\(result.all)")
        #expect(result.err.contains("/proc/self/environ"), "\(result.all)")
        #expect(
            result.err.contains("read through `data/images/Chin_Hold`, a symbolic link to `\(scene.outside.path)/dir`"), "\(result.all)")
        #expect(!FileManager.default.fileExists(atPath: scene.repository.appendingPathComponent("lib/images/Chin_Hold/secret.jpg").path))
        let library = writtenFiles(scene)
        #expect(
            library.contains("images/Neck_Tuck/2.jpg") && !library.contains("images/Neck_Tuck/0.jpg"),
            "the library names only copied photos")
        let images = scene.repository.appendingPathComponent("lib/images/Neck_Tuck")
        #expect(!FileManager.default.fileExists(atPath: images.appendingPathComponent("0.jpg").path))
        #expect(!FileManager.default.fileExists(atPath: images.appendingPathComponent("1.jpg").path))
        #expect(FileManager.default.fileExists(atPath: images.appendingPathComponent("2.jpg").path), "a link inside the data set is copied")
        expectNoLeak(result.all + writtenFiles(scene), "import")
    }
}
