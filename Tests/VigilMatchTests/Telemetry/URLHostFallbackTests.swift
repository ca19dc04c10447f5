import Testing
import VigilCore
import VigilMatch

@Suite("URL indicators that also hit on their host alone")
struct URLHostFallbackTests {
    private func set(fallback: Bool) throws -> (IndicatorSet, IndicatorValue) {
        var builder = IndicatorSet.Builder()
        let url = try IndicatorValue(parsing: "http://Phish.Example.org/login", as: .url)
        if fallback {
            let added = builder.addHostFallback(for: url)
            #expect(added)
        } else {
            builder.add(url)
        }
        let addressHost = builder.addHostFallback(for: try IndicatorValue(parsing: "http://192.0.2.1/x", as: .url))
        #expect(!addressHost, "address hosts stay URL-only")
        return (builder.build(), url)
    }

    @Test("a DNS query or a CONNECT for the host hits the URL only when the indicator asks for it")
    func fallbackOnlyWhereAsked() throws {
        let dns = Array("[1795651200] unbound[1:0] info: 192.0.2.10 PHISH.example.org. A IN\n".utf8)
        let connect = Array("1795651200.000 5 192.0.2.11 TCP_TUNNEL/200 1 CONNECT phish.example.org:443 - HIER_DIRECT/198.51.100.9 -\n".utf8)
        let other = Array("1795651200.000 5 192.0.2.12 TCP_MISS/200 1 GET http://phish.example.org/other - HIER_DIRECT/198.51.100.9 -\n".utf8)
        let (with, url) = try set(fallback: true)
        #expect(scanSample(dns, .unbound, set: with).1.map(\.indicator) == [url])
        #expect(scanSample(connect, .squid, set: with).1.map(\.indicator) == [url])
        // A line with a URL is matched by its URL: another path on the host is not this indicator.
        #expect(scanSample(other, .squid, set: with).1.isEmpty)
        let (without, _) = try set(fallback: false)
        #expect(scanSample(dns, .unbound, set: without).1.isEmpty)
        #expect(scanSample(connect, .squid, set: without).1.isEmpty)
    }
}
