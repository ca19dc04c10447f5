import Foundation

/// Builds the OpenAPI 3.1 document from the endpoint table, so every registered route is described.
enum OpenAPIDocument {
    static func build(endpoints: [Endpoint], version: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints {
            paths[endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = operation(endpoint)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Vigil API", "version": version,
                "description": "Threat monitoring and mitigation platform for CERTs. Every read is filtered by role, TLP and constituency.",
            ],
            "paths": paths,
            "components": [
                "schemas": OpenAPISchemas.all,
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "API token (vgl_…)"],
                    "basic": ["type": "http", "scheme": "basic"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "vigil_session"],
                ],
            ],
        ]
    }

    static func operation(_ endpoint: Endpoint) -> [String: Any] {
        var operation: [String: Any] = [
            "summary": endpoint.summary, "tags": [endpoint.tag],
            "operationId": operationID(endpoint),
        ]
        var parameters: [[String: Any]] = endpoint.pathParameters.map {
            ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += endpoint.query.map {
            ["name": $0.name, "in": "query", "required": false, "description": $0.description, "schema": ["type": $0.type]]
        }
        if !parameters.isEmpty { operation["parameters"] = parameters }
        if let request = endpoint.requestSchema {
            operation["requestBody"] = [
                "required": true,
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]],
            ]
        }
        var success: [String: Any] = ["description": endpoint.summary]
        if let response = endpoint.responseSchema {
            success["content"] = [endpoint.responseMediaType: ["schema": ["$ref": "#/components/schemas/\(response)"]]]
        } else if endpoint.successStatus != 204 {
            success["content"] = [endpoint.responseMediaType: ["schema": ["type": "string"]]]
        }
        var responses: [String: Any] = [String(endpoint.successStatus): success]
        let problem: [String: Any] = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
        if endpoint.access != .public {
            operation["security"] = [["bearer": []], ["basic": []], ["session": []]]
            responses["401"] = ["description": "Not logged in", "content": problem]
            responses["403"] = ["description": "Role not allowed", "content": problem]
        } else {
            operation["security"] = [[String: Any]]()
        }
        if endpoint.requestSchema != nil || !endpoint.query.isEmpty {
            responses["422"] = ["description": "Invalid input; `field` names the field", "content": problem]
        }
        operation["responses"] = responses
        return operation
    }

    static func operationID(_ endpoint: Endpoint) -> String {
        let words = endpoint.path.split(separator: "/").map { part -> String in
            let clean = part.replacingOccurrences(of: "{", with: "by-").replacingOccurrences(of: "}", with: "")
            return clean.replacingOccurrences(of: ".", with: "-")
        }
        return ([endpoint.method.rawValue.lowercased()] + words).joined(separator: "_")
    }

    static func json(endpoints: [Endpoint], version: String) -> Data {
        (try? JSONSerialization.data(
            withJSONObject: build(endpoints: endpoints, version: version), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
