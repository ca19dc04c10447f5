import HTTPTypes
import VigilCore

/// Who may call an endpoint.
public enum EndpointAccess: Sendable, Hashable {
    /// Anyone, without logging in (health, login page, OpenAPI document).
    case `public`
    /// Any logged-in user; the handler narrows what each one sees.
    case authenticated
    /// Logged-in users with one of these roles.
    case roles(Set<Role>)

    /// CERT staff: administrators and analysts.
    public static let staff = EndpointAccess.roles([.admin, .analyst])
    /// Administrators only.
    public static let admin = EndpointAccess.roles([.admin])

    /// Whether `role` passes (for non-public access).
    public func allows(_ role: Role) -> Bool {
        switch self {
        case .public, .authenticated: true
        case .roles(let roles): roles.contains(role)
        }
    }
}

/// A query parameter, for the OpenAPI document.
public struct QueryParameter: Sendable, Hashable {
    /// Name.
    public let name: String
    /// JSON schema type: `string` or `integer`.
    public let type: String
    /// What it does.
    public let description: String

    /// Creates a parameter description.
    public init(_ name: String, _ type: String = "string", _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}

/// One route: its method, path, access rule and documentation. The router and the OpenAPI
/// document are both built from the same list of endpoints, so they cannot drift apart.
public struct Endpoint: Sendable, Hashable {
    /// HTTP method.
    public let method: HTTPRequest.Method
    /// Path with `{name}` parameters.
    public let path: String
    /// One line for the OpenAPI document.
    public let summary: String
    /// OpenAPI tag (group).
    public let tag: String
    /// Who may call it.
    public let access: EndpointAccess
    /// Name of the request body schema, if it takes JSON.
    public let requestSchema: String?
    /// Name of the success response schema; nil for non-JSON answers.
    public let responseSchema: String?
    /// Success status.
    public let successStatus: Int
    /// Query parameters.
    public let query: [QueryParameter]
    /// Media type of the success response.
    public let responseMediaType: String

    /// Creates an endpoint description.
    public init(
        _ method: HTTPRequest.Method, _ path: String, summary: String, tag: String, access: EndpointAccess,
        request: String? = nil, response: String? = nil, status: Int = 200, query: [QueryParameter] = [],
        mediaType: String = "application/json"
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.access = access
        self.requestSchema = request
        self.responseSchema = response
        self.successStatus = status
        self.query = query
        self.responseMediaType = mediaType
    }

    /// Path parameters, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }
}
