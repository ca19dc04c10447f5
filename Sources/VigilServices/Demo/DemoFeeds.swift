import Foundation
import VigilCore

/// The demo indicators written out as the feeds a CERT receives, so that `vigil demo` loads them
/// through the same parsers as real feeds: JSON lines from the analysts (with TLP, threat type,
/// tags and confidence per item), a URLhaus CSV dump, a FireHOL netset, and a partner's share.
enum DemoFeeds {
    /// One demo feed: the source it belongs to, its format, and its text.
    struct Feed {
        let source: String
        let format: String
        let options: [String: String]
        let text: String
    }

    static let jsonFields = [
        "value_field": "value", "type_field": "type", "tlp_field": "tlp", "threat_type_field": "threat_type",
        "tags_field": "tags", "confidence_field": "confidence", "id_field": "id", "description_field": "description",
        "first_seen_field": "first_seen",
    ]

    /// The feeds for `raw` demo values, generated from `seed`.
    static func feeds(_ raw: [(type: IndicatorType, raw: String)], seed: UInt64, now: Int64) -> [Feed] {
        var random = SplitMix64(seed: seed)
        let tlps: [TLP] = [.clear, .green, .green, .green, .amber, .amber, .amber, .amberStrict, .red]
        let tags = ["botnet", "emotet-like", "phishing-kit", "scanner", "ransomware", "exampleland"]
        var analysts: [String] = [], partner: [String] = [], netset: [String] = []
        var urlhaus = [
            "################################################################",
            "# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #",
            "# demo data: documentation names only                          #",
            "################################################################",
            "#",
            "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter",
        ]
        netset.append("# FireHOL-style netset of demo scanners (documentation ranges only)")
        for (index, item) in raw.enumerated() {
            let firstSeen = now - Int64(random.next() % (30 * 86_400)) * 1000
            let date = timestamp(firstSeen)
            switch item.type {
            case .url where index % 5 != 0:
                let id = 4_000_000 + index
                urlhaus.append(
                    "\"\(id)\",\"\(date)\",\"\(item.raw)\",\"online\",\"\(date)\",\"malware_download\",\"elf,demo\",\"https://urlhaus.abuse.ch/url/\(id)/\",\"demo\"")
            case .ipv4, .ipv6, .cidr4, .cidr6 where index % 4 != 0:
                netset.append(item.raw)
            default:
                let object: [String: Any] = [
                    "id": "demo-\(index)", "value": item.raw, "type": item.type.rawValue,
                    "tlp": random.pick(tlps).rawValue, "threat_type": random.pick(ThreatType.allCases).rawValue,
                    "tags": [random.pick(tags), "demo"], "confidence": 30 + Int(random.next() % 70),
                    "description": "Demo indicator \(index) (documentation data, not a real threat)",
                    "first_seen": date.replacingOccurrences(of: " ", with: "T") + "Z",
                ]
                let line = String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
                if random.next() % 10 == 0 { partner.append(line) } else { analysts.append(line) }
            }
        }
        // A few bad lines, as real feeds have, so the demo's import reports show rejections.
        analysts.insert("{\"value\": \"1.2.3.04\", \"type\": \"ipv4\", \"tlp\": \"GREEN\"}", at: 3)
        netset.insert("256.1.1.1", at: 5)
        return [
            Feed(source: "demo-analysts", format: "jsonl", options: jsonFields, text: analysts.joined(separator: "\n")),
            Feed(source: "demo-feed-alpha", format: "urlhaus-csv", options: [:], text: urlhaus.joined(separator: "\n")),
            Feed(source: "demo-feed-beta", format: "firehol-netset", options: [:], text: netset.joined(separator: "\n")),
            Feed(source: "demo-partner-share", format: "jsonl", options: jsonFields, text: partner.joined(separator: "\n")),
        ]
    }

    static func timestamp(_ millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
