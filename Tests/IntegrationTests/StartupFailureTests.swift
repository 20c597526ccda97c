import Foundation
import Testing

/// A program that cannot start prints the reason on one stderr line with the
/// syslog priority of an error, so journald files it where operators look.
@Suite("Start-up failures")
struct StartupFailureTests {
    @Test("an invalid setting exits 2 with an error-priority line", arguments: ["registry", "intake", "gateway"])
    func invalidSetting(_ service: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-start-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let run = try ServiceProcess.run(
            service, ["--listen", "127.0.0.1:0", "--data-dir", directory, "--workers", "zero"], environment: [:])

        #expect(run.status == 2)
        let line = run.output.split(separator: "\n").last { $0.contains("startup failed") }
        #expect(line?.hasPrefix("<3>jielu-\(service): startup failed: ") == true, "\(run.output)")
        #expect(line?.contains("workers") == true, "the line names the setting: \(run.output)")
    }
}
