import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: top sites from a Tranco CSV")
struct TopSitesTests {
    static let csv = "1,google.com\n2,facebook.com\r\n3,Bücher.de\n\n# comment\n4,bad..name\nfive,x.com\n6\n7,\n"
        + "8,amazon.com,extra\n9,10.0.0.1\n 10 , wikipedia.org \n100,late.example\n"

    @Test func keepsRanksUpToTheLimitAndReportsBadLines() throws {
        let error = try #require(throws: WarningListError.self) { try WarningList.topSites(csv: Self.csv, limit: 10) }
        #expect(error.list == "top-sites")
        #expect(error.problems.map(\.line) == [6, 7, 8, 9, 11])
        #expect(error.problems.map(\.reason) == [
            "invalid domain: empty label", "rank must be a whole number from 1", "expected rank,domain",
            "missing domain", "invalid domain: last label is numeric",
        ])
        #expect(error.problems[0].text == "4,bad..name")
        let list = error.validEntries
        #expect(list.entries.map(\.description) == [
            "google.com", "facebook.com", "xn--bcher-kva.de", "amazon.com", "wikipedia.org",
        ])
        #expect(list.options == [.wwwVariants])
    }

    @Test func limitCountsRanksNotLines() throws {
        let list = try WarningList.topSites(csv: "3,c.com\n1,a.com\n2,b.com\n", limit: 2)
        #expect(list.entries.map(\.description) == ["a.com", "b.com"])
        #expect(try WarningList.topSites(csv: "", limit: 5).entries.isEmpty)
        #expect(throws: WarningListError.self) { try WarningList.topSites(csv: "1,a.com", limit: 0) }
    }

    @Test func matchesExactNamesAndWWW() throws {
        let sites = try WarningList.topSites(csv: "1,google.com\n2,www.bbc.co.uk\n3,github.com", limit: 10)
        let set = WarningListSet.builtIn(excluding: WarningList.documentationListNames, adding: [sites])
        for c in [
            WarningCase(.domain, "google.com", "top-sites", "google.com", .equal),
            WarningCase(.domain, "WWW.Google.com", "top-sites", "www.google.com", .equal),
            WarningCase(.domain, "mail.google.com"),
            WarningCase(.domain, "www.mail.google.com"),
            WarningCase(.domain, "wwwgoogle.com"),
            WarningCase(.domain, "www.bbc.co.uk", "top-sites", "www.bbc.co.uk"),
            WarningCase(.domain, "www.www.bbc.co.uk", "top-sites", "www.www.bbc.co.uk"),
            WarningCase(.domain, "bbc.co.uk"),
            WarningCase(.domainSuffix, "*.google.com", "top-sites", "google.com", .covers),
            WarningCase(.domainSuffix, "*.www.google.com", "top-sites", "www.google.com", .covers),
            WarningCase(.domainSuffix, "*.co.uk", "top-sites", "www.bbc.co.uk", .covers),
            WarningCase(.domainSuffix, "*.mail.google.com"),
            WarningCase(.url, "https://www.google.com/url?q=https://evil.example/", "top-sites", "www.google.com"),
            WarningCase(.url, "https://evil.github.io/x"),
            WarningCase(.email, "phisher@google.com"),
        ] {
            try c.verify(set)
        }
    }
}
