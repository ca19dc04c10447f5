/// How sources and items combine into an indicator's confidence (SPEC C1).
///
/// Each source *i* that lists the indicator gives evidence `sᵢ = reliabilityᵢ/100 × confidenceᵢ/100`
/// (its reliability times the confidence it gave the item, 100 when it gave none). Sources are
/// treated as independent witnesses, so the chance that all of them are wrong is the product of
/// `(1 − sᵢ)`, and
///
///     confidence = round(100 × (1 − Π (1 − sᵢ)))
///
/// One source at reliability 80 gives 80; a second, independent one at 60 raises it to 92; a
/// source never lowers it. Decay with age is applied on top by the lifecycle job, not stored here.
public enum Confidence {
    /// The combined confidence, 0–100, of the given (reliability, item confidence) pairs.
    public static func combined(_ evidence: [(reliability: Int, confidence: Int)]) -> Int {
        var allWrong = 1.0
        for item in evidence {
            let strength = Double(min(max(item.reliability, 0), 100)) / 100 * Double(min(max(item.confidence, 0), 100)) / 100
            allWrong *= 1 - strength
        }
        return Int((100 * (1 - allWrong)).rounded())
    }
}
