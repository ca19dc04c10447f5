import Foundation
import Testing
import VigilCore

@Suite("Civil dates without Foundation's calendars")
struct CivilDateTests {
    @Test func rfc3339AgreesWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        var random = SplitMix64(seed: 7)
        let samples: [Int64] = [0, 999, 1000, -1, -1000, -86_400_001, 951_782_400_000, 4_107_542_399_000, 1_795_651_200_123]
            + (0..<2000).map { _ in Int64(random.below(8_000_000_000)) * 1000 - 2_000_000_000_000 + Int64(random.below(1000)) }
        for millis in samples {
            let expected = formatter.string(from: Date(timeIntervalSince1970: (Double(millis) / 1000).rounded(.down)))
            #expect(CivilDate.rfc3339(millis: millis) == expected, "\(millis)")
        }
    }

    @Test func civilFromDaysInvertsDaysSinceEpoch() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = CivilDate.civil(fromDays: days)
            #expect(CivilDate.daysSinceEpoch(year: y, month: m, day: d) == days)
        }
    }
}
