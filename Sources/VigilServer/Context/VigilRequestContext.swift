import Foundation
import Hummingbird
import NIOCore
import VigilCore
import VigilStore

/// Per-request state: who is calling and how they proved it.
public struct VigilRequestContext: RequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, if any.
    public var principal: Principal?
    /// The UI session, when the caller authenticated with the session cookie (then CSRF applies).
    public var session: SessionRecord?
    /// The user's language setting, when the caller is a logged-in user of the UI.
    public var userLanguage: String?
    /// Why authentication failed, when credentials were sent but rejected.
    public var authenticationFailure: String?
    /// The peer's address, for rate limiting and audit.
    public let clientAddress: String
    /// Largest request body that will be read, set from the configuration by `BodyLimitMiddleware`.
    public var maxUploadSize: Int = 10_485_760

    /// Creates a context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Decodes request bodies as strict JSON.
    public var requestDecoder: JSONDecoder { JSONDecoder() }

    /// Encodes responses with sorted keys, so that output is stable.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
