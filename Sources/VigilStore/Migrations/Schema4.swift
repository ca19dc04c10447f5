/// Faster bulk ingest: the index on `indicators.value` alone goes. Every lookup by value names its
/// type (or all types), so the (type, value) key serves it, and one random-order index less makes
/// each imported batch rewrite far fewer pages.
enum Schema4 {
    static let migration = Migration(version: 4, name: "drop-value-index") { _ in
        ["DROP INDEX indicators_value"]
    }
}
