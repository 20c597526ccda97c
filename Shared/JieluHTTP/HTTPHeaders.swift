/// The header fields of a request or response, in the order received or added.
///
/// Lookup by name ignores ASCII case, as RFC 9110 requires; the stored names
/// keep the case they were given. A name may appear several times, and
/// `values(for:)` returns every value in order.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header field line.
    public typealias Field = (name: String, value: String)

    /// The field lines in order.
    public private(set) var fields: [Field]

    public init() {
        fields = []
    }

    /// Headers with `fields` in the given order.
    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Equal when the same names (compared exactly) and values appear in the same order.
    public static func == (left: HTTPHeaders, right: HTTPHeaders) -> Bool {
        left.fields.count == right.fields.count
            && zip(left.fields, right.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Number of field lines, counting repeated names separately.
    public var count: Int { fields.count }

    public var isEmpty: Bool { fields.isEmpty }

    /// Returns the first value for `name`, or nil when there is none.
    public subscript(name: String) -> String? {
        fields.first { HTTPSyntax.equalsIgnoringASCIICase($0.name, name) }?.value
    }

    /// Returns every value for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { HTTPSyntax.equalsIgnoringASCIICase($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { HTTPSyntax.equalsIgnoringASCIICase($0.name, name) }
    }

    /// True when the comma-separated list in any `name` field contains `token`,
    /// ignoring ASCII case: `Connection: keep-alive, Close` contains `close`.
    public func containsToken(_ token: String, in name: String) -> Bool {
        values(for: name).contains { value in
            HTTPSyntax.listElements(value).contains { HTTPSyntax.equalsIgnoringASCIICase($0, token) }
        }
    }

    /// Appends a field, keeping any existing ones with the same name.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Removes every field named `name`, then appends one with `value`.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        fields.removeAll { HTTPSyntax.equalsIgnoringASCIICase($0.name, name) }
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
