import JieluCore

/// A Swift value type for one protobuf message of the Jielu contract.
///
/// Conforming types live in JieluContract and convert through the protobuf-c
/// structs that protoc-c generated from Shared/Proto, so the bytes on the wire
/// are standard protobuf that any other implementation can read.
public protocol ProtoMessage: Sendable {
    /// Decodes protobuf wire bytes.
    ///
    /// Throws `ServiceError` with code `.invalidArgument` and reason
    /// "malformed_message" when the bytes are not a valid encoding of this
    /// message or a string field is not valid UTF-8.
    init(serializedBytes: [UInt8]) throws

    /// Encodes the message as protobuf wire bytes.
    func serializedBytes() -> [UInt8]
}
