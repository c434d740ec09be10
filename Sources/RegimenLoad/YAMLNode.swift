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

    /// What the node holds.
    public var content: Content
    /// An explicit tag, as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`).
    public var tag: String?
    /// Where the node was written.
    public var range: SourceRange

    /// The scalar's text, if the node is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether the node is a plain scalar that YAML reads as null (`~`, `null`, or nothing).
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content, tag == nil else { return false }
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
