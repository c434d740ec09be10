import RegimenDiagnostics

/// A YAML node with the span it was written at: the tree the loader reads, built from
/// libyaml's events so that every key and value keeps its start and end.
public struct YAMLNode: Sendable {
    /// How a scalar was written: plain scalars are the ones YAML gives special readings to.
    public enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// What the node holds.
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// The explicit tags a node may keep: those that only restate what YAML infers (any other
    /// is reported, and dropped).
    public enum Tag: UInt8, Sendable, CaseIterable {
        /// `!`, the non-specific tag.
        case nonSpecific
        /// `!!str`, `!!int` and so on.
        case str, int, float, bool, null, seq, map

        /// The tag as libyaml resolves it (`tag:yaml.org,2002:str` for `!!str`).
        public var name: String { self == .nonSpecific ? "!" : "tag:yaml.org,2002:\(self)" }

        /// The tag libyaml resolved as `name`, if it is one of these.
        public init?(name: String) {
            guard let tag = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = tag
        }
    }

    /// What the node holds.
    public var content: Content
    /// The node's explicit tag, if it has one (a byte, not a string: most nodes have none, and
    /// the tree holds thousands of nodes).
    public var explicitTag: Tag?
    /// Where the node was written.
    public var range: SourceRange
    /// A plain scalar followed on its line by `#word` (no space after the `#`): text such as
    /// `Back class #2` that YAML cut short at its comment, which a reader of prose may not see.
    public var cutByComment = false

    /// A node holding `content`, with the explicit tag `explicitTag`, written at `range`.
    public init(content: Content, explicitTag: Tag? = nil, range: SourceRange) {
        self.content = content
        self.explicitTag = explicitTag
        self.range = range
    }

    /// An explicit tag, as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`).
    public var tag: String? { explicitTag?.name }

    /// The scalar's text, if the node is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether the node is a plain scalar that YAML reads as null (`~`, `null`, or nothing).
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content, explicitTag == nil else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The plain scalars YAML 1.1 reads as booleans. Regimen reads them as text where text is
    /// expected (and warns, RG006); writers quote them so that every YAML tool reads text.
    public static let yaml11Booleans: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    /// A word for the node's kind, for messages ("a list", "a mapping", "text").
    public var kindDescription: String {
        switch content {
        case .scalar: isNull ? "nothing" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    /// The key node.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode
}
