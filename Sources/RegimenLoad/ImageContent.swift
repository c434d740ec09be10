/// What an image file's first bytes say it is: an image is checked by its content, not only by
/// its extension, so that a text file (or anything else) named `.jpg` is not embedded in a handout.
public enum ImageContent {
    /// How many bytes are enough to tell (the SVG check skips a BOM, an XML declaration,
    /// comments and white space first).
    public static let prefixLength = 4096

    /// The image types by extension (lower case, without the dot).
    public static let extensions = ["jpg", "jpeg", "png", "gif", "webp", "svg"]

    /// Whether `bytes` (the start of a file) are what a file with `fileExtension` should hold;
    /// false for an extension that is not an image's.
    public static func matches(_ bytes: [UInt8], fileExtension: String) -> Bool {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg": return bytes.starts(with: [0xFF, 0xD8, 0xFF])
        case "png": return bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "gif": return bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8))
        case "webp": return bytes.count >= 12 && bytes.starts(with: Array("RIFF".utf8)) && Array(bytes[8..<12]) == Array("WEBP".utf8)
        case "svg": return isSVG(bytes)
        default: return false
        }
    }

    /// What a file with `fileExtension` should hold, for messages: "a JPEG image", "SVG text".
    public static func describe(_ fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg": "a JPEG image"
        case "png": "a PNG image"
        case "gif": "a GIF image"
        case "webp": "a WebP image"
        case "svg": "SVG text"
        default: "an image"
        }
    }

    /// The extension of `path`, lower case, or "" when it has none.
    public static func fileExtension(of path: String) -> String {
        let name = Paths.name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// SVG text: after an optional byte order mark, white space and comments, `<svg` or `<?xml`.
    static func isSVG(_ bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!--".utf8)) {
                // A comment: skip to its end, which must be within the bytes given.
                guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return false }
                index = end + 3
                continue
            }
            return rest.starts(with: Array("<svg".utf8)) || rest.starts(with: Array("<?xml".utf8))
        }
        return false
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
