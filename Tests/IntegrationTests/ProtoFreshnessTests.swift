import Foundation
import Testing

/// The committed protoc-c output must match what `make proto` generates from
/// Shared/Proto today, or the C structs and the .proto files disagree.
@Suite("Generated protobuf-c code")
struct ProtoFreshnessTests {
    static let protocC = ["/usr/bin/protoc-c", "/usr/local/bin/protoc-c"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: protocC != nil, "protoc-c is not installed: install protobuf-c-compiler to check the generated code"))
    func committedOutputIsFresh() throws {
        let root = Mesh.repositoryRoot
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jielu-proto-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/generate-proto.sh").path, root.appendingPathComponent("Shared/Proto").path, scratch.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        let protoFiles = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Shared/Proto/jielu").path).filter { $0.hasSuffix(".proto") }
        #expect(!protoFiles.isEmpty)
        for proto in protoFiles {
            let stem = String(proto.dropLast(".proto".count))
            for relative in ["jielu/\(stem).pb-c.c", "include/jielu/\(stem).pb-c.h"] {
                let fresh = try Data(contentsOf: scratch.appendingPathComponent(relative))
                let committed = try Data(contentsOf: root.appendingPathComponent("Shared/CJieluProto/\(relative)"))
                #expect(fresh == committed, "Shared/CJieluProto/\(relative) is stale: run `make proto`")
            }
        }
    }
}
