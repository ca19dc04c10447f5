import AsyncHTTPClient
import Foundation
import NIOCore
import VigilFormats
import VigilStore

/// Pulls a MISP feed over HTTP (a `misp-feed` source: its location is the feed's base URL):
/// `manifest.json`, then the event files changed since the last pull (the newest event
/// timestamp seen is kept in the source's `lastModified`), handed to the `misp` format as one
/// list of events.
public struct MISPFeedCollector: Sendable {
    /// What a pull brought.
    public struct Pull: Sendable {
        /// The changed events as one JSON list.
        public var events: [UInt8]
        public var count: Int
        /// The newest event timestamp (epoch milliseconds, as text) to pull after next time.
        public var mark: String?
        /// Manifest entries that could not be read.
        public var rejections: [FeedRejection]
    }

    let timeoutSeconds: Int64

    /// A collector.
    public init(timeoutSeconds: Int64 = 120) { self.timeoutSeconds = timeoutSeconds }

    /// Pulls the events changed since the source's mark, at most `source.maxBytes` in all.
    public func pull(_ source: SourceRecord) async throws -> Pull {
        let base = source.location.hasSuffix("/") ? source.location : source.location + "/"
        var budget = source.maxBytes
        let index: MISPFeedIndex
        do { index = try MISPFeedIndex(manifest: try await fetch(base + "manifest.json", budget: &budget)) } catch let rejection as FeedRejection {
            throw HTTPCollector.Failure(message: "\(base)manifest.json: \(rejection.reason)")
        }
        let changed = index.entries(changedAfter: source.lastModified.flatMap { Int64($0) })
        var events: [UInt8] = [0x5B]
        for (n, entry) in changed.enumerated() {
            if n > 0 { events.append(0x2C) }
            events += try await fetch(base + entry.fileName, budget: &budget)
        }
        events.append(0x5D)
        let newest = changed.compactMap(\.timestamp).max().map(String.init) ?? source.lastModified
        return Pull(events: events, count: changed.count, mark: newest, rejections: index.rejections)
    }

    private func fetch(_ url: String, budget: inout Int) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Vigil/0.1 (MISP feed collector)")
        let response: HTTPClientResponse
        do { response = try await HTTPClient.shared.execute(request, deadline: .now() + .seconds(timeoutSeconds)) } catch {
            throw HTTPCollector.Failure(message: "cannot fetch \(url): \(error)")
        }
        guard response.status == .ok else {
            throw HTTPCollector.Failure(message: "\(url) answered HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
        do {
            let body = try await response.body.collect(upTo: max(1, budget))
            budget -= body.readableBytes
            return Array(buffer: body)
        } catch {
            throw HTTPCollector.Failure(message: "\(url): more than the source's max_bytes in all, or the answer broke off (\(error))")
        }
    }
}
