import Foundation
import JieluCore
import JieluHTTP
import JieluRPC
import Synchronization

/// `GET /healthz`: the gateway is healthy when every backing service replies
/// to its health check with SERVING.
///
/// The five checks run at the same time, each with a 1 s deadline, so the
/// endpoint responds within about a second even when a backend hangs. Each
/// service is reported as "serving", "not_serving" (it replied, but is
/// draining or not ready) or "unavailable" (no reply in time). The status
/// is 200 when all serve, else 503.
enum HealthRoute {
    static let checkTimeoutMilliseconds = 1_000

    static func register(in router: inout Router<RouteHandler>) {
        router.add("GET", "/healthz", check)
    }

    static func check(_ context: RouteContext) throws -> HTTPResponse {
        let services = context.backends.named
        let results = Mutex<[String: String]>([:])
        let finished = DispatchGroup()
        let options = CallOptions(deadline: .after(milliseconds: checkTimeoutMilliseconds), requestID: context.requestID)

        for (name, client) in services {
            finished.enter()
            // One thread per check: global dispatch queues may run only as
            // many blocking jobs at once as there are cores.
            let thread = Thread {
                let state = probe(client, options: options)
                results.withLock { $0[name] = state }
                finished.leave()
            }
            thread.name = "healthz-\(name)"
            thread.start()
        }
        // The RPC deadline ends every probe; the margin covers thread start-up.
        _ = finished.wait(timeout: .now() + .milliseconds(checkTimeoutMilliseconds + 500))

        let states = results.withLock { $0 }
        var members: [(String, JSONValue)] = []
        var allServing = true
        for (name, _) in services {
            let state = states[name] ?? "unavailable"
            allServing = allServing && state == "serving"
            members.append((name, .string(state)))
        }
        let body = JSONValue.object([
            ("status", .string(allServing ? "serving" : "not_serving")),
            ("services", .object(members)),
        ])
        if !allServing {
            context.logger.debug("health check found a backend not serving", ["services": states.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")])
        }
        return .json(status: allServing ? 200 : 503, body, headers: ["Cache-Control": "no-store"])
    }

    private static func probe(_ client: RPCClient, options: CallOptions) -> String {
        do {
            let response = try client.call(
                HealthMethods.check, HealthCheckRequest(), as: HealthCheckResponse.self, options: options, idempotent: true)
            return response.status == .serving ? "serving" : "not_serving"
        } catch {
            return "unavailable"
        }
    }
}
