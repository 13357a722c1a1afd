// swift-tools-version:6.0
// The `scaling` toolkit: data-scaling-law studies of math reasoning in small language models.
// The folder tree reads like the architecture; data flows one way:
//   MathTasks -> Transformer -> Grading -> Metrics -> Study (results files) -> Fits -> Figures.
// The paper's experiments (Study/Experiments: arms, findings, figure) draw with Figures, and the results schema
// (ResultsSchema: metrics.csv's columns and metric names) is the one both the writer (Study) and Figures read.
import PackageDescription

let package = Package(
    name: "scaling",
    products: [
        .executable(name: "scaling", targets: ["scaling"]),
    ],
    targets: [
        // C libraries from Debian (libopenblas-dev, liblapacke-dev), wrapped as system libraries.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CLapacke", path: "Sources/CLapacke"),
        // The trainer's hot kernels in C (GEMM microkernel, GELU, softmax rows), one source compiled for AVX-512,
        // AVX2+FMA and portable vectors, the path chosen at run time from the CPU's features.
        .target(name: "CKernels"),
        // The trainer's fork-join workers: persistent threads that spin briefly between parallel regions.
        .target(name: "CWorkers"),

        // prctl(PR_SET_PDEATHSIG) for child processes that must die with the sweep (Swift cannot call variadic C).
        .target(name: "CProcessControl"),

        // Shared plumbing: CSV/JSONL with line-numbered errors, atomic writes.
        .target(name: "DataFiles"),
        // Hand-written command-line parsing in the style of swift-argument-parser.
        .target(name: "Arguments"),

        // Scaling-law fits (LAPACK least squares) and figures (gnuplot).
        .target(name: "Fits", dependencies: ["CLapacke", "DataFiles"]),
        // metrics.csv's columns and metric names, written by Study and read by Figures.
        .target(name: "ResultsSchema"),
        .target(name: "Figures", dependencies: ["Fits", "DataFiles", "ResultsSchema"]),

        // Answer extraction and exact step checking of model outputs (and of the teacher's annotations).
        .target(name: "Grading"),
        // The math tasks: problem generator, synthesizer, corpora, GSM8K-format records.
        .target(name: "MathTasks", dependencies: ["DataFiles", "Grading"]),
        // Accuracy, Pass@N, PassRatio@N, pass@k, maj@N, Acc_step, with intervals.
        .target(name: "Metrics", dependencies: ["Grading", "MathTasks", "DataFiles", "Fits"]),

        // The GPT trainer on OpenBLAS and CKernels: model, optimizer, tokenizer, checkpoints, sampling.
        .target(name: "Transformer", dependencies: ["COpenBLAS", "CKernels", "CWorkers", "DataFiles"]),

        // The study: configs, runner, results store, the experiments (each one file: arms, findings, figure), report.
        .target(name: "Study", dependencies: ["MathTasks", "Grading", "Metrics", "Transformer", "Fits", "Figures", "ResultsSchema",
                                              "DataFiles", "CProcessControl"]),

        // The command-line tool: parses arguments and calls the libraries.
        .executableTarget(name: "scaling", dependencies: [
            "Arguments", "DataFiles", "Fits", "Figures", "MathTasks", "Grading", "Metrics", "Transformer", "Study", "ResultsSchema",
        ]),

        .testTarget(name: "DataFilesTests", dependencies: ["DataFiles"]),
        .testTarget(name: "ArgumentsTests", dependencies: ["Arguments"]),
        .testTarget(name: "FitsTests", dependencies: ["Fits", "DataFiles"], resources: [.copy("Data")]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "Fits", "DataFiles", "ResultsSchema"]),
        .testTarget(name: "MathTasksTests", dependencies: ["MathTasks", "Grading"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "MathTasks", "DataFiles"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Grading", "MathTasks", "DataFiles", "Fits"]),
        .testTarget(name: "TransformerTests", dependencies: ["Transformer", "DataFiles"], resources: [.copy("Data")]),
        .testTarget(name: "StudyTests", dependencies: ["Study", "Transformer", "MathTasks", "Metrics", "Figures", "ResultsSchema", "DataFiles"],
                    resources: [.copy("Data")]),
        .testTarget(name: "CLITests", dependencies: ["DataFiles"]),
    ],
    swiftLanguageModes: [.v6]
)
