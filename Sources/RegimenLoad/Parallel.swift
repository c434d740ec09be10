import Dispatch
import Foundation

/// Work spread over every core, with results in index order: what a run says never depends on
/// the threads.
public enum Parallel {
    /// The cores the process may use.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `body(0) … body(count - 1)`, on every core when there are at least two items and two
    /// cores, else one after another; the results in index order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count >= 2, coreCount > 1 else { return (0..<max(0, count)).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, body(index)) }
        return slots.all()
    }
}

extension Parallel {
    /// Lets go of `items` on every core. Destroying thousands of decoded programmes (each
    /// hundreds of small allocations) on one thread is otherwise a serial tail of the run.
    /// The items are split into parts (copying the array, not its elements' storage), and each
    /// part is dropped by whichever thread takes it.
    public static func discard<T>(_ items: consuming [T]) {
        let count = items.count
        guard count >= 64, coreCount > 1 else { return }
        let partCount = 16
        let parts = (0..<partCount).map { part in
            Discarded(Array(items[part * count / partCount..<(part + 1) * count / partCount]))
        }
        _ = consume items
        DispatchQueue.concurrentPerform(iterations: partCount) { parts[$0].drop() }
    }
}

extension Parallel {
    /// Lets go of `item` on another thread, while the caller goes on: for what a run held until
    /// its end, so that freeing it does not hold up the result. (A process that exits first
    /// simply does not free it.)
    public static func discardLater<T: Sendable>(_ item: consuming T) {
        guard coreCount > 1 else { return }
        let box = Discarded([item])
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }
}

/// A part of what `Parallel.discard` lets go of: dropped by exactly one thread.
private final class Discarded<T>: @unchecked Sendable {
    private var items: [T]

    init(_ items: [T]) { self.items = items }

    func drop() { items = [] }
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
