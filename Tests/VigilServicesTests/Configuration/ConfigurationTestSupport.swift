import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

/// Parses `yaml` as `vigil.yaml` and returns the problems reported (empty if it parsed).
func configurationProblems(_ yaml: String, file: String = "vigil.yaml") -> [ConfigurationError.Problem] {
    do {
        _ = try VigilConfiguration.parse(yaml: yaml, file: file)
        return []
    } catch let error as ConfigurationError {
        return error.problems
    } catch {
        Issue.record("unexpected error type: \(error)")
        return []
    }
}

/// Loads with `file` and `environment` and returns the problems reported.
func loadProblems(file: String?, environment: [String: String]) -> [ConfigurationError.Problem] {
    do {
        _ = try VigilConfiguration.load(file: file, environment: environment)
        return []
    } catch let error as ConfigurationError {
        return error.problems
    } catch {
        Issue.record("unexpected error type: \(error)")
        return []
    }
}
