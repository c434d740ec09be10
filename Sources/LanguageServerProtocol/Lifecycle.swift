/// The parts of `initialize`'s parameters this server reads.
public struct InitializeParams: Sendable, Hashable, Codable {
    /// What the client can do (only the position encodings are read).
    public struct Capabilities: Sendable, Hashable, Codable {
        /// General capabilities.
        public struct General: Sendable, Hashable, Codable {
            /// The position encodings the client takes, in its order of preference.
            public var positionEncodings: [String]?
        }

        /// General capabilities.
        public var general: General?
    }

    /// A workspace folder.
    public struct WorkspaceFolder: Sendable, Hashable, Codable {
        /// Its URI.
        public var uri: String
        /// Its name.
        public var name: String?
    }

    /// The client's process id.
    public var processId: Int?
    /// The workspace root (deprecated in favour of `workspaceFolders`).
    public var rootUri: String?
    /// The workspace root as a path (deprecated).
    public var rootPath: String?
    /// The workspace folders.
    public var workspaceFolders: [WorkspaceFolder]?
    /// What the client can do.
    public var capabilities: Capabilities?
}

/// How positions count characters in a line.
public enum PositionEncoding: String, Sendable, Hashable, Codable {
    /// UTF-8 code units (bytes).
    case utf8 = "utf-8"
    /// UTF-16 code units: the protocol's default, which every client supports.
    case utf16 = "utf-16"
    /// Unicode scalars.
    case utf32 = "utf-32"

    /// The encoding to use of those a client offers: UTF-8 when offered (positions then are
    /// byte offsets), else the default UTF-16.
    public static func negotiate(_ offered: [String]?) -> PositionEncoding {
        offered?.contains(PositionEncoding.utf8.rawValue) == true ? .utf8 : .utf16
    }
}
