import DataFiles
import Foundation

/// Writes a figure into a directory: NAME.gp and NAME-*.dat (atomically), then NAME.png / NAME.svg through
/// gnuplot. Returns the paths written and gnuplot's warnings. Data files of an earlier rendering that this
/// one does not use are removed, so the directory holds exactly what NAME.gp reads.
public struct FigureWriter: Sendable {
    public var gnuplot: Gnuplot
    public var theme: Theme
    public var formats: [ImageFormat]

    public init(gnuplot: Gnuplot, theme: Theme = Theme(.light), formats: [ImageFormat] = [.png, .svg]) {
        self.gnuplot = gnuplot
        self.theme = theme
        self.formats = formats
    }

    public struct Output: Sendable {
        /// Images, script and data files written, as paths.
        public var files: [String]
        /// gnuplot's warnings (for example about data it could not plot).
        public var warnings: [String]
    }

    public func write(_ figure: Figure, to directory: String) throws -> Output {
        let script = GnuplotScript(figure: figure, theme: theme)
        var files: [String] = []
        for file in script.dataFiles {
            try FileIO.writeAtomically(file.contents, to: directory + "/" + file.name)
            files.append(directory + "/" + file.name)
        }
        let scriptName = figure.name + ".gp"
        try FileIO.writeAtomically(script.script, to: directory + "/" + scriptName)
        files.append(directory + "/" + scriptName)
        // Only once the new script is in place: a run killed at any point leaves a script whose data files exist.
        try removeStaleData(of: figure.name, in: directory, keeping: Set(script.dataFiles.map(\.name)))
        var warnings: [String] = []
        for format in formats {
            let image = figure.name + "." + format.rawValue
            warnings += try gnuplot.render(script: scriptName, in: directory, format: format, output: image)
            files.insert(directory + "/" + image, at: 0)
        }
        return Output(files: files, warnings: warnings)
    }

    /// Removes NAME-<number>.dat files in `directory` other than `keeping`.
    func removeStaleData(of name: String, in directory: String, keeping: Set<String>) throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where !keeping.contains(file) {
            guard file.hasPrefix(name + "-"), file.hasSuffix(".dat"),
                  Int(file.dropFirst(name.count + 1).dropLast(4)) != nil else { continue }
            try FileManager.default.removeItem(atPath: directory + "/" + file)
        }
    }
}
