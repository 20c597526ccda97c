import JieluRPC

/// Reflection checks on message values.
///
/// Both checks rely on two facts of the Jielu contract: each Swift message type
/// declares its stored properties in proto field order, and every message in
/// Shared/Proto numbers its fields 1...N in that order. So the property at
/// index i is proto field i + 1.
enum MessageAudit {
    /// Lists every field of `message`, nested ones included, that has its
    /// default value (empty string or array, 0, false, nil), and every pair of
    /// same-typed scalar fields of one message with equal values.
    ///
    /// An empty list proves that a round trip of `message` exercises every field
    /// mapping and would notice two fields being swapped.
    static func unsetOrDuplicateFields(_ message: Any, path: String) -> [String] {
        var problems: [String] = []
        var scalarsByType: [ObjectIdentifier: [(path: String, value: AnyHashable)]] = [:]

        for child in Mirror(reflecting: message).children {
            let childPath = "\(path).\(child.label ?? "?")"
            problems += unsetFields(child.value, path: childPath)

            if let scalar = child.value as? AnyHashable, !(child.value is Bool), isScalar(child.value) {
                let key = ObjectIdentifier(type(of: child.value))
                for earlier in scalarsByType[key, default: []] where earlier.value == scalar {
                    problems.append("\(earlier.path) and \(childPath) both have the value \(scalar)")
                }
                scalarsByType[key, default: []].append((childPath, scalar))
            }
        }
        return problems
    }

    /// Lists every difference between the properties of `message` and the
    /// fields in `message.serializedBytes()`, read with `WireReader`; nested
    /// messages are checked the same way.
    ///
    /// Each property must appear under its field number with the standard
    /// encoding: strings as UTF-8, integers as varints (int64 in two's
    /// complement), doubles as little-endian fixed64, messages as their own
    /// bytes. Singular fields holding their default are absent, as proto3 requires.
    static func wireMismatches(_ message: any ProtoMessage, path: String) -> [String] {
        let fields: [WireField]
        do {
            fields = try WireReader.fields(message.serializedBytes())
        } catch {
            return ["\(path): \(error)"]
        }

        var problems: [String] = []
        let children = Array(Mirror(reflecting: message).children)
        for (index, child) in children.enumerated() {
            let number = index + 1
            let childPath = "\(path).\(child.label ?? "?")"
            let expected = expectedPayloads(child.value, isElement: false)
            let actual = fields.filter { $0.number == number }.map(\.payload)
            if actual != expected {
                problems.append("\(childPath) (field \(number)): expected \(expected), found \(actual)")
            }
            problems += nestedMessages(child.value).enumerated().flatMap { offset, nested in
                wireMismatches(nested, path: "\(childPath)#\(offset)")
            }
        }

        let unknownNumbers = fields.map(\.number).filter { $0 < 1 || $0 > children.count }
        if !unknownNumbers.isEmpty {
            problems.append("\(path): fields \(unknownNumbers) have no Swift property")
        }
        return problems
    }

    // MARK: Helpers

    private static func isScalar(_ value: Any) -> Bool {
        value is String || value is Int64 || value is UInt32 || value is UInt64 || value is Double
    }

    private static func unsetFields(_ value: Any, path: String) -> [String] {
        switch value {
        case let string as String:
            return string.isEmpty ? ["\(path) is empty"] : []
        case let flag as Bool:
            return flag ? [] : ["\(path) is false"]
        case let number as Int64:
            return number == 0 ? ["\(path) is 0"] : []
        case let number as UInt32:
            return number == 0 ? ["\(path) is 0"] : []
        case let number as UInt64:
            return number == 0 ? ["\(path) is 0"] : []
        case let number as Double:
            return number == 0 ? ["\(path) is 0"] : []
        default:
            break
        }

        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else {
                return ["\(path) is nil"]
            }
            return unsetFields(wrapped, path: path)
        case .collection:
            if mirror.children.isEmpty {
                return ["\(path) is empty"]
            }
            return mirror.children.enumerated().flatMap { index, element in
                unsetFields(element.value, path: "\(path)[\(index)]")
            }
        default:
            return unsetOrDuplicateFields(value, path: path)
        }
    }

    private static func expectedPayloads(_ value: Any, isElement: Bool) -> [WireField.Payload] {
        switch value {
        case let string as String:
            return string.isEmpty && !isElement ? [] : [.lengthDelimited(Array(string.utf8))]
        case let flag as Bool:
            return flag ? [.varint(1)] : []
        case let number as Int64:
            return number == 0 ? [] : [.varint(UInt64(bitPattern: number))]
        case let number as UInt32:
            return number == 0 ? [] : [.varint(UInt64(number))]
        case let number as UInt64:
            return number == 0 ? [] : [.varint(number)]
        case let number as Double:
            return number.bitPattern == 0 ? [] : [.fixed64(number.bitPattern)]
        case let message as any ProtoMessage:
            return [.lengthDelimited(message.serializedBytes())]
        default:
            break
        }

        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { expectedPayloads($0.value, isElement: false) } ?? []
        case .collection:
            return mirror.children.flatMap { expectedPayloads($0.value, isElement: true) }
        default:
            preconditionFailure("no wire encoding known for \(type(of: value)) at a message field")
        }
    }

    private static func nestedMessages(_ value: Any) -> [any ProtoMessage] {
        if let message = value as? any ProtoMessage {
            return [message]
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection:
            return mirror.children.flatMap { nestedMessages($0.value) }
        default:
            return []
        }
    }
}
