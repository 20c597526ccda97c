import JieluNet

/// Settings of an `HTTPServer`. The defaults suit the public gateway.
public struct HTTPServerConfiguration: Sendable {
    /// Maximum bytes of request line plus header fields. Past it: 431.
    public var maxHeaderBytes = 16 * 1024
    /// Maximum request body bytes. Past it: 413, decided from
    /// `Content-Length` before the body is read.
    public var maxBodyBytes = 64 * 1024
    /// Maximum header fields per request. Past it: 431.
    public var maxHeaderCount = 100
    /// Open connections beyond this are closed as soon as they are accepted.
    public var maxConnections = 4096
    /// A keep-alive connection with no request for this long is closed.
    public var idleTimeoutSeconds = 60.0
    /// A request whose head or body has started must be complete within this
    /// time, or the connection is closed (the slowloris defence).
    public var readTimeoutSeconds = 10.0
    /// Event-loop threads that read, parse and write.
    public var loopCount = 1
    /// Threads running the request handler. Handlers block on calls to other
    /// services, so this is more than the core count.
    public var workerThreads = 16
    /// Requests that may wait for a worker. When this many wait, new requests
    /// get 503 `overloaded` with `Retry-After: 1`.
    public var queueLimit = 256
    /// After this many responses on one connection the server sends
    /// `Connection: close`, so long-lived clients spread over the loops.
    public var maxRequestsPerConnection = 1000
    /// Maximum bytes a client may send ahead (pipelining) while its previous
    /// request is being handled. Past it, the pending response is sent with
    /// `Connection: close` and the bytes sent ahead are dropped.
    public var maxPipelinedBytes = 128 * 1024
    /// How long `shutdown()` waits for in-flight requests to finish and for
    /// their responses to be sent.
    public var drainTimeoutSeconds = 10.0
    /// Whether responses carry a `Date` header.
    public var sendsDateHeader = true

    public init() {}

    var parserLimits: HTTPRequestParser.Limits {
        HTTPRequestParser.Limits(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes, maxHeaderCount: maxHeaderCount)
    }

    var serverLimits: ServerLimits {
        ServerLimits(maxConnections: maxConnections, idleTimeoutSeconds: idleTimeoutSeconds, readTimeoutSeconds: readTimeoutSeconds)
    }
}
