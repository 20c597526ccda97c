/// A request/response protocol that `LoadDriver` speaks on each connection,
/// with one request in flight per connection at a time.
protocol LoadExchange: Sendable {
    /// The bytes of request number `sequence` on connection `connection`.
    func request(connection: Int, sequence: Int) -> [UInt8]

    /// Parses the response at the front of `bytes`.
    ///
    /// Returns nil while the response is incomplete. Throws `LoadError` when
    /// the bytes cannot be a response, which ends the connection.
    func parseResponse(_ bytes: UnsafeRawBufferPointer) throws(LoadError) -> ParsedResponse?
}

/// One complete response as a `LoadExchange` read it.
struct ParsedResponse: Sendable {
    /// Bytes the response took at the front of the buffer.
    var consumed: Int
    /// Whether the response is the expected success (RPC status OK, HTTP 2xx).
    var succeeded: Bool
    /// An id the server acknowledged in the response, such as a case id.
    var acknowledgedID: String?
    /// The server closes the connection after this response.
    var closesConnection = false
}

/// A failure of the load generator itself or of the protocol it reads.
struct LoadError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
