import Foundation
import Testing

@Suite("jielu output to a closed pipe")
struct CLIOutputTests {
    @Test("a reader that went away ends the tool quietly with status 141")
    func closedPipe() throws {
        let tool = try Mesh.findBinDirectory().appendingPathComponent("jielu")
        let output = Pipe()
        let errors = Pipe()
        // The read end is closed before the tool starts, so its first write fails with EPIPE.
        try output.fileHandleForReading.close()

        let process = Process()
        process.executableURL = tool
        process.arguments = ["help"]
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        try output.fileHandleForWriting.close()
        process.waitUntilExit()

        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit, "the tool exits instead of crashing on a signal")
        #expect(process.terminationStatus == 141)
        #expect(stderr.isEmpty, "no stack trace or error text: \(stderr)")
    }

    @Test("help still reaches an open pipe in full")
    func openPipe() throws {
        let tool = try Mesh.findBinDirectory().appendingPathComponent("jielu")
        let output = Pipe()
        let process = Process()
        process.executableURL = tool
        process.arguments = ["help"]
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect(text.contains("load-district"))
    }
}
