import VigilCore

extension VigilConfiguration {
    /// One entry of the `sources:` list: a feed source defined in the file. `vigil serve` and every
    /// command create or update these sources in the store when they open it.
    public struct ConfiguredSource: Sendable, Equatable {
        /// The source's settings.
        public var definition: SourceDefinition
        /// `organisation`: name of the owning organisation (default: the first admin's).
        public var organisation: String?

        /// Reads one list entry; `nil` when required keys are missing (reported).
        static func read(from mapping: ConfigMapping) -> ConfiguredSource? {
            let name = mapping.string("name")
            let format = mapping.string("format")
            let collector = mapping.string("collector") ?? "file"
            var options: [String: String] = [:]
            if let node = mapping.value("options") {
                _ = node.mapping { optionMapping in
                    for key in optionMapping.keys { options[key] = optionMapping.string(key) }
                }
            }
            guard let name, let format else {
                if name == nil { mapping.diagnostics.report(line: nil, key: ConfigMapping.join(mapping.path, "name"), "a source needs a name") }
                if format == nil { mapping.diagnostics.report(line: nil, key: ConfigMapping.join(mapping.path, "format"), "a source needs a format") }
                return nil
            }
            let definition = SourceDefinition(
                name: name, collector: collector, format: format, location: mapping.optional("location") { $0 },
                options: options.isEmpty ? nil : options, scheduleSeconds: mapping.int("schedule_seconds", in: 60...2_592_000),
                reliability: mapping.int("reliability", in: 0...100),
                defaultTLP: mapping.tlp("default_tlp"), threatType: mapping.threatType("threat_type"),
                tags: mapping.value("tags")?.sequence()?.compactMap { $0.string() },
                maxBytes: mapping.int("max_bytes", in: 1024...17_179_869_184), enabled: mapping.bool("enabled"))
            return ConfiguredSource(definition: definition, organisation: mapping.optional("organisation") { $0 })
        }
    }
}
