import JieluCore

/// The `--name value` options of one subcommand.
struct BenchOptions {
    private var values: [String: String] = [:]

    /// Parses `--name value` pairs. Throws `UsageError` for a bare word, a
    /// name not in `allowed`, or a name without a value.
    init(_ arguments: [String], allowed: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw UsageError("unexpected argument \"\(argument)\"; options are --name value")
            }
            let name = String(argument.dropFirst(2))
            guard allowed.contains(name) else {
                throw UsageError("unknown option --\(name); known: \(allowed.sorted().map { "--\($0)" }.joined(separator: " "))")
            }
            guard index + 1 < arguments.count else {
                throw UsageError("option --\(name) needs a value")
            }
            values[name] = arguments[index + 1]
            index += 2
        }
    }

    func string(_ name: String) throws(UsageError) -> String {
        guard let value = values[name], !value.isEmpty else {
            throw UsageError("missing --\(name)")
        }
        return value
    }

    func string(_ name: String, default fallback: String) -> String {
        values[name] ?? fallback
    }

    func integer(_ name: String, default fallback: Int? = nil, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = values[name] else {
            guard let fallback else {
                throw UsageError("missing --\(name)")
            }
            return fallback
        }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) \(text) is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func seconds(_ name: String, default fallback: Double? = nil) throws(UsageError) -> Double {
        guard let text = values[name] else {
            guard let fallback else {
                throw UsageError("missing --\(name)")
            }
            return fallback
        }
        guard let value = Double(text), value >= 0, value <= 3600 else {
            throw UsageError("--\(name) \(text) is not a number of seconds in 0...3600")
        }
        return value
    }

    func address(_ name: String) throws(UsageError) -> SocketAddressText {
        let text = try string(name)
        guard let address = SocketAddressText(text) else {
            throw UsageError("--\(name) \(text) is not host:port")
        }
        return address
    }
}

/// A command line that cannot be run; exits with status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
