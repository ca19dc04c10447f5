import Foundation
import VigilCore

/// Vigil's configuration: a YAML file (`vigil.yaml`, see ``sampleYAML``) overridden by
/// environment variables (``environmentVariables``).
///
/// Reading is strict: unknown keys, wrong types and out-of-range values are errors, and
/// every problem is reported at once with file, line and dotted key path
/// (``ConfigurationError``).
///
/// Adding a section (sources, sensors, blocklists, partners, …):
/// 1. a nested `public struct` in its own file with defaults in `init(…)`, and an
///    `init(from mapping: ConfigMapping)` that reads its keys (see ``Database``);
/// 2. a stored property here, set in `init(from:)` below with `mapping.section("name", …)`
///    (lists: `mapping.value("name")?.sequence()`, then `item.mapping(…)` per element);
/// 3. the keys with their defaults in ``sampleYAML`` (a test checks it lists every key).
public struct VigilConfiguration: Sendable, Equatable {
    /// `data_dir`: directory for the SQLite database, blobs and exports, relative to the
    /// working directory unless absolute (`./vigil-data`).
    public var dataDir: String
    /// `database:` section.
    public var database: Database
    /// `server:` section.
    public var server: Server
    /// `auth:` section.
    public var auth: Auth
    /// `log:` section.
    public var log: Log
    /// `warning_lists:` section.
    public var warningLists: WarningLists
    /// `sources:` list.
    public var sources: [ConfiguredSource]
    /// `blocklists:` list: the policies of the lists operators fetch.
    public var blocklists: [BlocklistPolicy]
    /// `zone_transfer:` section: the blocklists' RPZ zones over DNS.
    public var zoneTransfer: ZoneTransfer
    /// `matching:` section: telemetry hits and sightings.
    public var matching: Matching
    /// `sensors:` list: telemetry `vigil serve` matches as it arrives.
    public var sensors: [Sensor]
    /// `notices:` section: notices to the constituency.
    public var notices: Notices
    /// `sharing:` section: partners and the cross-border gate.
    public var sharing: Sharing

    /// Creates a configuration; the defaults are Vigil's defaults.
    public init(
        dataDir: String = "./vigil-data",
        database: Database = Database(),
        server: Server = Server(),
        auth: Auth = Auth(),
        log: Log = Log(),
        warningLists: WarningLists = WarningLists(),
        sources: [ConfiguredSource] = [],
        blocklists: [BlocklistPolicy] = [],
        zoneTransfer: ZoneTransfer = ZoneTransfer(),
        matching: Matching = Matching(),
        sensors: [Sensor] = [],
        notices: Notices = Notices(),
        sharing: Sharing = Sharing()
    ) {
        self.dataDir = dataDir
        self.database = database
        self.server = server
        self.auth = auth
        self.log = log
        self.warningLists = warningLists
        self.sources = sources
        self.blocklists = blocklists
        self.zoneTransfer = zoneTransfer
        self.matching = matching
        self.sensors = sensors
        self.notices = notices
        self.sharing = sharing
    }

    /// The configuration used when there is no file and no environment variable.
    public static let `default` = VigilConfiguration()

    /// ``Database/url``, or `sqlite:<data_dir>/vigil.sqlite` when unset.
    public var resolvedDatabaseURL: String {
        if let url = database.url { return url }
        var directory = Substring(dataDir)
        while directory.count > 1, directory.hasSuffix("/") { directory = directory.dropLast() }
        return directory == "/" ? "sqlite:/vigil.sqlite" : "sqlite:\(directory)/vigil.sqlite"
    }

    /// Reads the configuration from YAML text, without looking at the environment.
    ///
    /// - Parameter file: the name used in error messages (usually the path).
    /// - Throws: ``ConfigurationError`` listing every problem found.
    public static func parse(yaml: String, file: String) throws -> VigilConfiguration {
        let (configuration, diagnostics) = decode(yaml: yaml, file: file)
        try diagnostics.throwIfProblems()
        return configuration
    }

    /// Reads the configuration file (if any), then applies the environment variables.
    ///
    /// - Parameters:
    ///   - file: path of the YAML file; `nil` means defaults plus environment.
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``ConfigurationError`` listing every problem in the file and the
    ///   environment, or saying that the file cannot be read.
    public static func load(file: String?, environment: [String: String]) throws -> VigilConfiguration {
        var configuration = VigilConfiguration.default
        let problems = ConfigurationDiagnostics(file: file)
        if let file {
            if let text = readFile(file, reportingTo: problems) {
                let (decoded, fileProblems) = decode(yaml: text, file: file)
                configuration = decoded
                problems.append(contentsOf: fileProblems)
            }
        }
        let environmentProblems = configuration.applyEnvironment(environment)
        problems.append(contentsOf: environmentProblems)
        try problems.throwIfProblems()
        return configuration
    }

    /// Decodes YAML text, collecting problems instead of throwing. On problems the
    /// configuration returned holds defaults where values were wrong; do not use it.
    static func decode(yaml: String, file: String) -> (VigilConfiguration, ConfigurationDiagnostics) {
        let diagnostics = ConfigurationDiagnostics(file: file)
        let configuration = ConfigNode.root(yaml: yaml, diagnostics: diagnostics)?
            .mapping(VigilConfiguration.init(from:)) ?? .default
        return (configuration, diagnostics)
    }

    /// Reads the top-level mapping.
    init(from mapping: ConfigMapping) {
        self.init()
        dataDir = mapping.parsed("data_dir", Self.validateDataDir) ?? dataDir
        database = mapping.section("database", Database.init(from:))
        server = mapping.section("server", Server.init(from:))
        auth = mapping.section("auth", Auth.init(from:))
        log = mapping.section("log", Log.init(from:))
        warningLists = mapping.section("warning_lists", WarningLists.init(from:))
        if let items = mapping.value("sources")?.sequence() {
            sources = items.compactMap { item in item.mapping(ConfiguredSource.read(from:)) ?? nil }
        }
        if let items = mapping.value("blocklists")?.sequence() {
            blocklists = items.compactMap { item in item.mapping(Self.readBlocklist(from:)) ?? nil }
            var seen = Set<String>()
            for policy in blocklists where !seen.insert(policy.name).inserted {
                mapping.diagnostics.report(line: nil, key: "blocklists", "blocklist \"\(policy.name)\" is defined twice")
            }
        }
        zoneTransfer = mapping.section("zone_transfer", ZoneTransfer.init(from:))
        matching = mapping.section("matching", Matching.init(from:))
        if let items = mapping.value("sensors")?.sequence() {
            sensors = items.compactMap { item in item.mapping(Sensor.read(from:)) ?? nil }
            var seen = Set<String>()
            for sensor in sensors where !seen.insert(sensor.name).inserted {
                mapping.diagnostics.report(line: nil, key: "sensors", "sensor \"\(sensor.name)\" is defined twice")
            }
        }
        notices = mapping.section("notices", Notices.init(from:))
        sharing = mapping.section("sharing", Sharing.init(from:))
    }

    /// Checks that a data directory is a usable path and returns it.
    static func validateDataDir(_ path: String) throws(ConfigurationError.InvalidValue) -> String {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .init("data directory must not be empty")
        }
        guard !path.contains("\0") else {
            throw .init("data directory contains a NUL character")
        }
        return path
    }

    /// The file's text, or `nil` after reporting why it cannot be read.
    private static func readFile(_ path: String, reportingTo diagnostics: ConfigurationDiagnostics) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.report(line: nil, key: nil, "configuration file not found")
            return nil
        }
        guard !isDirectory.boolValue else {
            diagnostics.report(line: nil, key: nil, "is a directory, not a configuration file")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.report(line: nil, key: nil, "cannot read configuration file (permission denied?)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.report(line: nil, key: nil, "configuration file is not valid UTF-8")
            return nil
        }
        return text
    }
}
