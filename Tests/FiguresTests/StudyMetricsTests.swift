import DataFiles
import Foundation
import XCTest
@testable import Figures
import ResultsSchema

final class StudyMetricsTests: XCTestCase {
    static let header = MetricsColumn.header.joined(separator: ",")

    func metrics(_ lines: [String], header: String = StudyMetricsTests.header) throws -> StudyMetrics {
        let dir = try ImageCheck.temporaryDirectory()
        try ([header] + lines).joined(separator: "\n").write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        return try StudyMetrics(path: dir + "/metrics.csv")
    }

    /// Seeds of one configuration are averaged, intervals too, and an interval survives only if every seed has one.
    func testMeasurementsAverageSeeds() throws {
        let m = try metrics([
            "s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,0.2,0.1,0.3,200,1",
            "s,E1,r2,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,2,greedy_accuracy,0.4,0.3,0.5,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,gsm,gsm,false,uniform,256,1,greedy_accuracy,0.5,,,200,1",
            "s,E1,r4,d64L2,128000,1,real,real,gsm,gsm,false,uniform,256,2,greedy_accuracy,0.7,0.6,0.8,200,1",
        ])
        let rows = try m.experiment("E1", columns: [.dataSize])
        let measured = try rows.metric(.greedyAccuracy).measurements { try $0.number(.dataSize) }
        XCTAssertEqual(measured.map(\.key), [64, 256])
        XCTAssertEqual(measured[0].value.value, 0.3, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.low!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.high!, 0.4, accuracy: 1e-12)
        XCTAssertEqual(measured[0].value.count, 2)
        XCTAssertEqual(measured[1].value.value, 0.6, accuracy: 1e-12)
        XCTAssertNil(measured[1].value.low)
    }

    /// An undefined value ("nan") is left out; an empty one is an error naming the line.
    func testUndefinedValuesAreLeftOut() throws {
        let m = try metrics([
            "s,E5,r1,d64L2,,1,real,real,gsm,gsm,false,uniform,64,1,calc_error_share,nan,nan,nan,200,1",
            "s,E5,r2,d64L2,,1,real,real,gsm,gsm,false,uniform,64,2,calc_error_share,0.5,0.4,nan,200,1",
            "s,E5,r3,d64L2,,1,real,real,gsm,gsm,false,uniform,256,1,calc_error_share,,,,200,1",
        ])
        let rows = try m.experiment("E5", columns: [])
        let measured = try Array(rows.prefix(2)).measurements { try $0.number(.dataSize) }
        XCTAssertEqual(measured.count, 1)
        XCTAssertEqual(measured[0].value.value, 0.5)
        XCTAssertEqual(measured[0].value.low, 0.4)
        XCTAssertNil(measured[0].value.high)
        XCTAssertThrowsError(try rows.measurements { try $0.number(.dataSize) }) { error in
            XCTAssertEqual("\(error)", "\(m.file):4: field 'value': missing value")
        }
    }

    func testBadNumberNamesFileLineAndColumn() throws {
        let m = try metrics(["s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,abc,,,200,1"])
        let rows = try m.experiment("E1", columns: [])
        XCTAssertThrowsError(try rows.measurements { $0.metric.rawValue }) { error in
            XCTAssertEqual("\(error)", "\(m.file):2: field 'value': not a finite number: 'abc'")
        }
    }

    func testMissingColumnAndExperimentAreNamed() throws {
        let m = try metrics(["s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,64,1,greedy_accuracy,0.5,,,200,1"],
                            header: MetricsColumn.header.filter { $0 != "resample" }.joined(separator: ","))
        XCTAssertThrowsError(try m.experiment("E1", columns: [.resample])) { error in
            XCTAssertEqual("\(error)", "\(m.file):1: no column 'resample' (needed for experiment E1)")
        }
        XCTAssertThrowsError(try m.experiment("E7", columns: [])) { error in
            XCTAssertEqual("\(error)", "\(m.file): no rows for experiment E7 (experiments present: E1)")
        }
    }

    /// A run shared with the cross-domain experiment is evaluated on both domains; figures other than F8 keep
    /// the in-domain rows, and the base model (domain none) and the mix keep the main domain.
    func testInDomainRows() throws {
        let m = try metrics([
            "s,E1,r0,d64L2,128000,1,none,none,none,gsm,false,uniform,0,1,greedy_accuracy,0.1,,,200,1",
            "s,E1,r0,d64L2,128000,1,none,none,none,math,false,uniform,0,1,greedy_accuracy,0.05,,,200,1",
            "s,E1,r1,d64L2,128000,1,real,real,gsm,gsm,false,uniform,64,1,greedy_accuracy,0.5,,,200,1",
            "s,E1,r1,d64L2,128000,1,real,real,gsm,math,false,uniform,64,1,greedy_accuracy,0.2,,,200,1",
            "s,E1,r2,d64L2,128000,1,real,real,math,math,false,uniform,64,1,greedy_accuracy,0.3,,,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,mix,math,false,uniform,64,1,greedy_accuracy,0.3,,,200,1",
            "s,E1,r3,d64L2,128000,1,real,real,mix,gsm,false,uniform,64,1,greedy_accuracy,0.4,,,200,1",
        ])
        let kept = try m.experiment("E1", columns: []).evaluatedInDomain()
        XCTAssertEqual(kept.map { "\($0[.run])/\($0[.evalDomain])" }, ["r0/gsm", "r1/gsm", "r2/math", "r3/gsm"])
    }
}
