import Testing
import VigilMatch

@Suite("Syslog messages: the log line inside")
struct SyslogMessageTests {
    private func line(_ text: String) throws -> String {
        String(decoding: try SyslogMessage.line(of: Array(text.utf8)), as: UTF8.self)
    }

    @Test("RFC 3164 keeps the BSD time and tag, which the scanners read")
    func bsd() throws {
        #expect(try line("<30>Nov 26 00:00:01 resolver unbound: [812:0] info: 192.0.2.1 a.example. A IN\n")
                == "Nov 26 00:00:01 resolver unbound: [812:0] info: 192.0.2.1 a.example. A IN")
    }

    @Test("RFC 5424 gives MSG, after structured data (with escaped brackets) and a byte order mark")
    func structured() throws {
        #expect(try line("<30>1 2026-11-26T00:00:01.123Z resolver unbound 812 - - info: 192.0.2.1 a.example. A IN")
                == "info: 192.0.2.1 a.example. A IN")
        #expect(try line(#"<165>1 2026-11-26T00:00:01Z host app - ID47 [exampleSDID@32473 iut="3" note="a \] b"][x@1 y="z"] \#u{FEFF}client 192.0.2.1#5 (a.example): query: a.example IN A +"#)
                == "client 192.0.2.1#5 (a.example): query: a.example IN A +")
    }

    @Test("a message without a priority or with a cut header is refused")
    func refused() {
        #expect(throws: SyslogMessage.Problem.missingPriority) { try SyslogMessage.line(of: Array("info: 192.0.2.1 a.example. A IN".utf8)) }
        #expect(throws: SyslogMessage.Problem.missingPriority) { try SyslogMessage.line(of: Array("<3x>Nov".utf8)) }
        #expect(throws: SyslogMessage.Problem.truncatedHeader) { try SyslogMessage.line(of: Array("<30>1 2026-11-26T00:00:01Z host".utf8)) }
    }
}
