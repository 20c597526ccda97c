import CJieluProto
import CProtobufC

/// Full method names of the health service (health.proto, shaped like
/// grpc.health.v1), which every Jielu service serves.
public enum HealthMethods {
    public static let check = "/jielu.health.v1.Health/Check"
}

/// The request of `Health/Check`.
public struct HealthCheckRequest: ProtoMessage, Equatable {
    /// Name of the service to check; empty means the whole process.
    public var service: String

    public init(service: String = "") {
        self.service = service
    }
}

/// The response of `Health/Check`.
public struct HealthCheckResponse: ProtoMessage, Equatable {
    /// Whether the process serves calls.
    public enum ServingStatus: Sendable, Equatable {
        /// Not stated. A status number this build does not know also decodes as
        /// `unknown`.
        case unknown
        case serving
        /// Running but not taking calls, e.g. while draining.
        case notServing
    }

    public var status: ServingStatus
    /// Service name such as "jielu-intake", for operators.
    public var service: String
    /// Binary version string.
    public var version: String

    public init(status: ServingStatus = .unknown, service: String = "", version: String = "") {
        self.status = status
        self.service = service
        self.version = version
    }
}

extension HealthCheckRequest: ProtobufCConvertible {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Health__V1__HealthCheckRequest>) {
        jielu__health__v1__health_check_request__init(message)
    }

    public func store(in message: inout Jielu__Health__V1__HealthCheckRequest) {
        message.service = ProtobufC.cString(service)
    }

    public init(cMessage message: Jielu__Health__V1__HealthCheckRequest) throws {
        self.init(service: try ProtobufC.string(message.service, field: "service"))
    }
}

extension HealthCheckResponse: ProtobufCConvertible {
    public static func initializeCMessage(_ message: UnsafeMutablePointer<Jielu__Health__V1__HealthCheckResponse>) {
        jielu__health__v1__health_check_response__init(message)
    }

    public func store(in message: inout Jielu__Health__V1__HealthCheckResponse) {
        switch status {
        case .unknown:
            message.status = JIELU__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__UNKNOWN
        case .serving:
            message.status = JIELU__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING
        case .notServing:
            message.status = JIELU__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__NOT_SERVING
        }
        message.service = ProtobufC.cString(service)
        message.version = ProtobufC.cString(version)
    }

    public init(cMessage message: Jielu__Health__V1__HealthCheckResponse) throws {
        // proto3 enums are open: libprotobuf-c keeps any number it reads.
        let status: ServingStatus
        switch message.status {
        case JIELU__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING:
            status = .serving
        case JIELU__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__NOT_SERVING:
            status = .notServing
        default:
            status = .unknown
        }

        self.init(
            status: status,
            service: try ProtobufC.string(message.service, field: "service"),
            version: try ProtobufC.string(message.version, field: "version"))
    }
}
