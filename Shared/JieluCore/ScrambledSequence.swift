import Synchronization

/// Distinct 64-bit values that look random: a counter from a random start,
/// passed through the SplitMix64 finalizer, which is a bijection on 64-bit
/// integers. No value repeats within 2⁶⁴ calls.
///
/// For identifiers that must not collide but need not be unpredictable,
/// such as request ids in logs. Tokens and codes people must not guess come
/// from `RandomCode`.
public final class ScrambledSequence: Sendable {
    private let counter: Atomic<UInt64>

    public init(start: UInt64 = UInt64.random(in: .min ... .max)) {
        counter = Atomic(start)
    }

    /// Returns the next value; safe to call from many threads at once.
    public func next() -> UInt64 {
        var value = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
