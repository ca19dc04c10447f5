import VigilCore
import VigilStore

extension ConstituencyService {
    /// An organisation with what it holds, as shown to a reader.
    public struct Organisation: Sendable, Hashable {
        /// The record (its webhook secret is never shown).
        public var record: OrganisationRecord
        /// Networks, domains, ASes and contacts.
        public var resources: OrganisationResources
    }

    /// One organisation with its resources, if `principal` may read it.
    public func find(id: String, for principal: Principal) async throws -> Organisation {
        guard principal.role.readsEveryOrganisation || id == principal.organisationID,
              let record = try await OrganisationStore(database.sql).find(id: id)
        else { throw ServiceError.notFound("organisation \(id)") }
        return Organisation(record: record, resources: try await OrganisationStore(database.sql).resources(of: id))
    }

    /// The organisation owning a resource (address, network, domain, URL, e-mail, AS), for staff.
    public func owner(of value: IndicatorValue, for principal: Principal) async throws -> OrganisationRecord? {
        guard principal.role.readsEveryOrganisation else { throw ServiceError.forbidden("only CERT staff look up owners") }
        guard let id = owners.current.owner(of: value) else { return nil }
        return try await OrganisationStore(database.sql).find(id: id)
    }
}
