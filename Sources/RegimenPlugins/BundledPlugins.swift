import Foundation
import RegimenLoad

/// The plugins installed with Regimen (`make install PREFIX=DIR` puts the markdown and ics
/// exporters in `DIR/share/regimen/plugins`, beside `DIR/bin/regimen`), so that an installed
/// `regimen` finds them from any repository. They come after the repository's plugins,
/// `--plugin-path`, `plugin-paths` and `REGIMEN_PLUGIN_PATH`, so any of those may replace one.
public enum BundledPlugins {
    /// Where the plugins are, relative to the directory that holds the executable.
    public static let relativeDirectory = "../share/regimen/plugins"

    /// The executables `make install` puts there.
    public static let names = ["markdown", "ics"]

    /// The bundled plugin directory of the executable at `executable` (absolute, links already
    /// resolved).
    public static func directory(forExecutable executable: String) -> String {
        Paths.join(Paths.directory(of: executable), relativeDirectory)
    }

    /// The bundled plugin directory of the running executable, or nil when its path cannot be
    /// found. A link to the executable (`/usr/local/bin/regimen` → `/opt/regimen/bin/regimen`)
    /// is followed: the plugins are installed beside the real file.
    public static func directory() -> String? {
        runningExecutable().map(directory(forExecutable:))
    }

    /// The real path of the running executable.
    public static func runningExecutable() -> String? {
        #if os(Linux)
            // The kernel's own answer, with every link resolved.
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
                return path
            }
        #endif
        guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first, !path.isEmpty else { return nil }
        let absolute = Paths.join(FileManager.default.currentDirectoryPath, path)
        guard let resolved = realpath(absolute, nil) else { return absolute }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
