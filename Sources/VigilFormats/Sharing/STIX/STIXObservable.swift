import Foundation
import VigilCore

/// How an indicator value is written in STIX 2.1: its pattern and its cyber-observable object.
public enum STIXObservable {
    /// The STIX pattern matching `value` (a domain with subdomains also matches below it).
    public static func pattern(_ value: IndicatorValue) -> String {
        let v = quoted(value.canonical)
        switch value.type {
        case .ipv4: return "[ipv4-addr:value = \(v)]"
        case .cidr4: return "[ipv4-addr:value ISSUBSET \(v)]"
        case .ipv6: return "[ipv6-addr:value = \(v)]"
        case .cidr6: return "[ipv6-addr:value ISSUBSET \(v)]"
        case .domain: return "[domain-name:value = \(v)]"
        case .domainSuffix: return "[domain-name:value = \(v) OR domain-name:value LIKE \(quoted("%." + value.canonical))]"
        case .url: return "[url:value = \(v)]"
        case .email: return "[email-addr:value = \(v)]"
        case .md5: return "[file:hashes.MD5 = \(v)]"
        case .sha1: return "[file:hashes.'SHA-1' = \(v)]"
        case .sha256: return "[file:hashes.'SHA-256' = \(v)]"
        case .asn: return "[autonomous-system:number = \(value.canonical.dropFirst(2))]"
        }
    }

    /// The observable's type, and its id-contributing properties written by `write` (which
    /// serves for the id and for the object alike).
    public static func object(_ value: IndicatorValue) -> (type: String, write: (inout JSONWriter) -> Void) {
        switch value.type {
        case .ipv4, .cidr4: return ("ipv4-addr", { $0.field("value", value.canonical) })
        case .ipv6, .cidr6: return ("ipv6-addr", { $0.field("value", value.canonical) })
        case .domain, .domainSuffix: return ("domain-name", { $0.field("value", value.canonical) })
        case .url: return ("url", { $0.field("value", value.canonical) })
        case .email: return ("email-addr", { $0.field("value", value.canonical) })
        case .md5, .sha1, .sha256:
            let algorithm = value.type == .md5 ? "MD5" : value.type == .sha1 ? "SHA-1" : "SHA-256"
            return ("file", { w in w.key("hashes"); w.beginObject(); w.field(algorithm, value.canonical); w.endObject() })
        case .asn: return ("autonomous-system", { $0.field("number", Int(value.canonical.dropFirst(2)) ?? 0) })
        }
    }

    /// The observable's deterministic id.
    public static func id(_ value: IndicatorValue) -> String {
        let (type, write) = object(value)
        var writer = JSONWriter()
        writer.beginObject()
        write(&writer)
        writer.endObject()
        return STIXIdentifier.observable(type: type, contributing: writer.bytes)
    }

    /// A STIX pattern string literal: quotes and backslashes escaped.
    static func quoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x27 || $0 == 0x5C }) { return "'" + text + "'" }
        return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
