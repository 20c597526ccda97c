// swift-tools-version:6.0
// Jielu: the street responsibility system's case mesh. See README.md.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// The five services; each is a library (so tests can reach its logic) and a
/// thin executable named `jielu-<name>`.
let services: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("Registry", "Registry", ["JieluCore", "JieluStore", "JieluRPC", "JieluContract"]),
    ("Intake", "Intake", ["JieluCore", "JieluStore", "JieluRPC", "JieluContract"]),
    ("Dispatch", "Dispatch", ["JieluCore", "JieluStore", "JieluRPC", "JieluContract"]),
    ("Metrics", "Metrics", ["JieluCore", "JieluStore", "JieluRPC", "JieluContract"]),
    ("Markets", "Markets", ["JieluCore", "JieluStore", "JieluRPC", "JieluContract"]),
    ("Gateway", "Gateway", ["JieluCore", "JieluRPC", "JieluHTTP", "JieluContract"]),
]

var targets: [Target] = [
    // MARK: C libraries and shims

    .systemLibrary(
        name: "CProtobufC", path: "Shared/CProtobufC",
        pkgConfig: "libprotobuf-c", providers: [.apt(["libprotobuf-c-dev"])]),
    .systemLibrary(
        name: "CSQLite", path: "Shared/CSQLite",
        pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "CJieluSystem", path: "Shared/CJieluSystem"),
    // protoc-c output for Shared/Proto; regenerate with `make proto`.
    .target(name: "CJieluProto", dependencies: ["CProtobufC"], path: "Shared/CJieluProto"),

    // MARK: Shared runtime

    .target(name: "JieluCore", dependencies: ["CJieluSystem"], path: "Shared/JieluCore", swiftSettings: swiftSettings),
    .target(
        name: "JieluStore", dependencies: ["CSQLite", "JieluCore"],
        path: "Shared/JieluStore", swiftSettings: swiftSettings),
    .target(
        name: "JieluNet", dependencies: ["CJieluSystem", "JieluCore"],
        path: "Shared/JieluNet", swiftSettings: swiftSettings),
    .target(
        name: "JieluRPC", dependencies: ["CJieluProto", "CProtobufC", "JieluCore", "JieluNet"],
        path: "Shared/JieluRPC", swiftSettings: swiftSettings),
    .target(
        name: "JieluHTTP", dependencies: ["JieluCore", "JieluNet"],
        path: "Shared/JieluHTTP", swiftSettings: swiftSettings),
    // Swift value types for every message in Shared/Proto, their conversion
    // to and from the protobuf-c structs, and typed clients.
    .target(
        name: "JieluContract", dependencies: ["CJieluProto", "CProtobufC", "JieluCore", "JieluRPC"],
        path: "Shared/JieluContract", swiftSettings: swiftSettings),

    // MARK: Admin CLI

    .executableTarget(
        name: "jielu", dependencies: ["JieluCore", "JieluRPC", "JieluHTTP", "JieluContract"],
        path: "Services/CLI", swiftSettings: swiftSettings),

    // MARK: Benchmarks

    // Load generator, seeder and report writer behind `make bench`.
    .executableTarget(
        name: "jielu-bench",
        dependencies: [
            "CJieluSystem", "CSQLite", "JieluCore", "JieluRPC", "JieluHTTP", "JieluContract", "MetricsService",
        ],
        path: "Services/Bench", swiftSettings: swiftSettings),

    // MARK: Tests

    .testTarget(name: "JieluCoreTests", dependencies: ["JieluCore"], swiftSettings: swiftSettings),
    .testTarget(name: "JieluStoreTests", dependencies: ["JieluStore"], swiftSettings: swiftSettings),
    .testTarget(
        name: "JieluRPCTests", dependencies: ["JieluRPC", "JieluNet"],
        swiftSettings: swiftSettings),
    .testTarget(name: "JieluHTTPTests", dependencies: ["JieluHTTP"], swiftSettings: swiftSettings),
    .testTarget(name: "ContractTests", dependencies: ["JieluContract", "JieluRPC"], swiftSettings: swiftSettings),
    .testTarget(
        name: "RegistryServiceTests", dependencies: ["RegistryService", "JieluContract", "JieluRPC", "JieluStore"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "IntakeServiceTests", dependencies: ["IntakeService", "JieluContract", "JieluRPC", "JieluStore", "JieluCore"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "DispatchServiceTests", dependencies: ["DispatchService", "JieluContract", "JieluRPC", "JieluStore", "JieluCore"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "MetricsServiceTests", dependencies: ["MetricsService", "JieluContract", "JieluRPC", "JieluStore", "JieluCore"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "MarketsServiceTests", dependencies: ["MarketsService", "JieluContract", "JieluRPC", "JieluStore", "JieluCore"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "GatewayServiceTests", dependencies: ["GatewayService", "JieluHTTP", "JieluContract", "JieluRPC", "JieluCore", "JieluNet"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "CLITests", dependencies: ["jielu", "RegistryService", "JieluContract", "JieluCore", "JieluRPC", "JieluHTTP"],
        swiftSettings: swiftSettings),
    .testTarget(
        name: "IntegrationTests", dependencies: ["JieluCore", "JieluHTTP", "JieluRPC", "JieluContract"],
        swiftSettings: swiftSettings),
]

for service in services {
    targets.append(
        .target(
            name: "\(service.name)Service", dependencies: service.dependencies,
            path: "Services/\(service.folder)/Library", swiftSettings: swiftSettings))
    targets.append(
        .executableTarget(
            name: "jielu-\(service.name.lowercased())", dependencies: [.target(name: "\(service.name)Service")],
            path: "Services/\(service.folder)/Main", swiftSettings: swiftSettings))
}

let package = Package(
    name: "Jielu",
    platforms: [.macOS(.v15)],
    products: services.map { .executable(name: "jielu-\($0.name.lowercased())", targets: ["jielu-\($0.name.lowercased())"]) }
        + [.executable(name: "jielu", targets: ["jielu"]), .executable(name: "jielu-bench", targets: ["jielu-bench"])],
    targets: targets
)
