import Foundation
import Testing
import VigilCore
import VigilMatch

/// The indicators the telemetry samples are matched against, with short names for them.
let sampleEntries: [(String, IndicatorType, String)] = [
    ("www-evil", .domain, "www.evil-domain.example"),
    ("bad-cdn", .domainSuffix, "bad-cdn.example.net"),
    ("evil", .domain, "evil-domain.example"),
    ("net-198", .cidr4, "198.51.100.0/24"),
    ("host-203", .ipv4, "203.0.113.200"),
    ("net-v6", .cidr6, "2001:db8:bad::/48"),
    ("phish-url", .url, "http://benign.example.org:8080/phish/login.php"),
    ("landing-url", .url, "http://www.evil-domain.example/landing?id=1"),
]

/// The sample indicators compiled.
func sampleIndicators() throws -> IndicatorSet {
    var builder = IndicatorSet.Builder()
    for (_, type, raw) in sampleEntries {
        #expect(builder.add(try IndicatorValue(parsing: raw, as: type)))
    }
    return builder.build()
}

/// The short name of a sample indicator (or its value, if it is none of them).
func sampleName(_ value: IndicatorValue) -> String {
    sampleEntries.first { (try? IndicatorValue(parsing: $0.2, as: $0.1)) == value }?.0 ?? value.canonical
}

/// The bytes of a sample log beside the tests.
func telemetrySample(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)")
    return [UInt8](try Data(contentsOf: url))
}

/// Scans `bytes` in one block and returns the counts and the hits.
func scanSample(
    _ bytes: [UInt8], _ format: TelemetryFormat, set: IndicatorSet, columns: FlowCSVScanner.ColumnMap = .standard
) -> (ScanStatistics, [TelemetryHit]) {
    var matcher = TelemetryMatcher(scanner: AnyTelemetryScanner(format: format, year: 2026, flowColumns: columns))
    var statistics = ScanStatistics()
    var hits: [TelemetryHit] = []
    bytes.withUnsafeBufferPointer {
        matcher.scan(block: $0, firstLine: 1, against: set, statistics: &statistics, hits: &hits)
    }
    return (statistics, hits)
}

/// (indicator's short name, line) of each hit, for comparing.
func hitLines(_ hits: [TelemetryHit]) -> [String] {
    hits.map { "\(sampleName($0.indicator))@\($0.line)" }
}
