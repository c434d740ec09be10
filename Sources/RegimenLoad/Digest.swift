import Crypto

/// Digests of input files, for a plan's record of what it was made from.
enum Digest {
    /// The SHA-256 of `bytes`, in lower-case hex.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
