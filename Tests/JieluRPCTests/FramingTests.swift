import JieluCore
import JieluNet
import JieluRPC
import Testing

@Suite("Framing")
struct FramingTests {
    @Test func envelopeRoundTripsEveryField() throws {
        let envelope = Envelope(
            callID: .max, kind: .response, method: "/jielu.intake.v1.Intake/SubmitReport", timeoutMicroseconds: 1_500_000,
            status: RPCStatus(code: .invalidArgument, message: "描述不能为空 🙏", reason: "empty_description", field: "description"),
            payload: [0, 1, 2, 255], requestID: "req-1")
        let decoded = try Envelope(serializedBytes: envelope.serializedBytes())
        #expect(decoded == envelope)
    }

    @Test func frameHasBigEndianLengthPrefix() {
        let frame = Framing.frame(Envelope(callID: 1, kind: .request, method: "/a/B"))
        let length = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
        #expect(length == frame.count - 4)
    }

    @Test func bytesFedOneAtATimeYieldSameFrames() throws {
        let frames = (1...3).map { Framing.frame(Envelope(callID: UInt64($0), kind: .request, method: "/a/B\($0)")) }
        let stream = frames.flatMap { $0 }

        var buffer = ByteBuffer()
        var oneByOne: [Envelope] = []
        for byte in stream {
            buffer.append(contentsOf: [byte])
            while let body = try Framing.nextFrame(from: &buffer, maxFrameBytes: 1024) {
                oneByOne.append(try Envelope(serializedBytes: body))
            }
        }

        var whole = ByteBuffer(stream)
        var allAtOnce: [Envelope] = []
        while let body = try Framing.nextFrame(from: &whole, maxFrameBytes: 1024) {
            allAtOnce.append(try Envelope(serializedBytes: body))
        }

        #expect(oneByOne.map(\.callID) == [1, 2, 3])
        #expect(oneByOne == allAtOnce)
        #expect(buffer.readableBytes == 0)
    }

    @Test func frameAtLimitPassesAndOneByteMoreFails() throws {
        var atLimit = ByteBuffer([0, 0, 0, 8] + [UInt8](repeating: 0, count: 8))
        #expect(try Framing.nextFrame(from: &atLimit, maxFrameBytes: 8)?.count == 8)

        var pastLimit = ByteBuffer([0, 0, 0, 9])
        #expect(throws: ServiceError.self) {
            _ = try Framing.nextFrame(from: &pastLimit, maxFrameBytes: 8)
        }
    }

    @Test func hugeLengthIsRejectedWithoutBody() {
        var buffer = ByteBuffer([0xff, 0xff, 0xff, 0xff])
        do {
            _ = try Framing.nextFrame(from: &buffer, maxFrameBytes: Framing.defaultMaxFrameBytes)
            Issue.record("a 4 GiB length must be rejected")
        } catch let error as ServiceError {
            #expect(error.code == .resourceExhausted)
            #expect(error.reason == "frame_too_large")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func garbageEnvelopeThrowsMalformed() {
        #expect(throws: ServiceError.self) {
            _ = try Envelope(serializedBytes: [0xff, 0xff, 0xff, 0xff, 0x0f])
        }
    }

    @Test func invalidUTF8MethodIsRejected() {
        // Field 3 (method), wire type 2, length 2, bytes FF FE.
        #expect(throws: ServiceError.self) {
            _ = try Envelope(serializedBytes: [0x1a, 0x02, 0xff, 0xfe])
        }
    }
}

@Suite("Protocol document")
struct ProtocolDocumentTests {
    /// The byte example in docs/protocol.md, so the document cannot drift.
    @Test func healthCheckExampleMatchesDocs() {
        let frame = Framing.frame(Envelope(callID: 1, kind: .request, method: "/jielu.health.v1.Health/Check", timeoutMicroseconds: 1_000_000))
        let expected: [UInt8] = [0x00, 0x00, 0x00, 0x27, 0x08, 0x01, 0x10, 0x01, 0x1a, 0x1d]
            + Array("/jielu.health.v1.Health/Check".utf8) + [0x20, 0xc0, 0x84, 0x3d]
        #expect(frame == expected)
    }
}
