import DataFiles
import Foundation

/// Writes a figure into a directory: NAME.gp and NAME-*.dat (atomically), then NAME.png / NAME.svg through
/// gnuplot. Returns the paths written and gnuplot's warnings.
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
        var warnings: [String] = []
        for format in formats {
            let image = figure.name + "." + format.rawValue
            warnings += try gnuplot.render(script: scriptName, in: directory, format: format, output: image)
            files.insert(directory + "/" + image, at: 0)
        }
        return Output(files: files, warnings: warnings)
    }
}
