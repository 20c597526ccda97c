#if canImport(Glibc)
import Glibc
#endif
import CJieluProto
import CProtobufC
import JieluCore

/// The message inside every frame: a call id, the method, the remaining
/// deadline, a status on replies, and the request or response payload.
/// Mirrors `jielu.rpc.v1.Envelope` in Shared/Proto/jielu/rpc.proto.
public struct Envelope: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case request, response, unspecified
    }

    public var callID: UInt64
    public var kind: Kind
    public var method: String
    /// Remaining deadline in microseconds when the frame was written, or 0 for no deadline.
    public var timeoutMicroseconds: UInt64
    /// Set on every response.
    public var status: RPCStatus?
    public var payload: [UInt8]
    public var requestID: String

    public init(
        callID: UInt64, kind: Kind, method: String = "", timeoutMicroseconds: UInt64 = 0,
        status: RPCStatus? = nil, payload: [UInt8] = [], requestID: String = ""
    ) {
        self.callID = callID
        self.kind = kind
        self.method = method
        self.timeoutMicroseconds = timeoutMicroseconds
        self.status = status
        self.payload = payload
        self.requestID = requestID
    }

    /// Makes a response that carries `error` and no payload.
    public static func failure(callID: UInt64, _ error: ServiceError, requestID: String = "") -> Envelope {
        Envelope(callID: callID, kind: .response, status: RPCStatus(error), requestID: requestID)
    }

    /// Encodes to protobuf. The C struct points into Swift-owned memory only
    /// for the duration of the pack call, so nothing is allocated by hand.
    public func serializedBytes() -> [UInt8] {
        serializedBytes(leadingSpace: 0)
    }

    /// Encodes to protobuf after `leadingSpace` zero bytes, so a caller can fill
    /// in a header without copying the encoding into a second array.
    func serializedBytes(leadingSpace: Int) -> [UInt8] {
        var message = Jielu__Rpc__V1__Envelope()
        jielu__rpc__v1__envelope__init(&message)
        message.call_id = callID
        switch kind {
        case .request: message.kind = JIELU__RPC__V1__ENVELOPE__KIND__REQUEST
        case .response: message.kind = JIELU__RPC__V1__ENVELOPE__KIND__RESPONSE
        case .unspecified: message.kind = JIELU__RPC__V1__ENVELOPE__KIND__KIND_UNSPECIFIED
        }
        message.timeout_us = timeoutMicroseconds

        return method.withCString { methodPointer in
            requestID.withCString { requestIDPointer in
                payload.withUnsafeBytes { payloadBuffer in
                    let statusMessage = status?.message ?? ""
                    let statusReason = status?.reason ?? ""
                    let statusField = status?.field ?? ""
                    return statusMessage.withCString { messagePointer in
                        statusReason.withCString { reasonPointer in
                            statusField.withCString { fieldPointer in
                                var cStatus = Jielu__Rpc__V1__Status()
                                jielu__rpc__v1__status__init(&cStatus)
                                cStatus.code = status?.code.rawValue ?? 0
                                cStatus.message = UnsafeMutablePointer(mutating: messagePointer)
                                cStatus.reason = UnsafeMutablePointer(mutating: reasonPointer)
                                cStatus.field = UnsafeMutablePointer(mutating: fieldPointer)
                                return withUnsafeMutablePointer(to: &cStatus) { statusPointer in
                                    message.method = UnsafeMutablePointer(mutating: methodPointer)
                                    message.request_id = UnsafeMutablePointer(mutating: requestIDPointer)
                                    message.status = status == nil ? nil : statusPointer
                                    message.payload = ProtobufCBinaryData(
                                        len: payloadBuffer.count,
                                        data: UnsafeMutablePointer(mutating: payloadBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self)))
                                    return Envelope.pack(&message, leadingSpace: leadingSpace)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func pack(_ message: inout Jielu__Rpc__V1__Envelope, leadingSpace: Int) -> [UInt8] {
        let size = jielu__rpc__v1__envelope__get_packed_size(&message)
        var bytes = [UInt8](repeating: 0, count: leadingSpace + size)
        _ = bytes.withUnsafeMutableBufferPointer { buffer in
            jielu__rpc__v1__envelope__pack(&message, buffer.baseAddress! + leadingSpace)
        }
        return bytes
    }

    /// Decodes protobuf bytes. Throws `ServiceError` (INVALID_ARGUMENT,
    /// reason "malformed_frame") when protobuf-c rejects the bytes or a
    /// string is not valid UTF-8.
    public init(serializedBytes bytes: [UInt8]) throws {
        guard let message = bytes.withUnsafeBufferPointer({ jielu__rpc__v1__envelope__unpack(nil, $0.count, $0.baseAddress) }) else {
            throw Envelope.malformed("无法解析的 RPC 信封")
        }
        defer { jielu__rpc__v1__envelope__free_unpacked(message, nil) }

        let envelope = message.pointee
        callID = envelope.call_id
        switch envelope.kind {
        case JIELU__RPC__V1__ENVELOPE__KIND__REQUEST: kind = .request
        case JIELU__RPC__V1__ENVELOPE__KIND__RESPONSE: kind = .response
        default: kind = .unspecified
        }
        method = try Envelope.string(envelope.method, field: "method")
        timeoutMicroseconds = envelope.timeout_us
        requestID = try Envelope.string(envelope.request_id, field: "request_id")
        if envelope.payload.len > 0, let data = envelope.payload.data {
            payload = Array(UnsafeBufferPointer(start: data, count: envelope.payload.len))
        } else {
            payload = []
        }
        if let cStatus = envelope.status?.pointee {
            let code = StatusCode(rawValue: cStatus.code) ?? .unknown
            let field = try Envelope.string(cStatus.field, field: "status.field")
            status = RPCStatus(
                code: code, message: try Envelope.string(cStatus.message, field: "status.message"),
                reason: try Envelope.string(cStatus.reason, field: "status.reason"), field: field.isEmpty ? nil : field)
        } else {
            status = nil
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?, field: String) throws -> String {
        guard let pointer else {
            return ""
        }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw malformed("RPC 信封字段 \(field) 不是有效的 UTF-8")
        }
        return text
    }

    static func malformed(_ message: String) -> ServiceError {
        ServiceError(.invalidArgument, reason: "malformed_frame", message: message)
    }
}

/// The status of a finished call as carried in a response envelope.
public struct RPCStatus: Sendable, Equatable {
    public var code: StatusCode
    public var message: String
    public var reason: String
    public var field: String?

    public init(code: StatusCode, message: String = "", reason: String = "", field: String? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
        self.field = field
    }

    public init(_ error: ServiceError) {
        self.init(code: error.code, message: error.message, reason: error.reason, field: error.field)
    }

    public static let ok = RPCStatus(code: .ok)

    /// The error this status stands for; nil for OK.
    public var error: ServiceError? {
        code == .ok ? nil : ServiceError(code, reason: reason.isEmpty ? "unknown" : reason, message: message, field: field)
    }
}
