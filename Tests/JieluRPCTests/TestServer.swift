import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JieluCore
import JieluNet
import JieluRPC
import Synchronization

/// An RPC server on 127.0.0.1 port 0 with an echo method, for runtime tests.
///
/// `/test.Echo/Echo` returns the request's `service` string as the reply's
/// `service`. A request of the form "sleep:N" waits N milliseconds first, and
/// "fail" throws INVALID_ARGUMENT.
final class TestServer: Sendable {
    static let echo = "/test.Echo/Echo"

    let server: RPCServer
    let started = Atomic<Int>(0)

    init(configuration: (SocketAddressText) -> RPCServerConfiguration = { RPCServerConfiguration(address: $0) }) throws {
        let router = RPCRouter()
        let box = Counter()
        router.register(TestServer.echo) { (request: HealthCheckRequest, context: RPCContext) -> HealthCheckResponse in
            box.increment()
            if request.service.hasPrefix("sleep:"), let milliseconds = UInt32(request.service.dropFirst(6)) {
                usleep(milliseconds * 1000)
            }
            if request.service == "fail" {
                throw ServiceError.invalid("service", reason: "test_failure", message: "测试错误")
            }
            return HealthCheckResponse(status: .serving, service: request.service, version: context.requestID)
        }
        server = try RPCServer(
            serviceName: "jielu-test", configuration: configuration(SocketAddressText(host: "127.0.0.1", port: 0)),
            router: router, logger: Logger(service: "jielu-test", level: .warning))
        calls = box
        server.start()
    }

    let calls: Counter

    var address: SocketAddressText { server.boundAddress }

    func client(options: RPCClientOptions = RPCClientOptions()) -> RPCClient {
        RPCClient(address: address, serviceName: "jielu-test", options: options, logger: Logger(service: "test-client", level: .warning))
    }
}

final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() {
        value.wrappingAdd(1, ordering: .relaxed)
    }

    var count: Int { value.load(ordering: .relaxed) }
}

/// Sends raw bytes to `address` and returns every reply envelope until the
/// server closes the connection or `timeoutSeconds` passes.
func rawExchange(_ bytes: [UInt8], address: SocketAddressText, timeoutSeconds: Double = 2) throws -> (replies: [Envelope], closedByServer: Bool) {
    let socket = try BlockingSocket.connect(to: address, timeoutSeconds: 2)
    defer { socket.close() }
    socket.setReadTimeout(seconds: timeoutSeconds)
    try socket.writeAll(bytes)
    var buffer = ByteBuffer()
    var replies: [Envelope] = []
    while true {
        let chunk: [UInt8]
        do {
            chunk = try socket.read(maxBytes: 65536)
        } catch let error as SocketError where error.errno == ECONNRESET {
            // Closing a socket with unread input sends a reset instead of FIN.
            return (replies, true)
        } catch {
            return (replies, false)
        }
        if chunk.isEmpty {
            return (replies, true)
        }
        buffer.append(contentsOf: chunk)
        while let body = try Framing.nextFrame(from: &buffer, maxFrameBytes: 1 << 20) {
            replies.append(try Envelope(serializedBytes: body))
        }
    }
}

func requestFrame(callID: UInt64, method: String = TestServer.echo, service: String = "hi", timeoutMicroseconds: UInt64 = 0) -> [UInt8] {
    Framing.frame(Envelope(
        callID: callID, kind: .request, method: method, timeoutMicroseconds: timeoutMicroseconds,
        payload: HealthCheckRequest(service: service).serializedBytes()))
}
