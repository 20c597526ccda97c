/// Default addresses of the services, matching each service's default `--listen`.
enum PeerAddresses {
    /// RPC services in the order `jielu health` checks them.
    static let services: [(name: String, defaultAddress: String)] = [
        ("registry", "127.0.0.1:7101"),
        ("intake", "127.0.0.1:7102"),
        ("dispatch", "127.0.0.1:7103"),
        ("metrics", "127.0.0.1:7104"),
        ("markets", "127.0.0.1:7105"),
    ]

    static let registry = "127.0.0.1:7101"
    static let gateway = "127.0.0.1:8080"

    /// Option names of the RPC peers: `peer-registry`, `peer-intake`, ….
    static var optionNames: Set<String> { Set(services.map { "peer-\($0.name)" }) }
}
