import MathTasks
import XCTest
@testable import Study

/// The arm settings are enums whose raw values are the study config's strings: a config names them by those
/// strings, and the run's hash input, label and metrics.csv write them back unchanged.
final class ArmDataTests: XCTestCase {
    /// An unknown or misplaced value is one line naming the file, the field (with its arm) and the value.
    func testUnknownSettingsAreOneLineErrorsNamingFieldAndValue() {
        let methods = "numbers, background, constraint, numbers+background, rephrase, mixed"
        let cases: [(String, String, String)] = [
            ("\"E1\": {}", "\"E1\": {\"data\": \"none\"}", "field 'experiments.E1.data': 'none' is not one of real, synthetic"),
            ("\"E1\": {}", "\"E1\": {\"data\": \"Real\"}", "field 'experiments.E1.data': 'Real' is not one of real, synthetic"),
            ("\"E1\": {}", "\"E1\": {\"method\": \"numbers\"}",
             "field 'experiments.E1.method': 'numbers' makes synthetic data; real data's method is real (or set \"data\": \"synthetic\")"),
            ("\"E1\": {}", "\"E1\": {\"method\": \"mixed\"}",
             "field 'experiments.E1.method': 'mixed' makes synthetic data; real data's method is real (or set \"data\": \"synthetic\")"),
            ("\"E1\": {}", "\"E1\": {\"method\": \"fancy\"}", "field 'experiments.E1.method': 'fancy' is not one of real, \(methods)"),
            ("\"E1\": {}", "\"E1\": {\"method\": \"none\"}", "field 'experiments.E1.method': 'none' is not one of real, \(methods)"),
            ("{\"data\": \"synthetic\", \"sizes\": [8, 16, 48]}", "{\"data\": \"synthetic\", \"method\": \"real\", \"sizes\": [8, 16, 48]}",
             "field 'experiments.E2.arms[1].method': 'real' is real data's method; synthetic data's is one of \(methods)"),
            ("{\"data\": \"synthetic\", \"sizes\": [8, 16, 48]}", "{\"data\": \"synthetic\", \"method\": \"Numbers\", \"sizes\": [8, 16, 48]}",
             "field 'experiments.E2.arms[1].method': 'Numbers' is not one of real, \(methods)"),
            ("\"E1\": {}", "\"E1\": {\"domain\": \"algebra\"}", "field 'experiments.E1.domain': 'algebra' is not one of gsm, math, mix"),
            ("\"E1\": {}", "\"E1\": {\"domain\": \"none\"}", "field 'experiments.E1.domain': 'none' is not one of gsm, math, mix"),
            ("\"E1\": {}", "\"E1\": {\"resample\": \"longest\"}", "field 'experiments.E1.resample': 'longest' is not one of uniform, long"),
            ("\"E1\": {}", "\"E1\": {\"resample\": 1}", "field 'experiments.E1.resample': expected a string"),
            ("\"E1\": {}", "\"E1\": {\"eval_domains\": [\"gsm\", \"mix\"]}", "field 'experiments.E1.eval_domains[1]': 'mix' is not one of gsm, math"),
            ("\"E1\": {}", "\"E1\": {\"eval_domains\": [\"gsm\", 2]}", "field 'experiments.E1.eval_domains[1]': expected a string"),
            ("\"E1\": {}", "\"E1\": {\"eval_domains\": [\"math\", \"math\"]}", "field 'experiments.E1.eval_domains[1]': duplicate value"),
            ("\"warmup_steps\": 2}", "\"warmup_steps\": 2, \"domains\": [\"mix\"]}", "field 'pretrain.domains[0]': 'mix' is not one of gsm, math"),
            ("\"regen_size\": 4}", "\"regen_size\": 4, \"grading\": \"lenient\"}", "field 'eval.grading': 'lenient' is not one of standard, strict"),
        ]
        assertConfigErrors(cases.map { ($0, $1, "tiny.json: " + $2) })
    }

    /// Each value is read from its config string and written back as the same string (also by interpolation).
    func testConfigStringsReadAndWriteTheSameValues() throws {
        let text = tinyConfig(replacing: "\"E1\": {}", with: """
            "E1": {}, "E6": {"data": "synthetic", "sizes": [8], "domain": "mix", "resample": "long",
                           "arms": [{"method": "numbers+background"}, {"method": "rephrase", "domain": "math", "eval_domains": ["math", "gsm"]}]}
            """)
        let arms = try XCTUnwrap(StudyConfig(parsing: text, file: "tiny.json").experiments.first { $0.id == "E6" }).arms
        XCTAssertEqual(arms.map(\.data), [.synthetic, .synthetic])
        XCTAssertEqual(arms.map(\.method), [.synthesized(.numbersBackground), .synthesized(.rephrase)])
        XCTAssertEqual(arms.map(\.domain), [.mix, .single(.math)])
        XCTAssertEqual(arms.map(\.resample), [.long, .long])
        XCTAssertEqual(arms.map(\.evalDomains), [[.gsm, .math], [.math, .gsm]], "a mix is evaluated on both by default")

        let everyValue: [(String, String)] = [DataKind.allCases.map { ($0.rawValue, "\($0)") },
                                              ([.real, .noSFT] + DataMethod.synthetic).map { ($0.rawValue, "\($0)") },
                                              ([.noSFT] + DataDomain.configurable).map { ($0.rawValue, "\($0)") },
                                              ResampleMode.allCases.map { ($0.rawValue, "\($0)") }].flatMap { $0 }
        XCTAssertEqual(everyValue.map(\.0), ["real", "synthetic", "none", "real", "none", "numbers", "background", "constraint",
                                             "numbers+background", "rephrase", "mixed", "none", "gsm", "math", "mix", "uniform", "long"])
        XCTAssertEqual(everyValue.map(\.1), everyValue.map(\.0), "interpolation writes the raw value")
        for method in [.real, .noSFT] + DataMethod.synthetic { XCTAssertEqual(DataMethod(rawValue: method.rawValue), method) }
        for domain in [.noSFT] + DataDomain.configurable { XCTAssertEqual(DataDomain(rawValue: domain.rawValue), domain) }
        XCTAssertNil(DataMethod(rawValue: "numbers background"))
        XCTAssertNil(DataDomain(rawValue: "Mix"))
    }

    /// What the SFT data code draws from: the mix is gsm then math, `mixed` draws every synthesis method.
    func testDomainsAndMethodsBehindTheNames() {
        XCTAssertEqual(DataDomain.mix.domains, [.gsm, .math])
        XCTAssertEqual(DataDomain.single(.math).domains, [.math])
        XCTAssertEqual(DataDomain.noSFT.domains, [])
        XCTAssertEqual([DataDomain.mix, .single(.math), .noSFT].map(\.primary), [.gsm, .math, .gsm])
        XCTAssertEqual(DataMethod.mixed.synthesisMethods, SynthesisMethod.allCases)
        XCTAssertEqual(DataMethod.synthesized(.constraint).synthesisMethods, [.constraint])
        XCTAssertEqual(DataMethod.real.synthesisMethods, [])
    }

    /// The run's hash input and label hold the config's strings; a base run (size 0) is `none` and labelled `base`.
    func testRunsWriteTheConfigStrings() throws {
        let text = tinyConfig(replacing: "\"E1\": {}", with: """
            "E1": {}, "E7": {"data": "synthetic", "method": "numbers+background", "domain": "mix", "verified": true,
                           "resample": "long", "sizes": [8]}
            """)
        let plan = StudyPlan(config: try StudyConfig(parsing: text, file: "tiny.json"))
        let run = try XCTUnwrap(plan.runs.first { $0.experiments == ["E7"] })
        XCTAssertEqual(run.label, "d16L1 numbers+background/mix+verified+long 8 s1")
        let canonical = run.canonical
        XCTAssertEqual(canonical["data"] as? String, "synthetic")
        XCTAssertEqual(canonical["method"] as? String, "numbers+background")
        XCTAssertEqual(canonical["domain"] as? String, "mix")
        XCTAssertEqual(canonical["resample"] as? String, "long")
        XCTAssertEqual(canonical["eval_domains"] as? [String], ["gsm", "math"])
        XCTAssertTrue(CanonicalJSON.encode(canonical).contains("\"method\":\"numbers+background\""), CanonicalJSON.encode(canonical))

        let base = try XCTUnwrap(plan.runs.first { $0.size == 0 })
        XCTAssertEqual(base.label, "d16L1 base 0 s1")
        XCTAssertEqual(base.canonical["data"] as? String, "none")
        XCTAssertNil(base.canonical["method"], "a base run hashes no SFT data fields")
        XCTAssertEqual(base.base.canonical["domains"] as? [String], ["gsm"])
    }
}
