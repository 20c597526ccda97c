import Dispatch
import JieluCore
import Testing

@Suite("RandomCode")
struct RandomCodeTests {
    @Test("codes have the length asked for and only alphabet characters", arguments: [0, 1, 10, 64, 300])
    func lengthAndAlphabet(length: Int) {
        for _ in 0..<20 {
            let code = RandomCode.make(length: length)
            #expect(code.count == length)
            #expect(RandomCode.isWellFormed(code, length: length))
        }
    }

    @Test func everyCharacterIsAboutEquallyLikely() {
        let perCharacter = 2_000
        let total = perCharacter * RandomCode.alphabet.count
        var counts: [Character: Int] = [:]
        var drawn = 0
        while drawn < total {
            for character in RandomCode.make(length: 100) {
                counts[character, default: 0] += 1
            }
            drawn += 100
        }

        #expect(counts.count == RandomCode.alphabet.count, "every character appears")
        // 2,000 expected per character; a bias of 1/8 (as `byte % 31` over all 256 bytes gives) fails this.
        for (character, count) in counts {
            #expect((1_800...2_200).contains(count), "\(character) drawn \(count) times")
        }
    }

    @Test("look-alike characters are not well formed", arguments: ["TF24HWUZ47\u{212A}YDA3", "ABCDEFGHJ\u{FF2B}", "ABCDEFGHJ"])
    func lookAlikes(_ text: String) {
        #expect(!RandomCode.isWellFormed(text, length: 10))
    }

    @Test func codesDiffer() {
        let codes = Set((0..<1_000).map { _ in RandomCode.make(length: 10) })
        #expect(codes.count == 1_000)
    }
}

@Suite("ScrambledSequence")
struct ScrambledSequenceTests {
    @Test func valuesAreDistinctAcrossThreads() {
        let sequence = ScrambledSequence(start: .max - 500)
        let values = LockedValue<[UInt64]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var local: [UInt64] = []
            for _ in 0..<1_000 {
                local.append(sequence.next())
            }
            values.withLock { $0 += local }
        }
        let all = values.withLock { $0 }
        #expect(all.count == 8_000)
        #expect(Set(all).count == 8_000, "no repeat, also across the counter's wrap-around")
    }

    @Test func consecutiveValuesDoNotLookConsecutive() {
        let sequence = ScrambledSequence(start: 0)
        let first = sequence.next()
        let second = sequence.next()
        #expect((first ^ second).nonzeroBitCount > 10)
    }
}
