/// Deterministic choices for `jielu demo`: the same report index and salt
/// always give the same fraction, so repeated runs make the same choices.
enum DemoDice {
    /// Salts of the independent choices made for each report.
    enum Choice: UInt64 {
        case resolve = 0x7265_736F_6C76_6500
        case confirm = 0x636F_6E66_6972_6D00
        case satisfied = 0x7361_7469_7366_6900
    }

    /// Returns a fraction in [0, 1): the splitmix64 finalizer of `index` mixed with the choice's salt.
    static func fraction(index: Int, _ choice: Choice) -> Double {
        var value = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 ^ choice.rawValue
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Double(value >> 11) / Double(UInt64(1) << 53)
    }
}
