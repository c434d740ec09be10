// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Regimen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "regimen", targets: ["regimen"]),
        .library(name: "RegimenDiagnostics", targets: ["RegimenDiagnostics"]),
        .library(name: "RegimenFormat", targets: ["RegimenFormat"]),
        .library(name: "RegimenLoad", targets: ["RegimenLoad"]),
        .library(name: "RegimenVocabulary", targets: ["RegimenVocabulary"]),
        .library(name: "RegimenTranslate", targets: ["RegimenTranslate"]),
        .library(name: "RegimenValidate", targets: ["RegimenValidate"]),
        .library(name: "RegimenCompile", targets: ["RegimenCompile"]),
        .library(name: "RegimenExport", targets: ["RegimenExport"]),
        .library(name: "RegimenImport", targets: ["RegimenImport"]),
        .library(name: "RegimenPlugins", targets: ["RegimenPlugins"]),
        .library(name: "RegimenConfig", targets: ["RegimenConfig"]),
        .library(name: "RegimenReport", targets: ["RegimenReport"]),
        .library(name: "RegimenWorkspace", targets: ["RegimenWorkspace"]),
        .library(name: "RegimenLibrary", targets: ["RegimenLibrary"]),
        .library(name: "RegimenStarter", targets: ["RegimenStarter"]),
        .library(name: "RegimenPreview", targets: ["RegimenPreview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // Source files, positions, diagnostics and how they are shown.
        .target(name: "RegimenDiagnostics"),
        // The programme format: the typed model and the key definitions.
        .target(name: "RegimenFormat", dependencies: ["RegimenDiagnostics"]),
        // YAML (libyaml events, through Yams) to the typed model, with positions.
        .target(
            name: "RegimenLoad",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The built-in conditions and movement tags (vocabulary/*.yaml, compiled in), and
        // vocabulary files read into one vocabulary.
        .target(name: "RegimenVocabulary", dependencies: ["RegimenDiagnostics", "RegimenFormat", "RegimenLoad"]),
        // Programme and library texts translated in gettext PO files beside them: reading and
        // writing PO files, the texts' stable paths, `translate extract`, the checks, and the
        // translations put in place before compiling (docs/languages.md).
        .target(name: "RegimenTranslate", dependencies: ["RegimenDiagnostics", "RegimenFormat", "RegimenLoad"]),
        // The rule engine and the built-in rules.
        .target(
            name: "RegimenValidate",
            dependencies: ["RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenVocabulary", "RegimenTranslate"]
        ),
        // Programme (and patient) to a portable, versioned plan.
        .target(
            name: "RegimenCompile",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenVocabulary", "RegimenTranslate",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Plan to documents: the exporter protocol, its registry, and the built-in exporters.
        .target(
            name: "RegimenExport",
            dependencies: [
                "RegimenCompile", "RegimenDiagnostics", "RegimenFormat", "RegimenLoad",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Compiled in (EmbeddedTemplates.swift and Words/EmbeddedCatalogues.swift, `make embedded`),
            // so that a copied binary is whole.
            exclude: ["Templates", "Words/Catalogues", "Words/Vocabulary"]
        ),
        // Other data sets to library files (free-exercise-db).
        .target(
            name: "RegimenImport",
            dependencies: ["RegimenFormat", "RegimenLoad", .product(name: "Yams", package: "Yams")]
        ),
        // Plugins in any language: external exporters and rules, declarative rule packs.
        .target(
            name: "RegimenPlugins",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenVocabulary", "RegimenCompile",
                "RegimenExport",
            ]
        ),
        // A repository's .regimen.yml, suppressions and baselines.
        .target(
            name: "RegimenConfig",
            dependencies: ["RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenVocabulary"]
        ),
        // One workspace for every command: the repository root, configurations, limits, plugin
        // search path and registries, worked out once.
        .target(
            name: "RegimenWorkspace",
            dependencies: ["RegimenConfig", "RegimenPlugins", "RegimenExport", "RegimenCompile", "RegimenValidate", "RegimenLoad"]
        ),
        // Validation reports for CI systems and editors: SARIF, JUnit, GitHub Actions.
        .target(
            name: "RegimenReport",
            dependencies: ["RegimenDiagnostics", "RegimenValidate", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The exercise library browsed: reading, filtering, ranking, cards (`regimen library`).
        .target(
            name: "RegimenLibrary",
            dependencies: ["RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenCompile", "RegimenExport"]
        ),
        // The files `regimen init` writes (Starter/, and the bundled library, compiled in).
        .target(name: "RegimenStarter", exclude: ["Files"]),
        // `regimen preview`: a local web page of a programme's findings and handout that follows
        // every save (docs/preview.md).
        .target(
            name: "RegimenPreview",
            dependencies: [
                "RegimenDiagnostics", "RegimenLoad", "RegimenValidate", "RegimenConfig", "RegimenCompile", "RegimenExport",
                "RegimenPlugins", "RegimenWorkspace", .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // JSON-RPC framing and the Language Server Protocol types used (no Regimen dependency).
        .target(name: "LanguageServerProtocol"),
        // `regimen lsp`: diagnostics, completion, hover, definition and quick fixes for editors.
        .target(
            name: "RegimenLanguageServer",
            dependencies: [
                "LanguageServerProtocol", "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenVocabulary",
                "RegimenCompile", "RegimenExport", "RegimenConfig", "RegimenWorkspace", "RegimenLibrary", "RegimenReport", "RegimenPlugins",
            ]
        ),
        // The command line, as a library so that tests can drive it without a process.
        .target(
            name: "RegimenCLI",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenCompile", "RegimenExport",
                "RegimenImport", "RegimenPlugins", "RegimenConfig", "RegimenReport", "RegimenVocabulary", "RegimenWorkspace",
                "RegimenLibrary", "RegimenStarter", "RegimenPreview", "RegimenLanguageServer", "RegimenTranslate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "regimen", dependencies: ["RegimenCLI"]),
        // The fuzz harness: one input through load, validate, compile and every exporter
        // (docs/fuzzing.md). Shared by the libFuzzer target and the regression tests.
        .target(
            name: "RegimenFuzzSupport",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenCompile", "RegimenExport", "RegimenConfig",
                "RegimenPlugins",
            ]
        ),
        // The libFuzzer target when built by `make fuzz` (-D FUZZING); otherwise a tool that
        // replays inputs and writes the dictionary and the seed corpus.
        .executableTarget(name: "RegimenFuzz", dependencies: ["RegimenFuzzSupport"]),
        .testTarget(
            name: "RegimenTests",
            dependencies: [
                "RegimenDiagnostics", "RegimenFormat", "RegimenLoad", "RegimenValidate", "RegimenCompile", "RegimenExport", "RegimenCLI",
                "RegimenImport", "RegimenPlugins", "RegimenConfig", "RegimenReport", "regimen", "RegimenFuzzSupport", "RegimenVocabulary",
                "RegimenWorkspace", "RegimenLibrary", "RegimenStarter", "RegimenPreview", "LanguageServerProtocol", "RegimenLanguageServer",
                "RegimenTranslate",
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
