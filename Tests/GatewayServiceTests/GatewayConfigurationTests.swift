import JieluCore
import Testing
@testable import GatewayService

@Suite("GatewayConfiguration")
struct GatewayConfigurationTests {
    @Test("defaults")
    func defaults() throws {
        let configuration = try GatewayConfiguration(Configuration(arguments: [], environment: [:]))
        #expect(configuration.listen.description == "127.0.0.1:8080")
        #expect(configuration.registry.description == "127.0.0.1:7101")
        #expect(configuration.intake.description == "127.0.0.1:7102")
        #expect(configuration.dispatch.description == "127.0.0.1:7103")
        #expect(configuration.metrics.description == "127.0.0.1:7104")
        #expect(configuration.maxBodyBytes == 65_536)
        #expect(configuration.maxHeaderBytes == 16_384)
        #expect(configuration.readTimeoutSeconds == 10)
        #expect(configuration.workerThreads == 32)
        #expect(configuration.callTimeoutMilliseconds == 5_000)
        #expect(configuration.logLevel == .info)
    }

    @Test("flags win over the environment")
    func flagsAndEnvironment() throws {
        let configuration = try GatewayConfiguration(Configuration(
            arguments: ["--listen", "127.0.0.1:9090", "--peer-dispatch=127.0.0.1:9103", "--log-level", "debug"],
            environment: ["JIELU_LISTEN": "127.0.0.1:1", "JIELU_PEER_METRICS": "127.0.0.1:9104", "JIELU_WORKERS": "4"]))
        #expect(configuration.listen.description == "127.0.0.1:9090")
        #expect(configuration.dispatch.description == "127.0.0.1:9103")
        #expect(configuration.metrics.description == "127.0.0.1:9104")
        #expect(configuration.workerThreads == 4)
        #expect(configuration.logLevel == .debug)
    }

    @Test("invalid values name the setting", arguments: [
        (["--listen", "nowhere"], "listen"),
        (["--peer-registry", "10.0.0.1"], "peer-registry"),
        (["--peer-metrics", "127.0.0.1:70000"], "peer-metrics"),
        (["--max-body-bytes", "12"], "max-body-bytes"),
        (["--max-header-bytes", "lots"], "max-header-bytes"),
        (["--read-timeout-seconds", "0"], "read-timeout-seconds"),
        (["--workers", "0"], "workers"),
        (["--call-timeout-ms", "-5"], "call-timeout-ms"),
        (["--log-level", "loud"], "log-level"),
    ])
    func invalid(arguments: [String], setting: String) throws {
        let configuration = try Configuration(arguments: arguments, environment: [:])
        #expect {
            _ = try GatewayConfiguration(configuration)
        } throws: { error in
            (error as? ConfigurationError)?.setting == setting
        }
    }
}
