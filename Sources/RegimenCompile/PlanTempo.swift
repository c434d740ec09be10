import RegimenFormat

extension Plan {
    /// One part of a dose's tempo (`DoseInfo.tempoParts`), in the order the programme wrote the
    /// parts: how long it takes in whole `seconds`, or `fast` (`X`, as fast as is safe).
    public struct TempoPart: Codable, Sendable, Equatable {
        /// `lower`, `pause` or `lift`.
        public var part: Tempo.Part.Kind
        /// How long it takes; absent when `fast`.
        public var seconds: Int?
        /// True for as fast as is safe; absent otherwise.
        public var fast: Bool?

        /// A part of `part` taking `seconds`, or as fast as is safe when `seconds` is nil.
        public init(part: Tempo.Part.Kind, seconds: Int?) {
            self.part = part
            self.seconds = seconds
            self.fast = seconds == nil ? true : nil
        }

        /// The parts of `tempo`, in its order.
        public static func parts(of tempo: Tempo) -> [TempoPart] {
            tempo.parts.map { TempoPart(part: $0.kind, seconds: $0.seconds) }
        }
    }
}
