// The fuzz target (docs/fuzzing.md).
//
// `make fuzz` builds this file with `-D FUZZING -sanitize=fuzzer,address`: it then defines
// `LLVMFuzzerTestOneInput` and starts libFuzzer. In the normal build it is a small tool over the
// same harness:
//
//     RegimenFuzz FILE|DIRECTORY…     replays inputs (as `swift test` does with the corpus)
//     RegimenFuzz --dictionary        prints the dictionary (Tests/Fuzz/regimen.dict)
//     RegimenFuzz --seeds DIRECTORY   writes the seed corpus made from the repository
//
// The file is not main.swift, so that the fuzz build has no top-level code (the tool's entry
// point is `@main`, compiled out there).
import Foundation
import RegimenFuzzSupport

/// The surface fuzzed or replayed: `REGIMEN_FUZZ_TARGET` (docs/fuzzing.md), the pipeline by default.
let fuzzSurface: FuzzSurface = {
    let name = ProcessInfo.processInfo.environment["REGIMEN_FUZZ_TARGET"] ?? FuzzSurface.pipeline.rawValue
    guard let surface = FuzzSurface(rawValue: name) else {
        FileHandle.standardError.write(
            Data("RegimenFuzz: no fuzz target `\(name)`; the targets are \(FuzzSurface.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return surface
}()

#if FUZZING

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            _ = try fuzzSurface.run(bytes)
        } catch {
            // A broken invariant is a crash, so that libFuzzer keeps the input.
            fatalError("fuzz invariant: \(error.description)")
        }
        return 0
    }

    /// libFuzzer's entry point for programs that have their own `main` (compiler-rt's
    /// FuzzerInterface.h); `main` of libfuzzer itself is no more than this call.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable with `--defsym main=RegimenFuzz_main` (so that tests can link
    /// executables), which makes this `main` rather than libFuzzer's own; it does what that one does.
    @_cdecl("RegimenFuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
    }

#else

    @main
    enum RegimenFuzzTool {
        static func replay(_ paths: [String]) -> Int32 {
            var failures = 0
            var inputs: [String] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    FileHandle.standardError.write(Data("RegimenFuzz: no such file: \(path)\n".utf8))
                    return 2
                }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                    inputs += names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { path + "/" + $0 }
                } else {
                    inputs.append(path)
                }
            }
            for input in inputs {
                guard let data = FileManager.default.contents(atPath: input) else { continue }
                do {
                    guard fuzzSurface == .pipeline else {
                        print("\(input): \(try fuzzSurface.run([UInt8](data)))")
                        continue
                    }
                    let outcome = try FuzzHarness.run([UInt8](data))
                    let exports = outcome.exports.sorted { $0.key < $1.key }.map { id, result in
                        switch result {
                        case .success(let size): "\(id) \(size) bytes"
                        case .failure(let error): "\(id) refused (\(error.message))"
                        }
                    }
                    let summary = outcome.compiled ? "plan; " + exports.joined(separator: ", ") : "no plan"
                    print("\(input): \(outcome.codes.count) findings \(Set(outcome.codes).sorted()); \(summary)")
                } catch {
                    failures += 1
                    print("\(input): VIOLATION \(error.description)")
                }
            }
            return failures == 0 ? 0 : 1
        }

        static func main() throws {
            let arguments = Array(CommandLine.arguments.dropFirst())
            switch arguments.first {
            case "--dictionary":
                print(FuzzDictionary.file, terminator: "")
            case "--seeds" where arguments.count == 2:
                let directory = URL(fileURLWithPath: arguments[1])
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let seeds = FuzzSeeds.seeds(of: fuzzSurface, repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                for seed in seeds { try Data(seed.bytes).write(to: directory.appendingPathComponent(seed.name)) }
                print("wrote \(seeds.count) seeds to \(directory.path)")
            case nil, "-h", "--help":
                print("usage: RegimenFuzz FILE|DIRECTORY… | --dictionary | --seeds DIRECTORY (see docs/fuzzing.md)")
            default:
                exit(replay(arguments))
            }
        }
    }

#endif
