/// A growable byte buffer with a reader index, so consuming a frame from the
/// front is O(1) instead of shifting the remaining bytes.
///
/// Received bytes are appended at the end; handlers consume from the front
/// with `moveReaderIndex(forwardBy:)`. Consumed space is reclaimed when more
/// than half the storage is dead.
public struct ByteBuffer: Sendable {
    private var storage: [UInt8] = []
    private var readerIndex = 0

    public init() {}

    public init(_ bytes: [UInt8]) {
        storage = bytes
    }

    /// Bytes received and not yet consumed.
    public var readableBytes: Int { storage.count - readerIndex }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    public mutating func append(contentsOf bytes: [UInt8]) {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    /// Calls `body` with the unconsumed bytes. The pointer is valid only inside `body`.
    public func withReadableBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[readerIndex...]))
        }
    }

    /// Copies the unconsumed bytes out.
    public func readableBytesArray() -> [UInt8] {
        Array(storage[readerIndex...])
    }

    /// The unconsumed byte at `offset` from the reader index.
    public func byte(at offset: Int) -> UInt8 {
        storage[readerIndex + offset]
    }

    /// Copies `count` unconsumed bytes starting `offset` after the reader index.
    public func bytes(at offset: Int, count: Int) -> [UInt8] {
        Array(storage[(readerIndex + offset)..<(readerIndex + offset + count)])
    }

    /// Marks `count` bytes as consumed. `count` must not exceed `readableBytes`.
    public mutating func moveReaderIndex(forwardBy count: Int) {
        precondition(count >= 0 && count <= readableBytes, "consumed \(count) bytes but only \(readableBytes) are readable")
        readerIndex += count
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 1 << 20)
            readerIndex = 0
        }
    }

    private mutating func compactIfWorthIt() {
        if readerIndex > 0 && readerIndex * 2 >= storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
