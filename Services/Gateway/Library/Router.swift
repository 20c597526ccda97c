/// Matches a request's method and path against route patterns such as
/// `/api/v1/boards/{board_code}`.
///
/// A pattern is split at `/`. A segment written `{name}` matches any one
/// non-empty path segment and binds it to `name`; any other segment must match
/// exactly. Paths match without a trailing slash only, so `/api/v1/streets/`
/// is not found. `HEAD` matches every `GET` route.
struct Router<Handler: Sendable>: Sendable {
    /// The outcome of matching one request.
    enum Match {
        case found(Handler, parameters: [String: String])
        /// The path matches a route, but not with this method. `allowed` lists
        /// the methods that do, for the `Allow` header.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private struct Route: Sendable {
        var method: String
        var segments: [Segment]
        var handler: Handler
    }

    private var routes: [Route] = []

    init() {}

    /// Adds a route. Routes are tried in the order added, so add a literal
    /// path before a parameter pattern that would also match it.
    ///
    /// A pattern must start with `/`, and a parameter segment must be the
    /// whole segment; anything else is a programming error and traps.
    mutating func add(_ method: String, _ pattern: String, _ handler: Handler) {
        precondition(pattern.hasPrefix("/"), "route pattern \(pattern) must start with /")
        let segments = Router.split(pattern).map { text -> Segment in
            if text.hasPrefix("{") && text.hasSuffix("}") && text.count > 2 {
                return .parameter(String(text.dropFirst().dropLast()))
            }
            precondition(!text.contains("{") && !text.contains("}"), "route pattern \(pattern) has a malformed parameter")
            return .literal(text)
        }
        routes.append(Route(method: method, segments: segments, handler: handler))
    }

    /// Finds the route for `method` and `path` (percent-decoded, without the query).
    func match(method: String, path: String) -> Match {
        let pathSegments = Router.split(path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Router.bind(route.segments, to: pathSegments) else {
                continue
            }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route.handler, parameters: parameters)
            }
            if !allowed.contains(route.method) {
                allowed.append(route.method)
            }
            if route.method == "GET" && !allowed.contains("HEAD") {
                allowed.append("HEAD")
            }
        }
        if allowed.isEmpty {
            return .notFound
        }
        return .methodNotAllowed(allowed: allowed)
    }

    /// `/a/b` → ["a", "b"]; `/` → []; `/a/` → ["a", ""].
    private static func split(_ path: String) -> [String] {
        if path == "/" {
            return []
        }
        return path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    private static func bind(_ pattern: [Segment], to path: [String]) -> [String: String]? {
        guard pattern.count == path.count else {
            return nil
        }
        var parameters: [String: String] = [:]
        for (segment, text) in zip(pattern, path) {
            switch segment {
            case .literal(let literal):
                guard literal == text else {
                    return nil
                }
            case .parameter(let name):
                guard !text.isEmpty else {
                    return nil
                }
                parameters[name] = text
            }
        }
        return parameters
    }
}
