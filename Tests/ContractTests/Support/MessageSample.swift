import JieluRPC
import Testing

/// A message used as a test argument, shown in test output by its type name
/// instead of its (possibly very long) field dump.
struct MessageSample: Sendable, CustomTestStringConvertible {
    let message: any ProtoMessage & Equatable

    init(_ message: any ProtoMessage & Equatable) {
        self.message = message
    }

    var testDescription: String {
        String(describing: type(of: message))
    }

    /// The Swift type name with its namespace, e.g. "Registry.Street".
    var qualifiedTypeName: String {
        String(reflecting: type(of: message)).split(separator: ".").dropFirst().joined(separator: ".")
    }
}
