import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

@Suite("Listen addresses")
struct ListenAddressTests {
    typealias ListenAddress = VigilConfiguration.ListenAddress

    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080),
        ("0.0.0.0:80", "0.0.0.0", 80),
        ("localhost:1", "localhost", 1),
        ("vigil.cert.example:65535", "vigil.cert.example", 65535),
        ("[::1]:8080", "::1", 8080),
        ("[::]:443", "::", 443),
        ("[fe80::1%eth0]:9000", "fe80::1%eth0", 9000),
        (" 127.0.0.1:8080 ", "127.0.0.1", 8080),
    ])
    func parsesValidAddresses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(try ListenAddress(parsing: address.description) == address)
    }

    @Test(arguments: [
        ("127.0.0.1", "missing port"),
        (":80", "missing host"),
        ("host:0", "port 0 out of range 1…65535"),
        ("host:65536", "port 65536 out of range 1…65535"),
        ("host:99999999999999999999999", "out of range 1…65535"),
        ("host:abc", "port \"abc\" is not a number"),
        ("host:-1", "is not a number"),
        ("host:", "missing port"),
        ("", "empty address"),
        ("::1:8080", "put an IPv6 address in brackets"),
        ("[::1]", "missing port"),
        ("[::1:8080", "missing \"]\""),
        ("[]:80", "is not an IPv6 address"),
        ("[127.0.0.1]:80", "is not an IPv6 address"),
        ("my host:80", "is not a host name or IP address"),
        ("http://127.0.0.1:8080", "put an IPv6 address in brackets"),
    ])
    func rejectsInvalidAddresses(text: String, fragment: String) {
        #expect {
            try ListenAddress(parsing: text)
        } throws: { error in
            let message = (error as? ConfigurationError.InvalidValue)?.message ?? ""
            return message.contains(fragment)
        }
    }

    @Test func descriptionBracketsIPv6() {
        #expect(ListenAddress(host: "::1", port: 8080).description == "[::1]:8080")
        #expect(ListenAddress(host: "127.0.0.1", port: 8080).description == "127.0.0.1:8080")
    }

    @Test(arguments: [
        ("127.0.0.1", "server.listen"),
        (":80", "server.listen"),
        ("host:0", "server.listen"),
        ("host:abc", "server.listen"),
    ])
    func badListenInFileIsReportedWithLine(text: String, key: String) throws {
        let problems = configurationProblems("log:\n  level: info\nserver:\n  listen: \"\(text)\"\n")
        try #require(problems.count == 1)
        #expect(problems[0].line == 4)
        #expect(problems[0].key == key)
    }

    @Test func unquotedIPv6InYAMLIsAList() throws {
        // `listen: [::1]:8080` is not valid YAML (a flow sequence followed by text); the sample
        // tells people to quote it. The error must still point at the line.
        let problems = configurationProblems("server:\n  listen: [::1]:8080\n")
        try #require(problems.count == 1)
        #expect(problems[0].line == 2)
    }
}
