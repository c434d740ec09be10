import Dispatch
import Foundation

/// Work spread over every core, with results in index order: what a run says never depends on
/// the threads.
public enum Parallel {
    /// `body(0) … body(count - 1)`, on every core when there are at least two items and two
    /// cores, else one after another; the results in index order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count >= 2, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<max(0, count)).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        return slots.all()
    }
}

/// One slot per item: each thread writes its own slots, under a lock, and the caller reads them
/// all once every thread is done.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    /// Every slot's value; called after every slot is set.
    func all() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
