import Testing
import VigilCore
import VigilMatch

@Suite("Flows and proxy logs: zeek-conn, flow-csv, squid, zeek-http")
struct FlowAndProxyScannerTests {
    @Test("zeek-conn: both ends looked up, v4 and v6, the other end recorded as the client")
    func zeekConn() throws {
        let (stats, hits) = scanSample(try telemetrySample("zeek-conn.log"), .zeekConn, set: try sampleIndicators())
        #expect(hitLines(hits) == ["net-198@5", "host-203@6", "net-v6@7"])
        #expect(hits[0].client == "10.1.2.3" && hits[0].observed == "198.51.100.7")
        #expect(hits[2].client == "2001:db8:1::5")
        #expect(stats.malformed == 2 && stats.samples.map(\.reason) == ["id.resp_h", "truncated line: fewer fields than #fields names"])
    }

    @Test("flow-csv: header columns, CRLF, seconds and milliseconds, bad addresses and short rows reported")
    func flowCSV() throws {
        let (stats, hits) = scanSample(try telemetrySample("flows.csv"), .flowCSV, set: try sampleIndicators())
        #expect(hitLines(hits) == ["net-198@2", "host-203@3", "net-v6@4", "net-198@7", "net-198@7"])
        #expect(hits[3].time == 1_764_115_206_123 && hits[0].time == 1_764_115_201_000)
        #expect(stats.records == 4 && stats.skipped == 1 && stats.malformed == 2)
        #expect(stats.samples.map(\.reason) == ["destination address", "truncated line: address columns missing"])
    }

    @Test("flow-csv: a numeric column map needs no header; a header without address columns is reported")
    func flowColumnMap() throws {
        let map = try FlowCSVScanner.ColumnMap(parsing: "src=1, dst=2, time=0")
        let (stats, hits) = scanSample(Array("1764115201,10.0.0.1,203.0.113.200\n".utf8), .flowCSV, set: try sampleIndicators(), columns: map)
        #expect(hitLines(hits) == ["host-203@1"] && stats.skipped == 0)
        let (bad, _) = scanSample(Array("a,b,c\n1,2,3\n".utf8), .flowCSV, set: try sampleIndicators())
        #expect(bad.malformed == 2 && bad.samples[0].reason.contains("give a column map"))
        #expect(throws: FlowCSVScanner.ColumnMapError.self) { try FlowCSVScanner.ColumnMap(parsing: "port=3") }
    }

    @Test("squid: URL, host and server address; CONNECT host:port; bad time and truncated lines reported")
    func squid() throws {
        let (stats, hits) = scanSample(try telemetrySample("squid-access.log"), .squid, set: try sampleIndicators())
        #expect(Set(hitLines(hits)) == ["www-evil@1", "landing-url@1", "bad-cdn@2", "net-198@2", "net-198@4"])
        #expect(hits.count == 5)
        #expect(stats.malformed == 2 && stats.samples.map(\.line) == [5, 6])
        #expect(stats.samples[0].reason == "time")
        #expect(hits.first { sampleName($0.indicator) == "landing-url" }?.client == "192.0.2.10")
    }

    @Test("zeek-http: host (port dropped) against domains, host + uri against URLs")
    func zeekHTTP() throws {
        let (stats, hits) = scanSample(try telemetrySample("zeek-http.log"), .zeekHTTP, set: try sampleIndicators())
        #expect(Set(hitLines(hits)) == ["www-evil@5", "landing-url@5", "phish-url@6"])
        #expect(hits.count == 3 && stats.malformed == 1 && stats.skipped == 5)
    }
}
