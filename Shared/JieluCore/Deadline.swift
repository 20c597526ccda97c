#if canImport(Glibc)
import Glibc
#endif

/// A point on the monotonic clock by which a call must finish.
///
/// Deadlines travel with every RPC as the remaining time; a service that calls
/// another passes its own deadline on, so the budget shrinks along the chain.
public struct Deadline: Sendable, Comparable, CustomStringConvertible {
    /// Monotonic nanoseconds (CLOCK_MONOTONIC); `UInt64.max` means none.
    public let uptimeNanoseconds: UInt64

    public init(uptimeNanoseconds: UInt64) {
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    /// No deadline at all.
    public static let distantFuture = Deadline(uptimeNanoseconds: .max)

    public static func now() -> Deadline {
        Deadline(uptimeNanoseconds: monotonicNanoseconds())
    }

    /// The deadline `microseconds` from now; 0 means none, as on the wire.
    public static func after(microseconds: UInt64) -> Deadline {
        if microseconds == 0 {
            return .distantFuture
        }
        let (sum, overflow) = monotonicNanoseconds().addingReportingOverflow(microseconds.multipliedReportingOverflow(by: 1000).partialValue)
        return Deadline(uptimeNanoseconds: overflow ? .max : sum)
    }

    public static func after(milliseconds: Int) -> Deadline {
        after(microseconds: UInt64(max(milliseconds, 1)) * 1000)
    }

    public static func after(seconds: Double) -> Deadline {
        after(microseconds: UInt64(max(seconds, 0.000_001) * 1_000_000))
    }

    public var isDistantFuture: Bool { uptimeNanoseconds == .max }

    public var hasPassed: Bool { !isDistantFuture && Deadline.now() >= self }

    /// Remaining time in microseconds, at least 1 while the deadline has not
    /// passed; 0 both for "passed" and for "none" (check `isDistantFuture`).
    public var remainingMicroseconds: UInt64 {
        if isDistantFuture {
            return 0
        }
        let now = Deadline.monotonicNanoseconds()
        if now >= uptimeNanoseconds {
            return 0
        }
        return max((uptimeNanoseconds - now) / 1000, 1)
    }

    /// The earlier of the two deadlines.
    public func capped(at other: Deadline) -> Deadline {
        min(self, other)
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        lhs.uptimeNanoseconds < rhs.uptimeNanoseconds
    }

    public var description: String {
        isDistantFuture ? "none" : "\(remainingMicroseconds)us"
    }

    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
