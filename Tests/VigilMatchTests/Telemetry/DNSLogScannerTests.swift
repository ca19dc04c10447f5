import Testing
import VigilCore
import VigilMatch

@Suite("DNS query logs: unbound, bind, zeek-dns")
struct DNSLogScannerTests {
    @Test("unbound: names of any case with trailing dots hit, subdomains of a suffix hit, look-alikes do not")
    func unbound() throws {
        let (stats, hits) = scanSample(try telemetrySample("unbound.log"), .unbound, set: try sampleIndicators())
        #expect(hitLines(hits) == ["www-evil@2", "bad-cdn@4", "bad-cdn@5"])
        #expect(stats.lines == 9 && stats.records == 5 && stats.skipped == 2 && stats.malformed == 2)
        #expect(stats.samples.map(\.line) == [7, 8])
        #expect(stats.samples[0].reason.contains("truncated"))
        #expect(stats.samples[1].reason == "not an Unbound log line")
        #expect(hits[0].client == "192.0.2.10" && hits[0].time == 1_764_115_201_000)
        #expect(hits[0].observed == "www.Evil-Domain.example.")
        #expect(hits[1].client == "2001:db8::53")
        // The syslog line carries no year: the scanner's (2026) completes it.
        #expect(hits[2].time == 1_795_651_204_000)
    }

    @Test("bind: with and without the client handle, syslog lines, other categories skipped")
    func bind() throws {
        let (stats, hits) = scanSample(try telemetrySample("bind.log"), .bind, set: try sampleIndicators())
        #expect(hitLines(hits) == ["www-evil@1", "bad-cdn@3", "evil@6"])
        #expect(stats.records == 4 && stats.skipped == 1 && stats.malformed == 1)
        #expect(stats.samples.first?.line == 5)
        #expect(hits[0].client == "192.0.2.10" && hits[0].time == 1_795_651_201_123)
        #expect(hits[1].client == "2001:db8::53")
        #expect(hits[2].client == "192.0.2.16" && hits[2].time == 1_795_651_206_000)
    }

    @Test("zeek-dns TSV: columns from #fields, unset queries skipped, bad and truncated rows reported")
    func zeekDNSTSV() throws {
        let (stats, hits) = scanSample(try telemetrySample("zeek-dns.log"), .zeekDNS, set: try sampleIndicators())
        #expect(hitLines(hits) == ["www-evil@9"])
        #expect(hits[0].time == 1_764_115_201_123 && hits[0].client == "192.0.2.10")
        #expect(stats.malformed == 2)
        #expect(stats.samples.map(\.line) == [12, 13])
        #expect(stats.samples[0].reason == "id.orig_h")
        #expect(stats.samples[1].reason.contains("truncated"))
    }

    @Test("zeek-dns JSON: epoch and ISO 8601 times, a truncated object reported")
    func zeekDNSJSON() throws {
        let (stats, hits) = scanSample(try telemetrySample("zeek-dns.json"), .zeekDNS, set: try sampleIndicators())
        #expect(hitLines(hits) == ["www-evil@1", "bad-cdn@2"])
        #expect(hits[1].time == 1_795_651_202_000 && hits[1].client == "2001:db8::53")
        #expect(stats.malformed == 1 && stats.samples.first?.line == 4)
    }

    @Test("data before a #fields header is malformed, not guessed")
    func zeekWithoutHeader() throws {
        let line = Array("1764115201.0\tC1\t192.0.2.10\t1\t192.0.2.1\t53\tudp\t1\t-\twww.evil-domain.example\n".utf8)
        let (stats, hits) = scanSample(line, .zeekDNS, set: try sampleIndicators())
        #expect(hits.isEmpty && stats.malformed == 1)
        #expect(stats.samples.first?.reason == "data before the #fields header")
    }
}
