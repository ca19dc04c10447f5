import Foundation

extension VigilConfiguration {
    /// Where the server listens: a host (name, IPv4 or IPv6 address) and a TCP port.
    ///
    /// Written `HOST:PORT`, with IPv6 addresses in brackets: `127.0.0.1:8080`,
    /// `0.0.0.0:80`, `[::1]:8080`, `localhost:8080`.
    public struct ListenAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// Ports that may be configured.
        public static let portRange = 1...65535

        /// Host name or address, without brackets (`::1`, not `[::1]`).
        public var host: String
        /// TCP port, 1…65535.
        public var port: Int

        /// Creates an address without validating it.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Parses `HOST:PORT` (IPv6 hosts in brackets), rejecting a missing host or port and
        /// ports outside 1…65535.
        public init(parsing text: String) throws(ConfigurationError.InvalidValue) {
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                throw .init("empty address (expected HOST:PORT, e.g. 127.0.0.1:8080)")
            }
            let host: Substring
            let portText: Substring
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else {
                    throw .init("\"\(text)\": missing \"]\" after IPv6 address")
                }
                host = text[text.index(after: text.startIndex)..<close]
                let rest = text[text.index(after: close)...]
                guard rest.hasPrefix(":") else {
                    throw .init("\"\(text)\": missing port (expected [ADDRESS]:PORT, e.g. [::1]:8080)")
                }
                portText = rest.dropFirst()
                guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || ":.%".contains($0) || $0.isLetter }),
                      host.contains(":")
                else {
                    throw .init("\"\(text)\": \"\(host)\" is not an IPv6 address")
                }
            } else {
                guard let colon = text.lastIndex(of: ":") else {
                    throw .init("\"\(text)\": missing port (expected HOST:PORT, e.g. \(text):8080)")
                }
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
                if host.contains(":") {
                    throw .init("\"\(text)\": put an IPv6 address in brackets, e.g. [::1]:8080")
                }
                guard !host.isEmpty else {
                    throw .init(
                        "\"\(text)\": missing host (use 0.0.0.0\(text) for all interfaces, 127.0.0.1\(text) for this machine)"
                    )
                }
                guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
                    throw .init("\"\(text)\": \"\(host)\" is not a host name or IP address")
                }
            }
            guard !portText.isEmpty else {
                throw .init("\"\(text)\": missing port after \":\"")
            }
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .init("\"\(text)\": port \"\(portText)\" is not a number")
            }
            guard let port = Int(portText), Self.portRange.contains(port) else {
                throw .init("port \(portText) out of range \(Self.portRange.lowerBound)…\(Self.portRange.upperBound)")
            }
            self.init(host: String(host), port: port)
        }

        /// `HOST:PORT`, with an IPv6 host in brackets; parses back to the same address.
        public var description: String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
