import Foundation
import RegimenCompile
import RegimenFormat
import RegimenLoad

/// The pictures of an HTML handout, embedded as data: URIs: read only inside the repository,
/// only when their bytes are the picture their extension names.
enum HandoutImages {
    static let mediaTypes = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"]

    /// The image with its `src` as a data: URI; nil for a data: URI that is not a base64 image.
    static func image(_ info: Plan.ImageInfo, options: ExportOptions) throws(ExportError) -> Plan.ImageInfo? {
        let src: String
        if info.src.lowercased().hasPrefix("data:") {
            guard isImageDataURI(info.src) else { return nil }
            try checkContent(ofDataURI: info.src)
            src = info.src
        } else {
            if let colon = info.src.firstIndex(of: ":"), !info.src[..<colon].contains("/") {
                throw ExportError(
                    "image `\(info.src)` is a URL; a handout embeds its images and loads nothing",
                    help: "use a file path relative to the plan, or compile with --embed-images")
            }
            let fileExtension = info.src.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard info.src.contains("."), let mediaType = mediaTypes[fileExtension] else {
                throw ExportError("image `\(info.src)` is not a JPEG, PNG, GIF or WebP file (by its extension)")
            }
            guard !info.src.hasPrefix("/"), !info.src.hasPrefix("~") else {
                throw ExportError(
                    "image `\(info.src)` is absolute, and was not read",
                    help: "a plan names its images relative to the plan's directory, inside its repository", code: LoadCode.imageFile)
            }
            let path = join(options.planDirectory, info.src)
            let data: Data
            if let boundary = options.boundary {
                do {
                    data = Data(try boundary.read(path, limit: maxImageBytes))
                } catch .outside(let refusal) {
                    let shown = { (absolute: String) in Paths.relativePath(from: options.planDirectory, to: absolute) }
                    throw ExportError(
                        "image `\(info.src)`: " + refusal.message(shown: shown), help: refusal.help(shown: shown), code: LoadCode.imageFile)
                } catch {
                    throw ExportError(
                        "image `\(info.src)` cannot be read (looked for \(path))",
                        help: "image paths in a plan are relative to the plan's directory; or compile with --embed-images")
                }
            } else {
                guard let read = options.readFile(path) else {
                    throw ExportError(
                        "image `\(info.src)` cannot be read (looked for \(path))",
                        help: "image paths in a plan are relative to the plan's directory; or compile with --embed-images")
                }
                data = read
            }
            guard data.count <= maxImageBytes else {
                throw ExportError("image `\(info.src)` is larger than 16 MiB", help: "make the picture smaller", code: LoadCode.imageFile)
            }
            guard ImageContent.matches([UInt8](data.prefix(ImageContent.prefixLength)), fileExtension: fileExtension) else {
                throw ExportError(
                    "image `\(info.src)` does not hold \(ImageContent.describe(fileExtension)), though its extension says so; it is not embedded",
                    help: "save the picture as the type its extension names, or rename it to match", code: LoadCode.imageFile)
            }
            src = "data:\(mediaType);base64,\(data.base64EncodedString())"
        }
        return Plan.ImageInfo(src: src, alt: info.alt, credit: info.credit)
    }

    /// The most bytes of one image a handout embeds (as `--embed-images` does).
    static let maxImageBytes = 16 * 1024 * 1024

    /// Refuses an image data: URI (already `isImageDataURI`) whose bytes are not the type it names.
    static func checkContent(ofDataURI uri: String) throws(ExportError) {
        guard let comma = uri.firstIndex(of: ",") else { return }
        let type = uri[uri.index(uri.startIndex, offsetBy: 5)..<comma].lowercased().split(separator: ";").first ?? ""
        let fileExtension = String(type.dropFirst("image/".count))
        // The first 4 KiB of bytes are in the first 5,464 base64 characters (a multiple of 4).
        let payload = uri[uri.index(after: comma)...].prefix(5464)
        guard let bytes = Data(base64Encoded: String(payload)), ImageContent.matches([UInt8](bytes), fileExtension: fileExtension) else {
            throw ExportError(
                "an image embedded in the plan as `\(type)` does not hold \(ImageContent.describe(fileExtension)); it is not embedded",
                help: "compile the plan again from pictures of the type their extension names", code: LoadCode.imageFile)
        }
    }

    /// `data:image/TYPE[;param…];base64,PAYLOAD` with a known image type and a base64 payload.
    static func isImageDataURI(_ uri: String) -> Bool {
        guard let comma = uri.firstIndex(of: ",") else { return false }
        let header = uri[uri.index(uri.startIndex, offsetBy: 5)..<comma].lowercased().split(separator: ";")
        guard let type = header.first, ["image/png", "image/jpeg", "image/gif", "image/webp"].contains(type), header.last == "base64"
        else { return false }
        let payload = uri[uri.index(after: comma)...]
        return payload.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+/=".unicodeScalars.contains($0))
        }
    }

    /// `relative` joined to the directory `base`, with `.` and `..` folded.
    static func join(_ base: String, _ relative: String) -> String {
        let whole = relative.hasPrefix("/") ? relative : base + "/" + relative
        var parts: [Substring] = []
        for part in whole.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return (whole.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

}
