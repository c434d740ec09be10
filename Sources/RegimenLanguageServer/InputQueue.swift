import Foundation
import LanguageServerProtocol

/// What the reader thread hands the server: a message, a frame that could not be taken, or the
/// end of the input.
enum InputEvent: Sendable {
    case message(Message)
    case invalid(InvalidMessage)
    case end
}

/// Messages read from the client, waiting for the server. The reader thread puts them in as
/// they arrive; the server takes all that are waiting at once, so that a burst of changes to a
/// document is checked once, at its latest version.
///
/// Bounded: while the waiting messages hold more than `maxBytes`, the reader waits (the client
/// then waits on its pipe), so a flood of messages cannot grow memory without end.
final class InputQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var events: [(event: InputEvent, bytes: Int)] = []
    private var bytes = 0
    private let maxBytes: Int

    /// A queue holding at most about `maxBytes` of message bodies.
    init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// Adds `event` (of `size` bytes), waiting while the queue is full.
    func put(_ event: InputEvent, size: Int) {
        condition.lock()
        while bytes > 0 && bytes + size > maxBytes { condition.wait() }
        events.append((event, size))
        bytes += size
        condition.broadcast()
        condition.unlock()
    }

    /// Every waiting event, waiting for one when there is none.
    func takeAll() -> [InputEvent] {
        condition.lock()
        while events.isEmpty { condition.wait() }
        let taken = events.map(\.event)
        events.removeAll(keepingCapacity: true)
        bytes = 0
        condition.broadcast()
        condition.unlock()
        return taken
    }

    /// Reads framed messages from `source` into the queue until the input ends.
    func fill<Source: ByteSource>(from source: Source, maxHeaderBytes: Int, maxBodyBytes: Int) {
        var reader = MessageReader(source, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        while true {
            switch reader.next() {
            case .message(let body):
                switch Message.parse(body) {
                case .success(let message): put(.message(message), size: body.count)
                case .failure(let invalid): put(.invalid(invalid), size: 64)
                }
            case .invalid(let error):
                put(.invalid(InvalidMessage(id: nil, error: error.responseError)), size: 64)
                if error == .truncatedBody {
                    put(.end, size: 0)
                    return
                }
            case .end:
                put(.end, size: 0)
                return
            }
        }
    }
}
