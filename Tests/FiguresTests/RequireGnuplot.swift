import Figures
import XCTest

/// The gnuplot the figure tests render with; skips the test, saying why, when gnuplot is not installed.
func requireGnuplot() throws -> Gnuplot {
    do {
        return try Gnuplot.locate()
    } catch {
        throw XCTSkip("gnuplot is not installed (\(error)); figures are not rendered")
    }
}
