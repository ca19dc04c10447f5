import Foundation

/// Reads organisations from JSON: an array of objects, or `{"organisations": [...]}`, with the
/// field names of `OrganisationFields.names`; lists are JSON arrays (or one string as in CSV).
public enum OrganisationJSONReader {
    /// Reads `data`; a bad element is reported with its position and field, the others go on.
    public static func read(_ data: [UInt8]) -> OrganisationImport {
        var result = OrganisationImport()
        let items: [Item]
        do {
            let decoder = JSONDecoder()
            if let list = try? decoder.decode([Item].self, from: Data(data)) {
                items = list
            } else {
                items = try decoder.decode(Wrapped.self, from: Data(data)).organisations
            }
        } catch {
            result.problems.append(.init(.item(0), field: nil, "expected JSON: an array of organisations or {\"organisations\": [...]}"))
            return result
        }
        for (index, item) in items.enumerated() {
            let position = OrganisationImportProblem.Position.item(index + 1)
            guard let object = item.fields else {
                result.problems.append(.init(position, field: nil, "not an object"))
                continue
            }
            var fields: [String: OrganisationFields.Value] = [:]
            var bad = false
            for (key, field) in object {
                switch field {
                case .value(let value): fields[key] = value
                case .null: continue
                case .invalid:
                    result.problems.append(.init(position, field: key, "must be a string, number, boolean or list of strings"))
                    bad = true
                }
            }
            if let profile = OrganisationFields.profile(fields, at: position, problems: &result.problems), !bad {
                result.profiles.append((position, profile))
            }
        }
        return result
    }

    private struct Wrapped: Decodable {
        let organisations: [Item]
    }

    /// One array element: an object of fields, or nil when it is something else.
    private struct Item: Decodable {
        let fields: [String: Field]?

        init(from decoder: any Decoder) throws {
            fields = try? decoder.singleValueContainer().decode([String: Field].self)
        }
    }

    /// One field, decoded strictly so `1` is not read as `true`.
    private enum Field: Decodable {
        case value(OrganisationFields.Value)
        case null
        case invalid

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .value(.flag(flag))
            } else if let number = try? container.decode(Int.self) {
                self = .value(.number(number))
            } else if let text = try? container.decode(String.self) {
                self = .value(.text(text))
            } else if let list = try? container.decode([String].self) {
                self = .value(.list(list))
            } else {
                self = .invalid
            }
        }
    }
}
