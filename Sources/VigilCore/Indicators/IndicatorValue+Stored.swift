extension IndicatorValue {
    /// A value read back from Vigil's own store, where only canonical values are ever written;
    /// skips re-parsing on the hot path of batch lookups. Never use it for outside input.
    public init(trustedType type: IndicatorType, canonical: String) {
        self.type = type
        self.canonical = canonical
    }
}
